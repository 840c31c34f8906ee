import pytest

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.catalogs.models import Industry, Major, MajorOccupationLink, Occupation, Region
from chanjiao.common.exceptions import ApplicationError
from chanjiao.demo.services import demo_data_generate, demo_data_remove
from chanjiao.localities.models import KeyIndustry, Locality, NamedInstitution
from chanjiao.organizations.models import Organization, SchoolMajor
from chanjiao.students.models import StudentProfile
from chanjiao.students.tests.factories import StudentProfileFactory

pytestmark = pytest.mark.django_db


def _catalogue_counts() -> tuple[int, ...]:
    return (
        Region.objects.count(),
        Industry.objects.count(),
        Occupation.objects.count(),
        Major.objects.count(),
        MajorOccupationLink.objects.count(),
    )


def test_removes_every_demo_row_and_nothing_else(wuzhou_locality, enterprise, recruiter):
    catalogues = _catalogue_counts()
    generated = demo_data_generate(locality=wuzhou_locality, seed=1)

    summary = demo_data_remove()

    assert Organization.objects.filter(is_demo=True).exists() is False
    assert User.objects.filter(is_demo=True).exists() is False
    assert StudentProfile.objects.exists() is False
    assert SchoolMajor.objects.exists() is False
    assert list(Organization.objects.values_list("name", flat=True)) == ["梧州六堡茶业有限公司"]
    assert list(User.objects.values_list("username", flat=True)) == ["recruiter"]
    assert Membership.objects.get().user == recruiter
    assert _catalogue_counts() == catalogues
    assert (Locality.objects.count(), KeyIndustry.objects.count()) == (1, 2)
    assert summary.counts == generated.counts
    assert summary.deleted > 0


def test_keeps_the_audit_log(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    summary = demo_data_remove()

    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "demo_data.generate",
        "demo_data.remove",
    ]
    removal = AuditEvent.objects.get(action="demo_data.remove")
    assert removal.changes == {"counts": summary.as_dict(), "deleted": summary.deleted}


def test_unlinks_the_named_institutions(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    demo_data_remove()

    assert list(NamedInstitution.objects.order_by("pk").values_list("name", "organization")) == [
        ("梧州职业学院", None),
        ("梧州学院", None),
        ("粤桂合作特别试验区", None),
    ]


def test_a_real_member_of_a_demo_organisation_stays(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)
    real = UserFactory(username="visitor")
    MembershipFactory(
        user=real, organization=Organization.objects.get(name="梧州市教育局"), role=Role.REVIEWER
    )

    demo_data_remove()

    assert User.objects.get() == real
    assert Membership.objects.exists() is False


def test_refuses_while_a_real_student_is_at_a_demo_school(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)
    school = Organization.objects.get(name="梧州职业学院")
    StudentProfileFactory(school=school)
    demo_rows = Organization.objects.filter(is_demo=True).count()

    with pytest.raises(ApplicationError) as error:
        demo_data_remove()

    assert error.value.message.startswith("演示数据仍被非演示数据引用，无法删除：")
    assert Organization.objects.filter(is_demo=True).count() == demo_rows
    assert AuditEvent.objects.filter(action="demo_data.remove").exists() is False


def test_removing_nothing_is_recorded_too(catalogs):
    summary = demo_data_remove()

    assert summary.deleted == 0
    assert set(summary.as_dict().values()) == {0}
    assert AuditEvent.objects.filter(action="demo_data.remove").count() == 1
