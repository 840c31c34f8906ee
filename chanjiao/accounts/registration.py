"""Opening a person's account: the one path of every sign-up (organisation, student, invitation).

The password goes through Django's validators (``AUTH_PASSWORD_VALIDATORS``), the username and the
e-mail are checked for uniqueness with a message that names the field, and the new account is
recorded in the audit log. The caller opens the transaction when it writes more than the account
(an organisation and its first membership, a student's claim).
"""

from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError, field_refusal

USERNAME_PATTERN_HELP = "用户名为 3—30 位字母、数字或下划线，以字母开头。"


@dataclass(frozen=True)
class AccountInput:
    """What a person types to open an account."""

    username: str
    password: str
    email: str
    real_name: str
    phone: str = ""


def account_input_check(data: AccountInput) -> None:
    """Refuse input that cannot open an account, naming the field and the reason."""
    username = data.username.strip()
    if not (
        3 <= len(username) <= 30
        and username[0].isascii()
        and username[0].isalpha()
        and all(ch.isascii() and (ch.isalnum() or ch == "_") for ch in username)
    ):
        raise field_refusal("username", USERNAME_PATTERN_HELP)
    if User.objects.filter(username__iexact=username).exists():
        raise field_refusal("username", "该用户名已被使用，请换一个。")
    if not data.real_name.strip():
        raise field_refusal("real_name", "请填写真实姓名。")
    email = data.email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise field_refusal("email", "请填写有效的电子邮箱，用于找回密码和接收通知。") from None
    if User.objects.filter(email__iexact=email).exists():
        raise field_refusal("email", "该电子邮箱已注册过账号，请直接登录或找回密码。")
    candidate = User(username=username, email=email, real_name=data.real_name.strip())
    try:
        validate_password(data.password, user=candidate)
    except ValidationError as error:
        messages = list(error.messages)
        raise ApplicationError(
            messages[0], extra={"fields": {"password": messages}, "field": "password"}
        ) from None


def account_register(data: AccountInput, *, action: str = "account.register") -> User:
    """Open an account for a person (no role yet) and record it; raise on bad input."""
    account_input_check(data)
    with transaction.atomic():
        user = User(
            username=data.username.strip(),
            email=data.email.strip(),
            real_name=data.real_name.strip(),
            phone=data.phone.strip(),
        )
        user.set_password(data.password)
        user.save()
        audit_event_record(
            actor=user,
            action=action,
            target=user,
            changes={"username": [None, user.username], "email": [None, user.email]},
        )
    return user
