"""A person's separate consents (PIPL Art. 23): to show their job-seeker profile to organisations,
and the consent each application (投递) grants its publisher for that application only."""

from django.db import transaction
from django.db.models import QuerySet

from chanjiao.accounts.models import User
from chanjiao.applications.models import Application
from chanjiao.applications.selectors import application_list_for_applicant
from chanjiao.common.exceptions import ConflictError, NotFoundError
from chanjiao.listings.models import ProfileConsent
from chanjiao.listings.services import profile_consent_withdraw


def consent_list(*, fetched_by: User) -> QuerySet[ProfileConsent]:
    """Return the consents the user has given, newest first, with organisation and profile."""
    return (
        ProfileConsent.objects.filter(profile__author=fetched_by)
        .select_related("organization", "profile", "application_for")
        .order_by("-created_at", "-pk")
    )


def consent_get_for_user(*, user: User, consent_id: int) -> ProfileConsent:
    """Return one of the user's consents; a missing or another person's one is not found."""
    consent = consent_list(fetched_by=user).filter(pk=consent_id).first()
    if consent is None:
        raise NotFoundError("没有找到这项授权。")
    return consent


def consent_withdraw(*, actor: User, consent_id: int) -> ProfileConsent:
    """Withdraw one of the user's consents; the organisation no longer sees their personal data."""
    consent = consent_get_for_user(user=actor, consent_id=consent_id)
    with transaction.atomic():
        locked = ProfileConsent.objects.select_for_update().get(pk=consent.pk)
        if locked.withdrawn_at is not None:
            raise ConflictError("这项授权已经撤回，无需再次撤回。")
        return profile_consent_withdraw(actor=actor, consent=locked)


def application_consent_list(*, fetched_by: User) -> QuerySet[Application]:
    """Return the person's applications, each a consent (投递授权) to its publisher, newest first.

    Withdrawing the application (on its page) is what withdraws this consent.
    """
    return application_list_for_applicant(fetched_by=fetched_by)
