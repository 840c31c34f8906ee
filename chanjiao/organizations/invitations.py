"""People join an organisation only with their consent: invitations, accepted or declined.

The 机构管理员 (or, for a government body, a 政府管理员 of its region, or staff) invites by e-mail
or makes a one-time link. The token is shown once (in the link); the row keeps only its hash.
Nobody is looked up by username, and nobody's name is shown before they accept.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import Membership, User
from chanjiao.accounts.registration import AccountInput, account_input_check, account_register
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ConflictError, field_refusal
from chanjiao.organizations.models import Invitation, InvitationStatus, Organization
from chanjiao.organizations.permissions import invitable_roles, user_can_manage_members
from chanjiao.organizations.selectors import invitation_get_by_token
from chanjiao.organizations.tokens import token_hash, token_new

INVITATION_DAYS = 7
MANAGE_REFUSAL = "您无权管理该机构的成员。"


@dataclass(frozen=True)
class InvitationCreated:
    """A new invitation and its token (shown once: the link is the only copy)."""

    invitation: Invitation
    token: str

    @property
    def path(self) -> str:
        return invitation_path(self.token)


def invitation_path(token: str) -> str:
    """The site path of an invitation link."""
    return reverse("organizations:invitation", kwargs={"token": token})


def invitation_create(
    *,
    actor: User,
    organization: Organization,
    role: str,
    email: str = "",
    site_url: str = "",
) -> InvitationCreated:
    """Invite someone into the organisation with a role, by e-mail or as a one-time link.

    With an e-mail, a Chinese message with the link is sent (``site_url`` makes it absolute; the
    setting ``CHANJIAO_SITE_URL`` wins when set). Refused (audited) for anyone who may not manage
    the organisation's members.
    """
    if not user_can_manage_members(actor, organization):
        audit_refusal(
            actor=actor,
            action="invitation.create",
            target=organization,
            message=MANAGE_REFUSAL,
        )
    allowed = invitable_roles(organization)
    if role not in allowed:
        if organization.org_type == "government":
            raise field_refusal("role", "政府部门只能邀请政府管理员或审核员。")
        raise field_refusal("role", "该机构只能邀请机构管理员、信息员或审核员。")
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise field_refusal("email", "请填写有效的电子邮箱。") from None
    token = token_new()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            organization=organization,
            role=role,
            email=email,
            token_hash=token_hash(token),
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        audit_event_record(
            actor=actor,
            action="invitation.create",
            target=invitation,
            changes={
                "organization": [None, organization.name],
                "role": [None, role],
                "email": [None, email],
                "kind": [None, "email" if email else "link"],
            },
        )
        if email:
            link = (settings.CHANJIAO_SITE_URL or site_url).rstrip("/") + invitation_path(token)
            transaction.on_commit(lambda: _send_invitation_mail(invitation=invitation, link=link))
    return InvitationCreated(invitation=invitation, token=token)


def _send_invitation_mail(*, invitation: Invitation, link: str) -> None:
    organization = invitation.organization
    expires = timezone.localtime(invitation.expires_at)
    body = (
        f"您好：\n\n"
        f"“{organization.name}”的管理员邀请您以“{invitation.role_label}”身份加入该机构"
        f"（产教融合信息服务平台）。\n\n"
        f"请在 {expires:%Y年%m月%d日 %H:%M} 前打开下面的链接，登录或注册后选择接受或拒绝：\n"
        f"{link}\n\n"
        f"该链接只能使用一次，且只能由使用本邮箱（{invitation.email}）的账号接受。"
        f"如果您不认识邀请人，请忽略本邮件。\n\n"
        f"产教融合信息服务平台"
    )
    send_mail(
        subject=f"邀请您加入“{organization.name}”",
        message=body,
        from_email=None,
        recipient_list=[invitation.email],
    )


def _refuse_unless_open(invitation: Invitation) -> None:
    """Refuse an invitation that can no longer be answered, saying why in plain words."""
    if invitation.status == InvitationStatus.PENDING and invitation.expires_at <= timezone.now():
        raise ConflictError("该邀请已过期，请向邀请您的机构管理员索取新的邀请。")
    messages = {
        InvitationStatus.ACCEPTED: "该邀请已被使用，不能再次使用。",
        InvitationStatus.DECLINED: "该邀请已被拒绝，不能再使用。",
        InvitationStatus.REVOKED: "该邀请已被机构撤回。",
        InvitationStatus.EXPIRED: "该邀请已过期，请向邀请您的机构管理员索取新的邀请。",
    }
    if invitation.status in messages:
        raise ConflictError(messages[InvitationStatus(invitation.status)])


def _email_matches(invitation: Invitation, user: User) -> bool:
    return not invitation.email or invitation.email.strip().lower() == user.email.strip().lower()


def _lock_open(invitation: Invitation) -> Invitation:
    locked = (
        Invitation.objects.select_for_update().select_related("organization").get(pk=invitation.pk)
    )
    if locked.status == InvitationStatus.PENDING and locked.expires_at <= timezone.now():
        raise ConflictError("该邀请已过期，请向邀请您的机构管理员索取新的邀请。")
    _refuse_unless_open(locked)
    return locked


def _accept(*, invitation: Invitation, user: User) -> Membership:
    """Under the invitation's lock: the membership, the invitation's new state, the audit."""
    locked = _lock_open(invitation)
    membership, _ = Membership.objects.update_or_create(
        user=user,
        organization=locked.organization,
        role=locked.role,
        defaults={"is_active": True},
    )
    locked.status = InvitationStatus.ACCEPTED
    locked.accepted_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "accepted_by", "decided_at", "updated_at"])
    audit_event_record(
        actor=user,
        action="invitation.accept",
        target=locked,
        changes={"status": [InvitationStatus.PENDING, InvitationStatus.ACCEPTED]},
    )
    audit_event_record(
        actor=user,
        action="membership.add",
        target=membership,
        changes={"role": [None, locked.role], "invitation": [None, locked.pk]},
    )
    return membership


def invitation_accept(*, actor: User, token: str) -> Membership:
    """Accept an invitation as the signed-in person; the membership starts now.

    An e-mail invitation is accepted only by an account with that e-mail (case-insensitive);
    anyone else is refused (audited). A used, declined, revoked or expired one is refused.
    """
    invitation = invitation_get_by_token(token)
    _refuse_unless_open(invitation)
    if not _email_matches(invitation, actor):
        audit_refusal(
            actor=actor,
            action="invitation.accept",
            target=invitation,
            message="该邀请发给了另一个电子邮箱，只能由使用该邮箱的账号接受。"
            "如果这是您的邮箱，请先在“账号设置”中核对您的电子邮箱。",
        )
    with transaction.atomic():
        return _accept(invitation=invitation, user=actor)


def invitation_register_and_accept(*, token: str, account: AccountInput) -> Membership:
    """Open an account (``account_register``) and accept the invitation, in one step.

    For an e-mail invitation the account takes the invited e-mail.
    """
    invitation = invitation_get_by_token(token)
    _refuse_unless_open(invitation)
    if invitation.email:
        account = AccountInput(
            username=account.username,
            password=account.password,
            email=invitation.email,
            real_name=account.real_name,
            phone=account.phone,
        )
    account_input_check(account)
    with transaction.atomic():
        user = account_register(account, action="account.register")
        return _accept(invitation=invitation, user=user)


def invitation_decline(*, actor: User, token: str) -> Invitation:
    """Decline an invitation (the link is then spent); the invited account only for e-mail ones."""
    invitation = invitation_get_by_token(token)
    _refuse_unless_open(invitation)
    if not _email_matches(invitation, actor):
        audit_refusal(
            actor=actor,
            action="invitation.decline",
            target=invitation,
            message="该邀请发给了另一个电子邮箱，只能由使用该邮箱的账号处理。",
        )
    with transaction.atomic():
        locked = _lock_open(invitation)
        locked.status = InvitationStatus.DECLINED
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at", "updated_at"])
        audit_event_record(
            actor=actor,
            action="invitation.decline",
            target=locked,
            changes={"status": [InvitationStatus.PENDING, InvitationStatus.DECLINED]},
        )
    return locked


def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation; whoever may manage the organisation's members."""
    if not user_can_manage_members(actor, invitation.organization):
        audit_refusal(
            actor=actor,
            action="invitation.revoke",
            target=invitation,
            message=MANAGE_REFUSAL,
        )
    with transaction.atomic():
        locked = _lock_open(invitation)
        locked.status = InvitationStatus.REVOKED
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at", "updated_at"])
        audit_event_record(
            actor=actor,
            action="invitation.revoke",
            target=locked,
            changes={"status": [InvitationStatus.PENDING, InvitationStatus.REVOKED]},
        )
    return locked


def invitations_expire() -> int:
    """Mark pending invitations past their time as 已过期; return how many (for a periodic job)."""
    return Invitation.objects.filter(
        status=InvitationStatus.PENDING, expires_at__lte=timezone.now()
    ).update(status=InvitationStatus.EXPIRED, updated_at=timezone.now())
