import factory

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.catalogs.models import Major
from chanjiao.students.models import StudentProfile


class StudentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudentProfile

    user = factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"student{n}"))
    major = factory.LazyFunction(
        lambda: Major.objects.get(system="vocational", catalog_version="2021", code="460103")
    )
    graduation_year = 2026
    status = StudentProfile.Status.STUDENT
