"""Who sees which placement, and whose lists show the student's name and phone in full."""

import pytest

from chanjiao.internships.tests.conftest import URL

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "sees", "full"),
    [
        # The phone is in full for the student only; the school and the bureau reveal it.
        ("intern", True, (True, True)),
        ("school_admin", True, (True, False)),
        ("wuzhou_officer", True, (True, False)),
        ("staff_user", True, (True, False)),
        ("recruiter", True, (False, False)),
        ("enterprise_mentor", True, (False, False)),
        ("shuangyashan_officer", False, (False, False)),
        ("outsider", False, (False, False)),
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
    full_name, full_phone = full
    assert row["student_name"] == ("王小明" if full_name else "王**")
    assert row["student_phone"] == ("13711112222" if full_phone else "137****2222")


def test_anonymous_refused(api_client, placement):
    assert api_client.get(URL).status_code in (401, 403)
