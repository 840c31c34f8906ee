"""The workbench tasks and menu links of applications, contact requests and events."""

import pytest

from chanjiao.applications.services import application_invite, application_submit
from chanjiao.catalogs.models import Major
from chanjiao.contact_requests.services import contact_request_create
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.web.tests.test_workbench import _menu, _tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(recruiter, enterprise, wuzhou_gov):
    return listing_make(
        kind="job", author=recruiter, organization=enterprise, reviewer=reviewer_for(wuzhou_gov)
    )


@pytest.fixture
def applicant(student):
    student.real_name = "王小明"
    student.phone = "13711112222"
    student.save()
    return student


def test_the_publisher_is_told_of_new_applications(client, recruiter, applicant, job):
    client.force_login(recruiter)
    before = client.get("/").content.decode()
    assert _tasks(before)["新收到的投递"] == 0
    assert "收到的投递" in _menu(before)

    application_submit(actor=applicant, listing=job)

    html = client.get("/").content.decode()
    assert _tasks(html)["新收到的投递"] == 1
    assert 'href="/applications/received/?state=submitted"' in html
    # Someone waits on the recruiter: that task comes before the calm ones.
    labels = list(_tasks(html))
    assert labels.index("新收到的投递") < labels.index("被驳回、待修改的信息")


def test_the_applicant_sees_their_applications_and_an_invitation(client, recruiter, applicant, job):
    client.force_login(applicant)
    assert "我的投递" not in _tasks(client.get("/").content.decode())
    assert "我的投递" in _menu(client.get("/").content.decode())

    application = application_submit(actor=applicant, listing=job)
    application_invite(actor=recruiter, application=application, message="周一面试")

    html = client.get("/").content.decode()
    assert _tasks(html)["我的投递"] == 1
    assert "其中 1 份邀请你面试" in html


def test_a_school_is_told_of_contact_requests_and_sees_no_empty_inbox_task(
    client, recruiter, school_admin, wuzhou_school, enterprise
):
    client.force_login(school_admin)
    before = _tasks(client.get("/").content.decode())
    assert before["用人单位的联系请求"] == 0
    assert "新收到的投递" not in before  # nobody applied to the school's posts

    contact_request_create(
        actor=recruiter,
        enterprise=enterprise,
        school=wuzhou_school,
        major=Major.objects.get(system="vocational", catalog_version="2021", code="460103"),
        graduation_year=2027,
    )

    assert _tasks(client.get("/").content.decode())["用人单位的联系请求"] == 1
