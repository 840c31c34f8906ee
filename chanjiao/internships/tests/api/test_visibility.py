"""Who sees which placement, and whose lists show the student's name and phone in full."""

import pytest

from chanjiao.internships.tests.conftest import URL

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "sees", "full"),
    [
        ("intern", True, True),
        ("school_admin", True, True),
        ("wuzhou_officer", True, True),
        ("staff_user", True, True),
        ("recruiter", True, False),
        ("enterprise_mentor", True, False),
        ("shuangyashan_officer", False, False),
        ("outsider", False, False),
    ],
)
def test_who_sees_what(request, client_for, placement, who, sees, full):
    client = client_for(request.getfixturevalue(who))
    detail = client.get(f"{URL}{placement.pk}/")
    listing = client.get(URL).json()
    if not sees:
        assert detail.status_code == 404
        assert listing["count"] == 0
        return
    assert detail.status_code == 200
    assert listing["count"] == 1
    row = listing["results"][0]
    if full:
        assert (row["student_name"], row["student_phone"]) == ("王小明", "13711112222")
    else:
        assert (row["student_name"], row["student_phone"]) == ("王**", "137****2222")


def test_anonymous_refused(api_client, placement):
    assert api_client.get(URL).status_code in (401, 403)
