"""The forms of a claim and of a student's sign-up: the one validation the pages, the API and the
services share (``services.student_claim_values_clean`` runs ``ClaimForm``)."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone

from chanjiao.catalogs.models import Major
from chanjiao.organizations.models import Organization
from chanjiao.students.models import StudentProfile
from chanjiao.students.selectors import school_find, school_major_find, school_major_options

EARLIEST_YEAR = 1980
# A student may graduate up to this many years from now (a five-year programme just begun).
YEARS_AHEAD = 6
MAJORS_NAMED = 12


@dataclass(frozen=True)
class ClaimValues:
    """A checked claim: the school and the major found, the cohort, the person's status."""

    school: Organization
    major: Major
    status: str
    graduation_year: int
    enrollment_year: int | None = None
    student_number: str = ""

    def as_fields(self) -> dict[str, Any]:
        """Return the values as ``StudentClaim`` fields."""
        return {
            "school": self.school,
            "major": self.major,
            "status": self.status,
            "graduation_year": self.graduation_year,
            "enrollment_year": self.enrollment_year,
            "student_number": self.student_number,
        }


def _year_field(label: str, *, required: bool, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": f"请填写{label}，如 2026。",
            "invalid": f"{label}应为四位数字，如 2026。",
        },
    )


class ClaimForm(forms.Form):
    school = forms.CharField(
        label="学校",
        max_length=200,
        help_text="输入学校名称，从列表中选择。",
        widget=forms.TextInput(attrs={"list": "school-options", "autocomplete": "off"}),
        error_messages={"required": "请选择您的学校。"},
    )
    major = forms.CharField(
        label="专业",
        max_length=200,
        help_text="输入专业名称，从本校开设的专业中选择。",
        widget=forms.TextInput(attrs={"list": "major-options", "autocomplete": "off"}),
        error_messages={"required": "请选择您的专业。"},
    )
    status = forms.ChoiceField(
        label="身份",
        choices=StudentProfile.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择您是在校生还是毕业生。",
            "invalid_choice": "身份只能是在校生或毕业生。",
        },
    )
    graduation_year = _year_field("毕业年份", required=True)
    enrollment_year = _year_field("入学年份", required=False, help_text="选填。")
    student_number = forms.CharField(
        label="学号",
        max_length=30,
        required=False,
        help_text="选填；填写后学校核对更快。",
        error_messages={"max_length": "学号最多 30 个字符。"},
    )

    def clean_school(self) -> Organization:
        value = self.cleaned_data["school"].strip()
        school = school_find(value)
        if school is None:
            raise forms.ValidationError(f"平台上没有找到学校“{value}”，请从列表中选择学校名称。")
        return school

    def clean_student_number(self) -> str:
        return str(self.cleaned_data.get("student_number") or "").strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        school = data.get("school")
        if isinstance(school, Organization) and data.get("major"):
            self._clean_major(school, str(data["major"]))
        self._clean_years(data)
        return data

    def _clean_major(self, school: Organization, typed: str) -> None:
        major = school_major_find(school, typed)
        if major is not None:
            self.cleaned_data["major"] = major
            return
        names = [m.name for m in school_major_options(school)[:MAJORS_NAMED]]
        hint = f"可选专业如：{'、'.join(names)}。" if names else "该校尚未登记专业，请联系学校。"
        self.add_error("major", f"{school.name}没有名为“{typed.strip()}”的专业。{hint}")

    def _clean_years(self, data: dict[str, Any]) -> None:
        this_year = timezone.localdate().year
        graduation = data.get("graduation_year")
        enrollment = data.get("enrollment_year")
        if graduation is not None:
            if not EARLIEST_YEAR <= graduation <= this_year + YEARS_AHEAD:
                self.add_error(
                    "graduation_year",
                    f"毕业年份应在 {EARLIEST_YEAR} 到 {this_year + YEARS_AHEAD} 之间。",
                )
            elif data.get("status") == StudentProfile.Status.GRADUATE and graduation > this_year:
                self.add_error("graduation_year", "毕业生的毕业年份不能晚于今年。")
            elif data.get("status") == StudentProfile.Status.STUDENT and graduation < this_year:
                self.add_error(
                    "graduation_year", "在校生的毕业年份不能早于今年；已毕业请选择“毕业生”。"
                )
        if enrollment is not None:
            if not EARLIEST_YEAR <= enrollment <= this_year:
                self.add_error(
                    "enrollment_year", f"入学年份应在 {EARLIEST_YEAR} 到 {this_year} 之间。"
                )
            elif graduation is not None and enrollment >= graduation:
                self.add_error("enrollment_year", "入学年份应早于毕业年份。")

    def claim_values(self) -> ClaimValues:
        """Return the checked values (call after ``is_valid()``)."""
        data = self.cleaned_data
        return ClaimValues(
            school=data["school"],
            major=data["major"],
            status=data["status"],
            graduation_year=data["graduation_year"],
            enrollment_year=data.get("enrollment_year"),
            student_number=data.get("student_number", ""),
        )


class RegisterForm(ClaimForm):
    """A student's sign-up: the account (checked again by ``account_register``) and the claim."""

    username = forms.CharField(
        label="用户名",
        max_length=30,
        help_text="3—30 位字母、数字或下划线，以字母开头；登录时使用。",
        error_messages={"required": "请填写用户名。"},
    )
    real_name = forms.CharField(
        label="真实姓名",
        max_length=50,
        help_text="学校按姓名核对，请填写与学籍一致的姓名。",
        error_messages={"required": "请填写真实姓名。"},
    )
    password = forms.CharField(
        label="密码",
        widget=forms.PasswordInput(render_value=False),
        help_text="请混合使用大小写字母、数字和符号，不要用生日、手机号或常见密码。",
        error_messages={"required": "请设置密码。"},
    )
    password_confirm = forms.CharField(
        label="确认密码",
        widget=forms.PasswordInput(render_value=False),
        error_messages={"required": "请再输入一次密码。"},
    )
    email = forms.CharField(
        label="电子邮箱",
        max_length=254,
        help_text="用于找回密码和接收通知。",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "请填写电子邮箱。"},
    )
    phone = forms.CharField(
        label="手机号",
        max_length=20,
        required=False,
        help_text="选填。",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    field_order = [
        "username",
        "real_name",
        "password",
        "password_confirm",
        "email",
        "phone",
        "school",
        "major",
        "status",
        "graduation_year",
        "enrollment_year",
        "student_number",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        password = data.get("password")
        if password and data.get("password_confirm") and data["password_confirm"] != password:
            self.add_error("password_confirm", "两次输入的密码不一致。")
        return data
