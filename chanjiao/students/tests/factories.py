import factory
from django.utils import timezone

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.catalogs.models import Major
from chanjiao.students.models import ClaimState, StudentClaim, StudentProfile


def _default_major() -> Major:
    return Major.objects.get(system="vocational", catalog_version="2021", code="460103")


class StudentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudentProfile

    user = factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"student{n}"))
    major = factory.LazyFunction(_default_major)
    graduation_year = 2026
    status = StudentProfile.Status.STUDENT


class StudentClaimFactory(factory.django.DjangoModelFactory):
    """A pending claim (the school must be given)."""

    class Meta:
        model = StudentClaim

    user = factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"claimant{n}"))
    major = factory.LazyFunction(_default_major)
    graduation_year = factory.LazyFunction(lambda: timezone.localdate().year + 1)
    status = StudentProfile.Status.STUDENT
    state = ClaimState.PENDING
