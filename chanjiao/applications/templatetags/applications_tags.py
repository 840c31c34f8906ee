"""Template tags for pages of higher apps that show a person's application consents."""

from django import template
from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.applications.models import Application
from chanjiao.applications.selectors import application_list_for_applicant

register = template.Library()

# The consents page lists the newest ones; "我的投递" pages through all of them.
CONSENTS_SHOWN = 50


@register.simple_tag
def my_application_consents(user: User | AnonymousUser) -> list[Application]:
    """The person's applications as consents (投递授权), newest first."""
    return list(application_list_for_applicant(fetched_by=user)[:CONSENTS_SHOWN])
