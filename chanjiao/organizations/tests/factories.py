import factory

from chanjiao.catalogs.models import Industry, Region
from chanjiao.organizations.models import Organization, OrganizationType
from chanjiao.organizations.validators import credit_code_check_character


def valid_credit_code(n: int) -> str:
    """Return a well-formed 统一社会信用代码 (registration authority 9, type 1, region 450400)."""
    first17 = f"91450400MA{n:07d}"
    return first17 + credit_code_check_character(first17)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试机构{n}")
    org_type = OrganizationType.ASSOCIATION
    region = factory.LazyFunction(lambda: Region.objects.get(code="4504"))
    is_verified = True


class GovernmentFactory(OrganizationFactory):
    org_type = OrganizationType.GOVERNMENT


class SchoolFactory(OrganizationFactory):
    org_type = OrganizationType.HIGHER_VOCATIONAL


class EnterpriseFactory(OrganizationFactory):
    org_type = OrganizationType.ENTERPRISE
    credit_code = factory.Sequence(valid_credit_code)
    industry = factory.LazyFunction(lambda: Industry.objects.get(code="1530"))
    employee_count = 320
    is_above_designated_size = True
