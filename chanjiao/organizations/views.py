"""Pages: 机构入驻, an organisation's verification status, the verification queue, members and
invitations, an invitation link, government bodies. Thin: the services decide."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_backends, login
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.permissions import (
    governed_region_codes,
    is_platform_staff,
    reviewed_region_codes,
    user_roles_in,
)
from chanjiao.accounts.registration import AccountInput
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.common.masking import mask_phone
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.organizations.forms import (
    AccountFields,
    GovernmentBodyForm,
    GovernmentInviteForm,
    InvitationForm,
    OrganizationEditForm,
    OrganizationRegisterForm,
    ReturnForm,
    active_regions,
    form_errors_from,
)
from chanjiao.organizations.government import government_body_create
from chanjiao.organizations.invitations import (
    invitation_accept,
    invitation_create,
    invitation_decline,
    invitation_path,
    invitation_register_and_accept,
    invitation_revoke,
)
from chanjiao.organizations.members import (
    membership_get_for_organization,
    membership_remove,
    membership_role_change,
)
from chanjiao.organizations.models import Invitation, InvitationStatus, Organization
from chanjiao.organizations.permissions import (
    invitable_roles,
    user_can_administer_organization,
    user_can_manage_members,
    user_can_verify_organization,
)
from chanjiao.organizations.registration import organization_register
from chanjiao.organizations.selectors import (
    government_bodies_managed,
    invitation_get_by_token,
    organization_get_for_user,
    organization_history,
    organization_invitations_pending,
    organization_last_return_reason,
    organization_members,
    organizations_pending_verification,
)
from chanjiao.organizations.services import (
    organization_resubmit,
    organization_return,
    organization_update,
    organization_verify,
)
from chanjiao.organizations.workflow import ORGANIZATION_VERIFICATION
from chanjiao.workflow.selectors import transition_actions_available

PER_PAGE = 20


def _sign_in(request: HttpRequest, user: User) -> None:
    """Sign in a person who has just opened an account (the password backend of the settings)."""
    for backend in get_backends():
        if isinstance(backend, ModelBackend):
            path = f"{type(backend).__module__}.{type(backend).__qualname__}"
            login(request, user, backend=path)
            return


def _account_input(data: dict[str, Any]) -> AccountInput:
    return AccountInput(
        username=data["username"],
        password=data["password"],
        email=data.get("email") or "",
        real_name=data["real_name"],
        phone=data.get("phone") or "",
    )


# Sign-up (机构入驻) ---------------------------------------------------------------------


def register_page(request: HttpRequest) -> HttpResponse:
    """An organisation signs up with its first 机构管理员; then it waits for verification."""
    form = OrganizationRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization, user = organization_register(
                organization=form.organization_data(),
                account=_account_input(form.cleaned_data),
            )
        except ApplicationError as error:
            form_errors_from(form, error)
        else:
            _sign_in(request, user)
            messages.success(request, f"“{organization.name}”已提交入驻申请，您已登录。")
            return redirect("organizations:profile", organization_id=organization.pk)
    return render(request, "organizations/register.html", {"form": form})


# An organisation's status, corrections and history -----------------------------------------------


@login_required
def profile_page(request: HttpRequest, organization_id: int) -> HttpResponse:
    """The organisation's verification status and history; its 机构管理员 corrects and resubmits."""
    user = acting_user(request)
    organization = organization_get_for_user(user=user, organization_id=organization_id)
    may_edit = user_can_administer_organization(user, organization)
    if not (
        may_edit
        or user_roles_in(user, organization.pk)
        or user_can_verify_organization(user, organization)
    ):
        raise PermissionDeniedError("只有该机构的成员或该地区的审核员可以查看此页面。")
    form = OrganizationEditForm(instance=organization) if may_edit else None
    if request.method == "POST" and may_edit:
        if request.POST.get("action") == "resubmit":
            try:
                organization_resubmit(actor=user, organization=organization)
                messages.success(request, "已重新提交认证，请等待本地区审核员处理。")
            except ApplicationError as error:
                if error.status_code == 403:
                    raise
                messages.error(request, error.message)
            return redirect("organizations:profile", organization_id=organization.pk)
        form = OrganizationEditForm(request.POST, instance=organization)
        if form.is_valid():
            was_verified = organization.is_verified
            changed = {name: form.cleaned_data[name] for name in form.changed_data}
            try:
                updated = organization_update(actor=user, organization=organization, data=changed)
            except ApplicationError as error:
                if error.status_code == 403:
                    raise
                form_errors_from(form, error)
            else:
                if was_verified and not updated.is_verified:
                    messages.warning(
                        request,
                        "机构名称或统一社会信用代码已变更，机构已回到“未认证”，"
                        "需本地区审核员重新认证后才能继续以已认证机构身份发布信息。",
                    )
                else:
                    messages.success(request, "已保存。")
                return redirect("organizations:profile", organization_id=organization.pk)
    context = {
        "organization": organization,
        "form": form,
        "history": organization_history(organization),
        "return_reason": organization_last_return_reason(organization),
        "actions": transition_actions_available(
            workflow=ORGANIZATION_VERIFICATION, obj=organization, actor=user
        ),
        "may_manage_members": user_can_manage_members(user, organization),
    }
    return render(request, "organizations/profile.html", context)


# The verification queue --------------------------------------------------------------------------


def _refuse_unless_reviewer(request: HttpRequest) -> None:
    if not (is_platform_staff(request.user) or reviewed_region_codes(request.user)):
        raise PermissionDeniedError("只有政府部门的审核员、政府管理员或平台管理员可以认证机构。")


@login_required
def verification_queue_page(request: HttpRequest) -> HttpResponse:
    """Organisations of the reviewer's region waiting for verification, oldest first."""
    _refuse_unless_reviewer(request)
    user = acting_user(request)
    page = Paginator(organizations_pending_verification(user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [{"organization": org, "history": organization_history(org)} for org in page.object_list]
    context = {
        "page_obj": page,
        "rows": rows,
        "return_form": ReturnForm(),
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "organizations/verification_queue.html", context)


@login_required
@require_POST
def verification_decide(request: HttpRequest, organization_id: int, action: str) -> HttpResponse:
    """认证 or 退回 one organisation from the queue."""
    user = acting_user(request)
    organization = organization_get_for_user(user=user, organization_id=organization_id)
    if action not in ("verify", "return"):
        raise Http404
    try:
        if action == "verify":
            organization_verify(actor=user, organization=organization, is_verified=True)
            messages.success(request, f"已认证“{organization.name}”。")
        else:
            organization_return(
                actor=user, organization=organization, reason=request.POST.get("reason", "")
            )
            messages.success(request, f"已退回“{organization.name}”，对方会看到退回原因。")
    except ApplicationError as error:
        if error.status_code == 403:
            raise
        messages.error(request, f"“{organization.name}”：{error.message}")
    return redirect("organizations:verification-queue")


# Members and invitations -------------------------------------------------------------------------


def _member_rows(organization: Organization) -> list[dict[str, Any]]:
    return [
        {
            "membership": membership,
            "name": membership.user.real_name or membership.user.username,
            "phone": mask_phone(membership.user.phone),
        }
        for membership in organization_members(organization)
    ]


@login_required
def members_page(request: HttpRequest, organization_id: int) -> HttpResponse:
    """Members with their roles, pending invitations, and the invite form."""
    user = acting_user(request)
    organization = organization_get_for_user(user=user, organization_id=organization_id)
    if not user_can_manage_members(user, organization):
        raise PermissionDeniedError("只有机构管理员可以管理成员。")
    roles = invitable_roles(organization)
    form = InvitationForm(roles=roles)
    new_link = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "invite":
            form = InvitationForm(request.POST, roles=roles)
            if form.is_valid():
                try:
                    created = invitation_create(
                        actor=user,
                        organization=organization,
                        role=form.cleaned_data["role"],
                        email=form.cleaned_data.get("email") or "",
                        site_url=request.build_absolute_uri("/"),
                    )
                except ApplicationError as error:
                    if error.status_code == 403:
                        raise
                    form_errors_from(form, error)
                else:
                    if created.invitation.email:
                        messages.success(
                            request, f"已向 {created.invitation.email} 发送邀请邮件，7天内有效。"
                        )
                        return redirect("organizations:members", organization_id=organization.pk)
                    new_link = request.build_absolute_uri(created.path)
                    form = InvitationForm(roles=roles)
        else:
            _member_action(request, organization, action)
            return redirect("organizations:members", organization_id=organization.pk)
    context = {
        "organization": organization,
        "members": _member_rows(organization),
        "invitations": organization_invitations_pending(organization),
        "form": form,
        "roles": [(role, Role(role).label) for role in roles],
        "new_link": new_link,
    }
    return render(request, "organizations/members.html", context)


def _member_action(request: HttpRequest, organization: Organization, action: str) -> None:
    user = acting_user(request)
    try:
        if action == "revoke":
            invitation = get_object_or_404(
                Invitation, pk=request.POST.get("invitation") or 0, organization=organization
            )
            invitation_revoke(actor=user, invitation=invitation)
            messages.success(request, "已撤回该邀请，链接随即失效。")
            return
        membership = membership_get_for_organization(
            organization=organization, membership_id=int(request.POST.get("membership") or 0)
        )
        if action == "role":
            membership_role_change(
                actor=user, membership=membership, role=request.POST.get("role", "")
            )
            messages.success(request, "已更改该成员的角色。")
        elif action == "remove":
            membership_remove(actor=user, membership=membership)
            messages.success(request, "已将该成员移出本机构。")
        else:
            messages.error(request, "请选择要执行的操作。")
    except ValueError:
        messages.error(request, "请选择要执行的操作。")
    except ApplicationError as error:
        if error.status_code == 403:
            raise
        messages.error(request, error.message)


def invitation_page(request: HttpRequest, token: str) -> HttpResponse:
    """What the link's holder sees: the organisation and the role; accept, decline or sign up."""
    invitation = invitation_get_by_token(token)
    account_form = AccountFields(
        request.POST if request.POST.get("action") == "register" else None,
        initial={"email": invitation.email},
    )
    if invitation.email:
        account_form.fields["email"].disabled = True
        account_form.fields["email"].help_text = "邀请发给了这个邮箱，账号将使用它。"
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "register" and not request.user.is_authenticated:
                if account_form.is_valid():
                    try:
                        membership = invitation_register_and_accept(
                            token=token, account=_account_input(account_form.cleaned_data)
                        )
                    except ApplicationError as error:
                        if error.status_code >= 403:
                            raise
                        form_errors_from(account_form, error)
                    else:
                        _sign_in(request, membership.user)
                        messages.success(request, _joined_text(invitation))
                        return redirect("web:home")
            elif action == "accept" and request.user.is_authenticated:
                invitation_accept(actor=acting_user(request), token=token)
                messages.success(request, _joined_text(invitation))
                return redirect("web:home")
            elif action == "decline" and request.user.is_authenticated:
                invitation_decline(actor=acting_user(request), token=token)
                messages.info(request, "您已拒绝该邀请。")
                return redirect("web:home")
        except ApplicationError as error:
            if error.status_code in (403, 404):
                raise
            messages.error(request, error.message)
            return redirect(invitation_path(token))
    invitation.refresh_from_db()
    user = request.user
    email_mismatch = bool(
        user.is_authenticated
        and invitation.email
        and invitation.email.lower() != (getattr(user, "email", "") or "").lower()
    )
    context = {
        "invitation": invitation,
        "is_open": invitation.status == InvitationStatus.PENDING and not invitation.is_expired,
        "email_mismatch": email_mismatch,
        "account_form": account_form,
    }
    return render(request, "organizations/invitation.html", context)


def _joined_text(invitation: Invitation) -> str:
    return f"您已以“{invitation.role_label}”身份加入“{invitation.organization.name}”。"


# Government bodies -------------------------------------------------------------------------------


@login_required
def government_page(request: HttpRequest) -> HttpResponse:
    """The bodies a 政府管理员 (or staff) manages; open a body below, invite officers."""
    user = acting_user(request)
    staff = is_platform_staff(user)
    governed = governed_region_codes(user)
    if not (staff or governed):
        raise PermissionDeniedError("只有政府管理员或平台管理员可以管理政府部门。")
    regions = active_regions() if staff else active_regions(within=governed, strictly=True)
    bodies = list(government_bodies_managed(user))
    create_form = GovernmentBodyForm(regions=regions)
    invite_form = GovernmentInviteForm(bodies=bodies)
    new_link = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "create":
            create_form = GovernmentBodyForm(request.POST, regions=regions)
            if create_form.is_valid():
                try:
                    body = government_body_create(
                        actor=user,
                        name=create_form.cleaned_data["name"],
                        region=create_form.cleaned_data["region"],
                    )
                except ApplicationError as error:
                    if error.status_code == 403:
                        raise
                    form_errors_from(create_form, error)
                else:
                    messages.success(request, f"已开设“{body.name}”，请邀请其政府管理员。")
                    return redirect("organizations:government")
        elif action == "invite":
            invite_form = GovernmentInviteForm(request.POST, bodies=bodies)
            if invite_form.is_valid():
                try:
                    created = invitation_create(
                        actor=user,
                        organization=invite_form.chosen_body(),
                        role=invite_form.cleaned_data["role"],
                        email=invite_form.cleaned_data.get("email") or "",
                        site_url=request.build_absolute_uri("/"),
                    )
                except ApplicationError as error:
                    if error.status_code == 403:
                        raise
                    form_errors_from(invite_form, error)
                else:
                    if created.invitation.email:
                        messages.success(
                            request, f"已向 {created.invitation.email} 发送邀请邮件，7天内有效。"
                        )
                        return redirect("organizations:government")
                    new_link = request.build_absolute_uri(created.path)
                    invite_form = GovernmentInviteForm(bodies=bodies)
    context = {
        "bodies": bodies,
        "create_form": create_form,
        "invite_form": invite_form,
        "new_link": new_link,
        "is_staff": staff,
    }
    return render(request, "organizations/government.html", context)
