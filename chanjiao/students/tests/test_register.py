"""Sign-up with a claim, through the page and the API: one step, nothing written on error."""

import pytest

from chanjiao.accounts.models import User
from chanjiao.audit.models import AuditEvent
from chanjiao.students.models import ClaimState, StudentClaim, StudentProfile
from chanjiao.workflow.models import TransitionRecord

pytestmark = pytest.mark.django_db

API = "/api/v1/students/register/"
PAGE = "/students/register/"


def _page_data(signup, **changes):
    data = {**signup, "password_confirm": signup["password"], **changes}
    return {key: "" if value is None else value for key, value in data.items()}


def test_page_registers_files_the_claim_and_signs_in(client, signup, cnc, school):
    response = client.post(PAGE, _page_data(signup))

    assert response.status_code == 302
    assert response["Location"] == "/students/claim/"
    user = User.objects.get(username="li_ming")
    assert user.real_name == "李明"
    assert user.check_password(signup["password"])
    claim = StudentClaim.objects.get(user=user)
    assert claim.state == ClaimState.PENDING
    assert (claim.school, claim.major, claim.student_number) == (school, cnc, "2024001")
    assert claim.graduation_year == signup["graduation_year"]
    assert not StudentProfile.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="account.register", target_id=str(user.pk)).exists()
    filed = AuditEvent.objects.get(action="student_claim.file")
    assert filed.target_id == str(claim.pk)
    assert filed.actor == user
    record = TransitionRecord.objects.get(workflow="student_claim", object_id=str(claim.pk))
    assert (record.transition, record.to_state) == ("file", "pending")
    page = client.get("/students/claim/")
    assert "待学校确认" in page.content.decode()


def test_page_lists_schools_and_the_chosen_schools_majors(client, school, other_school):
    page = client.get(PAGE).content.decode()
    assert '<option value="梧州职业学院">' in page
    assert '<option value="双鸭山职业技术学院">' in page

    majors = client.get("/students/majors/", {"school": "梧州职业学院"}).json()
    assert majors == {"found": True, "majors": ["数控技术", "机械设计与制造"]}


def test_school_without_majors_offers_the_catalogue_of_its_level(client, other_school):
    majors = client.get("/students/majors/", {"school": "双鸭山职业技术学院"}).json()["majors"]
    assert "数控技术" in majors
    assert len(majors) > 100


@pytest.mark.parametrize(
    ("_case", "changes", "field", "text"),
    [
        ("bad username", {"username": "9李"}, "username", "用户名为 3—30 位"),
        ("short password", {"password": "abc", "password_confirm": "abc"}, "password", "密码"),
        ("bad e-mail", {"email": "not-an-email"}, "email", "有效的电子邮箱"),
        ("unknown major", {"major": "烹饪工艺"}, "major", "没有名为“烹饪工艺”的专业"),
        ("unknown school", {"school": "不存在学院"}, "school", "没有找到学校“不存在学院”"),
        ("passwords differ", {"password_confirm": "Other-Pass-2026"}, "password_confirm", "不一致"),
    ],
)
def test_page_refuses_bad_input_naming_the_field(client, signup, _case, changes, field, text):
    users_before = User.objects.count()

    response = client.post(PAGE, _page_data(signup, **changes))

    assert response.status_code == 200
    form = response.context["form"]
    assert any(text in message for message in form.errors[field])
    assert User.objects.count() == users_before
    assert not StudentClaim.objects.exists()
    assert not AuditEvent.objects.filter(action="student_claim.file").exists()


def test_page_shows_account_and_claim_errors_together(client, signup):
    response = client.post(PAGE, _page_data(signup, email="bad", major="烹饪工艺"))

    errors = response.context["form"].errors
    assert "email" in errors
    assert "major" in errors
    assert not User.objects.filter(username="li_ming").exists()


def test_api_registers_and_files_the_claim(api_client, signup, school):
    response = api_client.post(API, signup, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["username"] == "li_ming"
    assert body["claim"]["state"] == "pending"
    assert body["claim"]["state_label"] == "待学校确认"
    assert body["claim"]["school"] == {"id": school.pk, "name": "梧州职业学院"}
    assert body["claim"]["major"]["name"] == "数控技术"
    assert StudentClaim.objects.get(user_id=body["user_id"]).pk == body["claim"]["id"]


@pytest.mark.parametrize(
    ("_case", "changes", "field"),
    [
        ("bad username", {"username": "x"}, "username"),
        ("common password", {"password": "password123"}, "password"),
        ("bad e-mail", {"email": "li@"}, "email"),
        ("unknown major", {"major": "护理"}, "major"),
        ("graduate in the future", {"status": "graduate"}, "graduation_year"),
    ],
)
def test_api_refuses_bad_input_naming_the_field(api_client, signup, _case, changes, field):
    response = api_client.post(API, {**signup, **changes}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert field in body["extra"]["fields"]
    assert body["message"]
    assert not User.objects.filter(username=signup["username"]).exists()
    assert not StudentClaim.objects.exists()


def test_api_refuses_a_taken_e_mail_and_writes_nothing(api_client, signup, outsider):
    outsider.email = "LiMing@example.cn"
    outsider.save()

    response = api_client.post(API, signup, format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["field"] == "email"
    assert not StudentClaim.objects.exists()
    assert User.objects.filter(email__iexact="liming@example.cn").count() == 1


def test_school_list_and_majors_api(api_client, school, other_school):
    schools = api_client.get("/api/v1/students/schools/", {"q": "梧州"}).json()
    assert [s["name"] for s in schools] == ["梧州职业学院"]

    majors = api_client.get(f"/api/v1/students/schools/{school.pk}/majors/").json()
    assert [m["name"] for m in majors] == ["数控技术", "机械设计与制造"]
    assert api_client.get("/api/v1/students/schools/999999/majors/").status_code == 404


def test_signed_in_visitor_is_sent_to_the_claim_page(client, outsider):
    client.force_login(outsider)
    assert client.get(PAGE)["Location"] == "/students/claim/"
