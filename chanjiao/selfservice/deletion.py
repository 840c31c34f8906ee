"""Deleting one's own account (PIPL Art. 47): anonymise the account, keep the audit log.

The audit log stays (网络安全法 Art. 21: at least six months); the account row stays too, as
``deleted_<id>`` with no personal value, because items published for an organisation and the
log point at it.
"""

from dataclasses import asdict, dataclass

from django.db import models, transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django_otp import devices_for_user

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.audit.models import AuditResult
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ConflictError, field_refusal
from chanjiao.listings.kinds import ListingKind, kind_spec
from chanjiao.listings.models import Listing, ProfileConsent
from chanjiao.listings.services import listing_close, listing_update, profile_consent_withdraw
from chanjiao.listings.workflow import CLOSABLE, EDITABLE_BY_AUTHOR
from chanjiao.organizations.models import Organization
from chanjiao.students.models import StudentProfile
from chanjiao.subscriptions.models import Notification, Subscription

DELETED_NAME = "已注销用户"
CONFIRMATION_TEXT = "确认注销"
STAFF_REFUSAL = "平台工作人员的账号不能自行注销。请联系平台安全管理员办理账号停用。"
LAST_ADMIN_REFUSAL = (
    "您是“{name}”唯一的机构管理员，该机构还有其他成员。"
    "请先请本机构另一位成员担任机构管理员，再注销账号。"
)


@dataclass(frozen=True)
class AccountDeletionPreview:
    """What deleting the account would touch, and why it would be refused (empty: allowed)."""

    refusal: str
    memberships: int
    consents: int
    profiles: int
    profiles_ended: int
    has_student_profile: bool
    subscriptions: int
    notifications: int
    authored_for_organizations: int


@dataclass(frozen=True)
class AccountDeletion:
    """What was anonymised, withdrawn or removed (counts only: the log keeps no personal value)."""

    memberships_deactivated: int
    consents_withdrawn: int
    profiles_cleared: int
    profiles_closed: int
    student_profile_deleted: int  # deleted, or emptied where another row protects it
    subscriptions_deleted: int
    notifications_deleted: int
    second_factor_devices_deleted: int


def _blocking_organization(user: User) -> Organization | None:
    """An organisation of which the user is the last active 机构管理员 while others remain."""
    admin_of = Membership.objects.filter(user=user, role=Role.ORG_ADMIN, is_active=True)
    for membership in admin_of.select_related("organization"):
        others = Membership.objects.filter(
            organization_id=membership.organization_id, is_active=True, user__is_active=True
        ).exclude(user=user)
        if not others.exists():
            continue
        if not others.filter(role=Role.ORG_ADMIN).exists():
            return membership.organization
    return None


def account_delete_refusal(user: User) -> str:
    """Return why the user may not delete their own account, or an empty string."""
    if user.is_staff or user.is_superuser:
        return STAFF_REFUSAL
    organization = _blocking_organization(user)
    if organization is not None:
        return LAST_ADMIN_REFUSAL.format(name=organization.name)
    return ""


def _own_profiles(user: User) -> "list[Listing]":
    return list(Listing.objects.filter(author=user, kind=ListingKind.JOBSEEKER).order_by("pk"))


def account_delete_preview(user: User) -> AccountDeletionPreview:
    """Count what deleting the account would touch, for the confirmation page."""
    profiles = _own_profiles(user)
    return AccountDeletionPreview(
        refusal=account_delete_refusal(user),
        memberships=Membership.objects.filter(user=user, is_active=True).count(),
        consents=ProfileConsent.objects.filter(
            profile__author=user, withdrawn_at__isnull=True
        ).count(),
        profiles=len([p for p in profiles if p.status in EDITABLE_BY_AUTHOR | CLOSABLE]),
        profiles_ended=len([p for p in profiles if p.status not in EDITABLE_BY_AUTHOR | CLOSABLE]),
        has_student_profile=StudentProfile.objects.filter(user=user).exists(),
        subscriptions=Subscription.objects.filter(user=user).count(),
        notifications=Notification.objects.filter(user=user).count(),
        authored_for_organizations=Listing.objects.filter(author=user)
        .filter(~Q(kind=ListingKind.JOBSEEKER))
        .count(),
    )


def _check(*, actor: User, password: str) -> None:
    """Refuse before any transaction opens, so refusals stay in the audit log."""
    if not actor.check_password(password):
        audit_event_record(
            actor=actor, action="account.delete", target=actor, result=AuditResult.FAILED
        )
        raise field_refusal("password", "当前密码不正确，账号未注销。")
    refusal = account_delete_refusal(actor)
    if refusal:
        audit_refusal(actor=actor, action="account.delete", message=refusal, target=actor)


def _profiles_clear_and_close(user: User) -> tuple[int, int]:
    """Clear the personal fields of the user's job-seeker profiles and close them (services)."""
    cleared = closed = 0
    for profile in _own_profiles(user):
        if profile.status in EDITABLE_BY_AUTHOR:
            personal = {f.name for f in kind_spec(profile.kind).details if f.is_personal}
            details = {k: v for k, v in profile.details.items() if k not in personal}
            values = {
                "description": "",
                "contact_name": "",
                "contact_phone": "",
                "details": details,
            }
            profile = listing_update(actor=user, listing=profile, values=values)
            cleared += 1
        if profile.status in CLOSABLE:
            listing_close(actor=user, listing=profile, reason="本人注销账号")
            closed += 1
    return cleared, closed


def _consents_withdraw(user: User) -> int:
    active = ProfileConsent.objects.select_for_update().filter(
        profile__author=user, withdrawn_at__isnull=True
    )
    consents = list(active.order_by("pk"))
    for consent in consents:
        profile_consent_withdraw(actor=user, consent=consent)
    return len(consents)


def _student_profile_remove(user: User) -> int:
    """Delete the student profile; should another row protect it, empty its free-text fields."""
    profile = StudentProfile.objects.filter(user=user).first()
    if profile is None:
        return 0
    try:
        with transaction.atomic():
            profile.delete()
    except (ProtectedError, RestrictedError):
        texts = [
            f
            for f in StudentProfile._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and f.blank and not f.choices
        ]
        for field in texts:
            setattr(profile, field.attname, "")
        profile.save(update_fields=[f.name for f in texts])
    return 1


def _anonymise(user: User) -> None:
    user.username = f"deleted_{user.pk}"
    user.real_name = DELETED_NAME
    user.first_name = user.last_name = ""
    user.email = user.phone = user.id_number = ""
    user.set_unusable_password()
    user.is_active = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _second_factor_delete(user: User) -> int:
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)


def _admin_rows_lock(user: User) -> None:
    """Lock the 机构管理员 rows of the user's organisations: two last admins cannot both leave."""
    org_ids = list(Membership.objects.filter(user=user).values_list("organization_id", flat=True))
    admins = Membership.objects.select_for_update().filter(
        organization_id__in=org_ids, role=Role.ORG_ADMIN, is_active=True
    )
    list(admins.values_list("pk", flat=True))


def account_delete(*, actor: User, password: str) -> AccountDeletion:
    """Delete the person's own account: anonymise it, withdraw and close what is theirs, log it."""
    _check(actor=actor, password=password)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        _admin_rows_lock(user)
        if not user.is_active or account_delete_refusal(user):
            raise ConflictError(account_delete_refusal(user) or "该账号已注销。")
        consents = _consents_withdraw(user)
        cleared, closed = _profiles_clear_and_close(user)
        notifications = Notification.objects.filter(user=user).delete()[0]
        summary = AccountDeletion(
            memberships_deactivated=Membership.objects.filter(user=user, is_active=True).update(
                is_active=False
            ),
            consents_withdrawn=consents,
            profiles_cleared=cleared,
            profiles_closed=closed,
            student_profile_deleted=_student_profile_remove(user),
            subscriptions_deleted=Subscription.objects.filter(user=user).delete()[0],
            notifications_deleted=notifications,
            second_factor_devices_deleted=_second_factor_delete(user),
        )
        _anonymise(user)
        audit_event_record(
            actor=user, action="account.delete", target=user, changes=asdict(summary)
        )
    return summary
