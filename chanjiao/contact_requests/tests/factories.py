import factory
from django.utils import timezone

from chanjiao.contact_requests.models import ContactRequest


class ContactRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactRequest

    graduation_year = factory.LazyFunction(lambda: timezone.localdate().year)
    message = "招聘数控操作工"
    headcount = 5
