"""An enterprise asks a school for graduates: page and API, validation, duplicates, limits."""

import pytest

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.contact_requests.models import ContactRequest, ContactRequestState
from chanjiao.contact_requests.services import DAILY_LIMIT, contact_request_create
from chanjiao.contact_requests.tests.factories import ContactRequestFactory
from chanjiao.organizations.models import VerificationStatus
from chanjiao.organizations.tests.factories import SchoolFactory
from chanjiao.subscriptions.models import NoticeCategory, Notification
from chanjiao.workflow.models import TransitionRecord

pytestmark = pytest.mark.django_db
URL = "/api/v1/contact-requests/"


def _input(school, major, year, **extra):
    return {"school": school.pk, "major": major.pk, "graduation_year": year, **extra}


def test_api_creates_a_pending_request_and_tells_the_schools_staff(
    client_for, recruiter, enterprise, school, school_officer, school_admin, cnc, this_year
):
    response = client_for(recruiter).post(
        URL, _input(school, cnc, this_year, headcount=8, message="数控操作工"), format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["state"], body["contact"]) == ("pending", None)
    assert body["available_transitions"] == [{"name": "withdraw", "label": "撤回"}]
    request = ContactRequest.objects.get()
    assert (request.enterprise, request.requested_by, request.headcount) == (
        enterprise,
        recruiter,
        8,
    )
    notices = Notification.objects.filter(category=NoticeCategory.CONTACT)
    assert sorted(n.user.username for n in notices) == ["school_admin", "school_officer"]
    assert notices.first().url == f"/contact-requests/{request.pk}/"
    assert AuditEvent.objects.get(action="contact_request.create").actor == recruiter
    assert TransitionRecord.objects.get(object_id=str(request.pk)).transition == "create"


def test_page_creates_from_the_prefilled_form(client, recruiter, school, cnc, this_year):
    client.force_login(recruiter)
    url = f"/contact-requests/new/?school={school.pk}&major={cnc.pk}&year={this_year}"

    form = client.get(url)
    response = client.post(
        url, {"school": school.pk, "major": cnc.pk, "graduation_year": this_year, "headcount": 3}
    )

    assert form.status_code == 200
    html = form.content.decode()
    assert f'<option value="{cnc.pk}" selected>数控技术</option>' in html
    assert f'<option value="{this_year}" selected>{this_year}届</option>' in html
    request = ContactRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/contact-requests/{request.pk}/"
    assert (request.major, request.graduation_year, request.headcount) == (cnc, this_year, 3)


def test_page_without_school_asks_for_one(client, recruiter, school):
    client.force_login(recruiter)

    response = client.get("/contact-requests/new/")

    assert response.status_code == 200
    assert f'<option value="{school.pk}">梧州职业学院' in response.content.decode()


@pytest.mark.parametrize(
    ("_case", "field", "text"),
    [
        ("major not offered", "major", "未开设"),
        ("year too far ahead", "graduation_year", "毕业年份"),
        ("year too far back", "graduation_year", "毕业年份"),
        ("headcount zero", "headcount", "拟招人数"),
    ],
)
def test_api_validation_names_the_field(
    client_for, recruiter, school, cnc, tea, this_year, _case, field, text
):
    data = {
        "major not offered": _input(school, tea, this_year),
        "year too far ahead": _input(school, cnc, this_year + 5),
        "year too far back": _input(school, cnc, this_year - 6),
        "headcount zero": _input(school, cnc, this_year, headcount=0),
    }[_case]

    response = client_for(recruiter).post(URL, data, format="json")

    assert response.status_code == 400
    body = response.json()
    assert field in (body["extra"].get("fields") or body["extra"])
    assert text in str(body)
    assert not ContactRequest.objects.exists()


def test_page_validation_shows_the_message_beside_the_field(client, recruiter, school, cnc):
    client.force_login(recruiter)
    url = f"/contact-requests/new/?school={school.pk}"

    response = client.post(url, {"school": school.pk, "major": cnc.pk, "graduation_year": ""})

    assert response.status_code == 200
    assert "请选择毕业年份。" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_unverified_school_is_refused(client_for, recruiter, cnc, this_year):
    school = SchoolFactory(name="未认证学院", is_verified=False)

    response = client_for(recruiter).post(URL, _input(school, cnc, this_year), format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["field"] == "school"


def test_a_non_school_is_refused(client_for, recruiter, other_enterprise, cnc, this_year):
    response = client_for(recruiter).post(
        URL, _input(other_enterprise, cnc, this_year), format="json"
    )

    assert response.status_code == 400
    assert "不是学校" in response.json()["message"]


def test_second_pending_request_for_the_cohort_is_refused_naming_it(
    client_for, recruiter, pending, school, cnc, this_year
):
    response = client_for(recruiter).post(URL, _input(school, cnc, this_year), format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["extra"]["existing_id"] == pending.pk
    assert f"编号 {pending.pk}" in body["message"]
    assert "数控技术" in body["message"]
    assert ContactRequest.objects.count() == 1


def test_after_an_answer_the_cohort_may_be_asked_again(
    client_for, recruiter, accepted, school, cnc, this_year
):
    response = client_for(recruiter).post(URL, _input(school, cnc, this_year), format="json")

    assert response.status_code == 201
    assert ContactRequest.objects.filter(state=ContactRequestState.PENDING).count() == 1


@pytest.mark.parametrize("_case", ["a school's staff", "an outsider", "an unverified enterprise"])
def test_only_verified_non_schools_may_ask(
    client_for, school_officer, outsider, recruiter, enterprise, school, cnc, this_year, _case
):
    if _case == "an unverified enterprise":
        enterprise.verification_status = VerificationStatus.UNVERIFIED
        enterprise.save()
    actor = {"a school's staff": school_officer, "an outsider": outsider}.get(_case, recruiter)

    response = client_for(actor).post(URL, _input(school, cnc, this_year), format="json")

    assert response.status_code == 403
    assert "已认证" in response.json()["message"]
    assert AuditEvent.objects.get(action="contact_request.create").result == AuditResult.DENIED
    assert not ContactRequest.objects.exists()


def test_page_refuses_a_user_who_may_not_ask(client, outsider, school):
    client.force_login(outsider)

    response = client.get(f"/contact-requests/new/?school={school.pk}")

    assert response.status_code == 403
    assert "已认证的企业" in response.content.decode()


def test_daily_limit(recruiter, enterprise, school, cnc, design, this_year):
    ContactRequestFactory.create_batch(
        DAILY_LIMIT,
        enterprise=enterprise,
        requested_by=recruiter,
        school=school,
        major=design,
        state=ContactRequestState.WITHDRAWN,
    )

    with pytest.raises(Exception, match="每日上限"):
        contact_request_create(
            actor=recruiter,
            enterprise=enterprise,
            school=school,
            major=cnc,
            graduation_year=this_year,
        )
    assert ContactRequest.objects.count() == DAILY_LIMIT


def test_several_organisations_must_name_one(
    client_for, recruiter, other_enterprise, school, cnc, this_year
):
    from chanjiao.accounts.models import Role
    from chanjiao.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=recruiter, organization=other_enterprise, role=Role.ORG_ADMIN)
    client = client_for(recruiter)

    missing = client.post(URL, _input(school, cnc, this_year), format="json")
    named = client.post(
        URL, _input(school, cnc, this_year, enterprise=other_enterprise.pk), format="json"
    )

    assert missing.status_code == 400
    assert missing.json()["extra"]["field"] == "enterprise"
    assert named.status_code == 201
    assert ContactRequest.objects.get().enterprise == other_enterprise


def test_page_offers_a_choice_of_organisations(
    client, recruiter, other_enterprise, school, cnc, this_year
):
    from chanjiao.accounts.models import Role
    from chanjiao.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=recruiter, organization=other_enterprise, role=Role.ORG_ADMIN)
    client.force_login(recruiter)
    url = f"/contact-requests/new/?school={school.pk}"

    missing = client.post(url, {"major": cnc.pk, "graduation_year": this_year})
    named = client.post(
        url, {"enterprise": other_enterprise.pk, "major": cnc.pk, "graduation_year": this_year}
    )

    assert "请选择以哪个单位的名义提出请求。" in missing.content.decode()
    assert named.status_code == 302
    assert ContactRequest.objects.get().enterprise == other_enterprise
