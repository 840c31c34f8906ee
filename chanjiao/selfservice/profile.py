"""A person's own profile: name, e-mail and mobile, changed with before/after in the audit log."""

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, changes_between
from chanjiao.common.exceptions import field_refusal
from chanjiao.common.masking import mask_phone

PROFILE_FIELDS = ("real_name", "email", "phone")
PHONE_PATTERN = re.compile(r"1\d{10}")
EMAIL_TAKEN = "该电子邮箱已被其他账号使用，请换一个。"


@dataclass(frozen=True)
class ProfileInput:
    """What a person may change of their own account."""

    real_name: str
    email: str
    phone: str


def profile_input_check(*, user: User, data: ProfileInput) -> ProfileInput:
    """Return the input trimmed; refuse a bad value with a Chinese message naming the field."""
    real_name = data.real_name.strip()
    email = data.email.strip()
    phone = data.phone.strip()
    if not real_name:
        raise field_refusal("real_name", "请填写姓名。")
    if len(real_name) > 50:
        raise field_refusal("real_name", "姓名不能超过 50 个字。")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise field_refusal("email", "电子邮箱格式不正确，请检查后重新填写。") from None
        if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
            raise field_refusal("email", EMAIL_TAKEN)
    if phone and not PHONE_PATTERN.fullmatch(phone):
        raise field_refusal("phone", "手机号应为以 1 开头的 11 位数字。")
    return ProfileInput(real_name=real_name, email=email, phone=phone)


def _masked_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    changes = changes_between(before, after)
    if "phone" in changes:
        changes["phone"] = [mask_phone(before["phone"]), mask_phone(after["phone"])]
    return changes


def profile_update(*, actor: User, data: ProfileInput) -> User:
    """Change the person's own name, e-mail and mobile; log before/after with the phone masked."""
    clean = profile_input_check(user=actor, data=data)
    after = {"real_name": clean.real_name, "email": clean.email, "phone": clean.phone}
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        before = {name: getattr(user, name) for name in PROFILE_FIELDS}
        changes = _masked_changes(before, after)
        if not changes:
            return user
        if user.email.lower() != clean.email.lower():
            # Checked again under the lock: another account may have taken it meanwhile.
            profile_input_check(user=user, data=clean)
        for name, value in after.items():
            setattr(user, name, value)
        try:
            with transaction.atomic():
                # The blind index of the phone is computed on save; it must be written too.
                user.save(update_fields=[*PROFILE_FIELDS, "phone_index"])
        except IntegrityError:
            raise field_refusal("email", EMAIL_TAKEN) from None
        audit_event_record(
            actor=user, action="account.profile_update", target=user, changes=changes
        )
    return user
