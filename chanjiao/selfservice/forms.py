"""Page forms: Django's password forms in plain Chinese, the profile and the deletion forms."""

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm

from chanjiao.selfservice.deletion import CONFIRMATION_TEXT

_PASSWORD_ERRORS: dict[str, Any] = {
    "password_mismatch": "两次输入的新密码不一致，请重新输入。",
    "password_incorrect": "原密码不正确，请重新输入。",
}


def _required(label: str) -> dict[str, Any]:
    return {"required": f"请填写{label}。"}


def _password_widget(autocomplete: str) -> forms.PasswordInput:
    return forms.PasswordInput(attrs={"autocomplete": autocomplete})


class NewPasswordForm(SetPasswordForm):
    """Choose a new password (after a reset); the validators come from the settings."""

    error_messages = {**SetPasswordForm.error_messages, **_PASSWORD_ERRORS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password2"].label = "再次输入新密码"
        self.fields["new_password2"].help_text = ""
        for name in ("new_password1", "new_password2"):
            self.fields[name].error_messages = _required(str(self.fields[name].label))


class ChangePasswordForm(PasswordChangeForm):
    """Change the password: the current one, then the new one twice."""

    error_messages = {**PasswordChangeForm.error_messages, **_PASSWORD_ERRORS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "原密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password2"].label = "再次输入新密码"
        self.fields["new_password2"].help_text = ""
        for name in ("old_password", "new_password1", "new_password2"):
            self.fields[name].error_messages = _required(str(self.fields[name].label))


class ResetRequestForm(PasswordResetForm):
    """The e-mail address to send the reset link to."""

    email = forms.EmailField(
        label="电子邮箱",
        max_length=254,
        error_messages={**_required("电子邮箱"), "invalid": "电子邮箱格式不正确，请检查。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )


class ProfileForm(forms.Form):
    """The person's name, e-mail and mobile (checked by ``profile_input_check``)."""

    real_name = forms.CharField(label="姓名", max_length=50, error_messages=_required("姓名"))
    email = forms.CharField(
        label="电子邮箱",
        max_length=254,
        required=False,
        help_text="用于找回密码和接收通知。",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    phone = forms.CharField(
        label="手机号",
        max_length=20,
        required=False,
        help_text="以 1 开头的 11 位数字。",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "numeric"}),
    )


class AccountDeleteForm(forms.Form):
    """The current password and the typed confirmation."""

    password = forms.CharField(
        label="当前密码",
        strip=False,
        error_messages=_required("当前密码"),
        widget=_password_widget("current-password"),
    )
    confirmation = forms.CharField(
        label=f"请输入“{CONFIRMATION_TEXT}”",
        error_messages=_required(f"“{CONFIRMATION_TEXT}”"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_confirmation(self) -> str:
        value = str(self.cleaned_data["confirmation"]).strip()
        if value != CONFIRMATION_TEXT:
            raise forms.ValidationError(f"请准确输入“{CONFIRMATION_TEXT}”四个字，以确认注销。")
        return value
