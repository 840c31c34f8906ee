import factory

from chanjiao.catalogs.models import Industry, Region
from chanjiao.localities.models import KeyIndustry, Locality, NamedInstitution


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality
        django_get_or_create = ("name",)

    name = "梧州市"
    region = factory.LazyFunction(lambda: Region.objects.get(code="4504"))
    document_title = "梧州市深化产教融合实施方案（测试）"


class KeyIndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyIndustry
        skip_postgeneration_save = True

    locality = factory.SubFactory(LocalityFactory)
    label = "六堡茶"
    clause = "第二条"

    @factory.post_generation
    def codes(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.industries.set(Industry.objects.filter(code__in=extracted))


class NamedInstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NamedInstitution

    locality = factory.SubFactory(LocalityFactory)
    name = "梧州职业学院"
    kind = "高职院校"
    clause = "第三条"
