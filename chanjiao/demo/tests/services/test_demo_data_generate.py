import base64
import re
from collections import Counter

import pytest
from django.contrib.auth.password_validation import validate_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.catalogs.models import MajorLevel, MajorSystem, Region
from chanjiao.common.exceptions import ApplicationError
from chanjiao.demo.services import DEMO_PASSWORD, demo_data_generate, demo_data_remove
from chanjiao.demo.services.identity import id_number_check_digit
from chanjiao.demo.services.samples import skill_pools
from chanjiao.demo.services.scope import PLATFORM_ACCOUNTS
from chanjiao.demo.services.second_factor import demo_totp_secret
from chanjiao.demo.tests.factories import LocalityFactory
from chanjiao.demo.tests.snapshots import demo_snapshot
from chanjiao.localities.models import NamedInstitution
from chanjiao.organizations.models import (
    SCHOOL_TYPES,
    Organization,
    OrganizationType,
    SchoolMajor,
)
from chanjiao.organizations.tests.factories import SchoolFactory
from chanjiao.organizations.validators import validate_credit_code
from chanjiao.students.models import StudentProfile

pytestmark = pytest.mark.django_db

WUZHOU_DISTRICTS = {"450403", "450405", "450406", "450421", "450422", "450423", "450481"}
SCHOOL_LEVELS = {
    OrganizationType.SECONDARY_VOCATIONAL: (MajorSystem.VOCATIONAL, MajorLevel.SECONDARY),
    OrganizationType.HIGHER_VOCATIONAL: (MajorSystem.VOCATIONAL, MajorLevel.HIGHER),
    OrganizationType.UNIVERSITY: (MajorSystem.UNDERGRADUATE, MajorLevel.UNDERGRADUATE),
}
# (years of study, age at enrolment) — a student may also be a year older.
STUDY = {
    OrganizationType.SECONDARY_VOCATIONAL: (3, 15),
    OrganizationType.HIGHER_VOCATIONAL: (3, 18),
    OrganizationType.UNIVERSITY: (4, 18),
}


def test_same_seed_gives_identical_data(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)
    first = demo_snapshot()
    demo_data_remove()

    demo_data_generate(locality=wuzhou_locality, seed=1)

    assert demo_snapshot() == first
    assert len(first["organizations"]) > 0


def test_different_seed_gives_different_data(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)
    first = demo_snapshot()
    demo_data_remove()

    demo_data_generate(locality=wuzhou_locality, seed=2)
    second = demo_snapshot()

    assert {name for name, *_ in first["organizations"]} != {
        name for name, *_ in second["organizations"]
    }
    assert first["users"] != second["users"]
    assert first["school_majors"] != second["school_majors"]


def test_running_again_changes_nothing(wuzhou_locality):
    first = demo_data_generate(locality=wuzhou_locality, seed=1)
    snapshot = demo_snapshot()

    again = demo_data_generate(locality=wuzhou_locality, seed=1)

    assert (again.created, again.updated, again.deleted) == (0, 0, 0)
    assert again.counts == first.counts
    assert demo_snapshot() == snapshot
    assert first.created == sum(len(rows) for rows in snapshot.values())


def test_another_seed_replaces_the_previous_data(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=2)
    fresh = demo_snapshot()
    demo_data_remove()
    demo_data_generate(locality=wuzhou_locality, seed=1)

    summary = demo_data_generate(locality=wuzhou_locality, seed=2)

    assert demo_snapshot() == fresh
    assert summary.deleted > 0


def test_creates_the_organisations_the_locality_needs(wuzhou_locality):
    summary = demo_data_generate(locality=wuzhou_locality, seed=1)

    assert summary.count("government") == 3
    assert sorted(
        Organization.objects.filter(org_type=OrganizationType.GOVERNMENT).values_list(
            "name", flat=True
        )
    ) == ["梧州市人力资源和社会保障局", "梧州市发展和改革委员会", "梧州市教育局"]
    assert summary.count("secondary_vocational") == 2
    assert summary.count("higher_vocational") == 2
    assert summary.count("university") == 1
    assert summary.count("vocational_undergraduate") == 0
    assert 20 <= summary.count("enterprise") <= 40
    assert summary.count("association") == 2
    assert summary.count("research_institute") == 1
    assert summary.count("training_provider") == 1
    assert summary.count("enterprise") == Organization.objects.enterprises().count()


def test_every_row_is_demo_data_inside_the_locality(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    organizations = Organization.objects.select_related("region")
    assert {o.is_demo for o in organizations} == {True}
    assert {o.region.code for o in organizations} <= WUZHOU_DISTRICTS | {"4504"}
    assert all(o.description.startswith("演示数据") for o in organizations)
    assert {u.is_demo for u in User.objects.all()} == {True}
    assert {p.is_demo for p in StudentProfile.objects.all()} == {True}
    people = User.objects.exclude(username__in=PLATFORM_ACCOUNTS)
    assert {u.id_number[:6] for u in people} <= WUZHOU_DISTRICTS
    assert {m.organization.is_demo for m in Membership.objects.select_related("organization")} == {
        True
    }


def test_credit_codes_are_valid_and_carry_the_region(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    organizations = list(Organization.objects.select_related("region"))
    for organization in organizations:
        validate_credit_code(organization.credit_code)
        assert organization.credit_code[2:8] == organization.region.code.ljust(6, "0")
    assert {(o.org_type, o.credit_code[:2]) for o in organizations} == {
        ("government", "11"),
        ("secondary_vocational", "12"),
        ("higher_vocational", "12"),
        ("university", "12"),
        ("research_institute", "12"),
        ("enterprise", "91"),
        ("association", "51"),
        ("training_provider", "52"),
    }
    assert len({o.credit_code for o in organizations}) == len(organizations)


def test_people_have_plausible_names_phones_and_id_numbers(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    people = list(User.objects.exclude(username__in=PLATFORM_ACCOUNTS))
    for person in people:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,3}", person.real_name)
        assert re.fullmatch(r"1[3-9]\d{9}", person.phone)
        assert re.fullmatch(r"\d{17}[\dX]", person.id_number)
        assert person.id_number[17] == _gb11643_check(person.id_number[:17])
    assert id_number_check_digit("11010519491231002") == "X"


def test_birth_dates_fit_the_graduation_year(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    for profile in StudentProfile.objects.select_related("user", "school"):
        years, age = STUDY[profile.school.org_type]
        birth_year = int(profile.user.id_number[6:10])
        expected = profile.graduation_year - years - age
        assert birth_year in {expected, expected - 1}


def test_gov_admins_belong_to_the_locality_government(wuzhou_locality, wuzhou):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    admins = Membership.objects.filter(role=Role.GOV_ADMIN).select_related("organization")
    assert sorted(m.user.username for m in admins) == [
        "demo_wz_gov_fgw",
        "demo_wz_gov_jyj",
        "demo_wz_gov_rsj",
    ]
    assert {(m.organization.org_type, m.organization.region_id) for m in admins} == {
        (OrganizationType.GOVERNMENT, wuzhou.pk)
    }


def test_gives_each_organisation_its_staff(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    roles: dict[str, list[str]] = {}
    for membership in Membership.objects.select_related("organization"):
        roles.setdefault(membership.organization.name, []).append(membership.role)
    for organization in Organization.objects.all():
        expected = (
            ["gov_admin"]
            if organization.org_type == OrganizationType.GOVERNMENT
            else ["info_officer", "org_admin", "reviewer"]
            if organization.is_school
            else ["info_officer", "org_admin"]
            if organization.org_type == OrganizationType.ENTERPRISE
            else ["org_admin"]
        )
        assert sorted(roles[organization.name]) == expected
    # 三员分立: three administrators, none a superuser (superusers sign in on the command line only)
    admins = {
        u.username: (u.is_staff, u.is_superuser, u.admin_role, u.memberships.count())
        for u in User.objects.filter(username__in=["demo_admin", "demo_security", "demo_audit"])
    }
    assert admins == {
        "demo_admin": (True, False, "system", 0),
        "demo_security": (True, False, "security", 0),
        "demo_audit": (True, False, "audit", 0),
    }


def test_all_accounts_share_the_documented_password(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    admin = User.objects.get(username="demo_admin")
    # The rules a new password must meet (a fresh account: no password history to compare).
    validate_password(DEMO_PASSWORD, user=User(username=admin.username))
    assert admin.check_password(DEMO_PASSWORD)
    assert User.objects.exclude(password=admin.password).count() == 0


def test_named_schools_are_created_and_linked(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    college = Organization.objects.get(name="梧州职业学院")
    university = Organization.objects.get(name="梧州学院")
    assert (college.org_type, university.org_type) == ("higher_vocational", "university")
    linked = dict(NamedInstitution.objects.values_list("name", "organization_id"))
    assert linked == {
        "梧州职业学院": college.pk,
        "梧州学院": university.pk,
        "粤桂合作特别试验区": None,
    }


def test_schools_offer_eight_to_twenty_fitting_majors_a_year(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    offerings = SchoolMajor.objects.select_related("school", "major")
    per_school_year = Counter((s.school.name, s.year) for s in offerings)
    assert {year for _, year in per_school_year} == {2021, 2022, 2023, 2024, 2025}
    assert len(per_school_year) == 5 * 5
    assert all(8 <= n <= 20 for n in per_school_year.values())
    for offering in offerings:
        system, level = SCHOOL_LEVELS[offering.school.org_type]
        assert (offering.major.system, offering.major.level) == (system, level)
        if system == MajorSystem.VOCATIONAL:
            assert offering.major.catalog_version == "2021"
    plans: dict[tuple[int, int], set[int]] = {}
    for offering in offerings:
        plans.setdefault((offering.school_id, offering.major_id), set()).add(
            offering.planned_enrollment
        )
    assert sum(len(numbers) > 1 for numbers in plans.values()) > len(plans) / 2


def test_key_industry_majors_come_first(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    offered = set(
        SchoolMajor.objects.filter(school__name="梧州职业学院").values_list(
            "major__name", flat=True
        )
    )
    tea_or_recycling = {
        "茶叶生产与加工技术",
        "茶艺与茶文化",
        "资源综合利用技术",
        "非金属矿物材料技术",
        "建筑材料工程技术",
    }
    assert len(offered & tea_or_recycling) >= 2


def test_enterprises_are_consistent(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    enterprises = list(Organization.objects.enterprises().select_related("industry", "region"))
    for enterprise in enterprises:
        assert re.fullmatch(r"梧州[\u4e00-\u9fff]{4,12}有限公司", enterprise.name)
        assert enterprise.region.code in WUZHOU_DISTRICTS
        assert enterprise.industry.level == "小类"
        assert enterprise.is_above_designated_size is (enterprise.employee_count >= 50)
        enterprise.full_clean()
    key_codes = {"1530", "4210", "4220"}
    in_key = [e for e in enterprises if e.industry.code in key_codes]
    assert len(in_key) == round(len(enterprises) / 2)
    assert {e.industry.code for e in enterprises} - key_codes


def test_students_and_graduates(wuzhou_locality):
    summary = demo_data_generate(locality=wuzhou_locality, seed=1)

    profiles = list(StudentProfile.objects.select_related("school", "user"))
    assert 280 <= len(profiles) <= 340
    assert {p.graduation_year for p in profiles} == {2022, 2023, 2024, 2025, 2026, 2027}
    for profile in profiles:
        expected = "graduate" if profile.graduation_year <= 2025 else "student"
        assert profile.status == expected
        assert profile.school.org_type in SCHOOL_TYPES
        assert profile.user.username.startswith("demo_wz_stu")
    known = {skill for pool in skill_pools().values() for skill in pool}
    skills = [s for p in profiles for s in p.skills.split("、")]
    assert set(skills) <= known
    assert all(2 <= len(p.skills.split("、")) <= 6 for p in profiles)
    assert summary.count("graduate") + summary.count("student") == len(profiles)
    assert summary.count("user") == len(PLATFORM_ACCOUNTS) + summary.count("membership") + len(
        profiles
    )


def test_records_the_generation_in_the_audit_log(wuzhou_locality):
    summary = demo_data_generate(locality=wuzhou_locality, seed=7)

    event = AuditEvent.objects.get(action="demo_data.generate")
    assert event.changes["locality"] == "梧州市"
    assert event.changes["seed"] == 7
    assert event.changes["counts"] == summary.as_dict()
    assert event.changes["created"] == summary.created


def test_representative_accounts(wuzhou_locality):
    summary = demo_data_generate(locality=wuzhou_locality, seed=1)

    assert [(a.username, a.role) for a in summary.accounts][:9] == [
        ("demo_admin", "系统管理员"),
        ("demo_security", "安全管理员"),
        ("demo_audit", "审计管理员"),
        ("demo_wz_gov_jyj", "政府管理员"),
        ("demo_wz_school01_admin", "机构管理员"),
        ("demo_wz_school01_info", "信息员"),
        ("demo_wz_school01_review", "审核员"),
        ("demo_wz_ent01_admin", "机构管理员"),
        ("demo_wz_ent01_info", "信息员"),
    ]
    assert sorted(a.role for a in summary.accounts[9:]) == ["在校生", "毕业生"]
    assert summary.accounts[3].organization == "梧州市教育局"
    # The privileged accounts carry the secret of their second factor; the others none.
    secrets = {a.username: a.totp_secret for a in summary.accounts if a.totp_secret}
    assert secrets == {
        name: demo_totp_secret(name)
        for name in ["demo_admin", "demo_security", "demo_audit", "demo_wz_gov_jyj"]
    }
    officer = User.objects.get(username="demo_wz_gov_jyj")
    device = TOTPDevice.objects.get(user=officer, confirmed=True)
    assert base64.b32encode(device.bin_key).decode() == secrets["demo_wz_gov_jyj"]
    assert not TOTPDevice.objects.filter(user__username="demo_wz_school01_admin").exists()
    assert summary.accounts[4].organization == "梧州职业学院"
    assert summary.password == DEMO_PASSWORD


def test_refuses_a_demo_username_held_by_a_real_account(wuzhou_locality):
    UserFactory(username="demo_admin")

    with pytest.raises(ApplicationError) as error:
        demo_data_generate(locality=wuzhou_locality, seed=1)

    assert error.value.message == "以下用户名已被非演示账号占用，无法生成演示数据：demo_admin"
    assert Organization.objects.filter(is_demo=True).exists() is False
    assert User.objects.filter(is_demo=True).exists() is False


def test_leaves_a_real_named_school_alone(wuzhou_locality):
    real = SchoolFactory(
        name="梧州学院",
        org_type=OrganizationType.UNIVERSITY,
        region=Region.objects.get(code="450405"),
    )

    summary = demo_data_generate(locality=wuzhou_locality, seed=1)

    assert Organization.objects.filter(name="梧州学院").get() == real
    real.refresh_from_db()
    assert (real.is_demo, real.school_majors.count(), real.memberships.count()) == (False, 0, 0)
    assert NamedInstitution.objects.get(name="梧州学院").organization is None
    # Without a named 本科 school, a 职业本科 school is generated in its place.
    assert summary.count("vocational_undergraduate") == 1


def test_works_for_a_locality_without_profile_details(catalogs):
    locality = LocalityFactory(name="双鸭山市", region=Region.objects.get(code="2305"))

    summary = demo_data_generate(locality=locality, seed=1)

    assert summary.count("government") == 3
    assert summary.count("secondary_vocational") == 2
    assert summary.count("higher_vocational") == 2
    assert summary.count("vocational_undergraduate") == 1
    assert 20 <= summary.count("enterprise") <= 40
    assert {o.region.code[:4] for o in Organization.objects.select_related("region")} == {"2305"}


def _gb11643_check(first17: str) -> str:
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]
