"""The enterprise's sent list and the school's received list, per major and year."""

import pytest

from chanjiao.contact_requests.models import ContactRequestState
from chanjiao.contact_requests.selectors import contact_request_cohorts
from chanjiao.contact_requests.tests.factories import ContactRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(
    school, enterprise, other_enterprise, recruiter, other_recruiter, cnc, design, this_year
):
    S = ContactRequestState
    rows = [
        (enterprise, recruiter, cnc, this_year, S.PENDING),
        (other_enterprise, other_recruiter, cnc, this_year, S.PENDING),
        (enterprise, recruiter, cnc, this_year, S.ACCEPTED),
        (enterprise, recruiter, design, this_year + 1, S.DECLINED),
    ]
    return [
        ContactRequestFactory(
            enterprise=org,
            requested_by=by,
            school=school,
            major=major,
            graduation_year=year,
            state=state,
        )
        for org, by, major, year, state in rows
    ]


def test_cohorts_count_per_major_and_year(school_officer, received, cnc, design, this_year):
    cohorts = contact_request_cohorts(fetched_by=school_officer)

    assert [(c.major, c.graduation_year, c.pending, c.accepted, c.declined) for c in cohorts] == [
        (cnc, this_year, 2, 1, 0),
        (design, this_year + 1, 0, 0, 1),
    ]


def test_received_api_filters(client_for, school_officer, received, cnc, this_year):
    client = client_for(school_officer)

    everything = client.get("/api/v1/contact-requests/received/")
    pending_cnc = client.get(
        "/api/v1/contact-requests/received/",
        {"state": "pending", "major": cnc.pk, "year": this_year},
    )
    cohorts = client.get("/api/v1/contact-requests/received/cohorts/")

    assert everything.json()["count"] == 4
    assert pending_cnc.json()["count"] == 2
    assert {r["state"] for r in pending_cnc.json()["results"]} == {"pending"}
    assert "contact" not in pending_cnc.json()["results"][0]
    assert cohorts.json()[0]["pending"] == 2


def test_sent_api_lists_only_the_own_organisations_requests(
    client_for, recruiter, other_recruiter, received
):
    mine = client_for(recruiter).get("/api/v1/contact-requests/sent/")
    theirs = client_for(other_recruiter).get("/api/v1/contact-requests/sent/")

    assert mine.json()["count"] == 3
    assert theirs.json()["count"] == 1


def test_received_is_empty_for_other_users(client_for, recruiter, school_reviewer, received):
    for user in (recruiter, school_reviewer):
        assert client_for(user).get("/api/v1/contact-requests/received/").json()["count"] == 0


def test_received_page_groups_and_filters(client, school_officer, received, design, this_year):
    client.force_login(school_officer)

    page = client.get("/contact-requests/received/")
    filtered = client.get(f"/contact-requests/received/?major={design.pk}&year={this_year + 1}")

    html = page.content.decode()
    assert page.status_code == 200
    assert f"数控技术（{this_year}届）" in html
    assert "梧州六堡茶业有限公司" in html
    assert filtered.content.decode().count("/contact-requests/" + str(received[3].pk) + "/") == 1
    assert "双鸭山煤化工有限公司" not in filtered.content.decode().split("请求列表")[1]


def test_received_page_refuses_non_school_users(client, recruiter):
    client.force_login(recruiter)

    response = client.get("/contact-requests/received/")

    assert response.status_code == 403
    assert "学校的机构管理员或信息员" in response.content.decode()


def test_sent_page_and_its_empty_state(client, recruiter, other_recruiter, received):
    client.force_login(recruiter)
    mine = client.get("/contact-requests/sent/")
    client.force_login(other_recruiter)
    filtered = client.get("/contact-requests/sent/?state=accepted")

    assert mine.content.decode().count("梧州职业学院") >= 3
    assert "没有该状态的请求" in filtered.content.decode()
