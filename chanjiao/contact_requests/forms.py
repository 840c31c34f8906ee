"""Page forms: a new request, the school's answer (accept with a contact person, or decline)."""

from typing import Any

from django import forms

from chanjiao.catalogs.models import Major
from chanjiao.contact_requests.models import ContactRequestState
from chanjiao.contact_requests.services import (
    MAX_HEADCOUNT,
    MESSAGE_MAX,
    REASON_MAX,
    graduation_years,
)
from chanjiao.organizations.models import Organization
from chanjiao.students.selectors import school_major_options


class ContactRequestForm(forms.Form):
    enterprise = forms.TypedChoiceField(
        label="以哪个单位的名义",
        coerce=int,
        empty_value=None,
        error_messages={
            "invalid_choice": "请选择您担任机构管理员或信息员的单位。",
            "required": "请选择以哪个单位的名义提出请求。",
        },
    )
    major = forms.TypedChoiceField(
        label="专业",
        coerce=int,
        error_messages={
            "required": "请选择专业。",
            "invalid_choice": "请从该校开设的专业中选择。",
        },
    )
    graduation_year = forms.TypedChoiceField(
        label="毕业年份",
        coerce=int,
        error_messages={"required": "请选择毕业年份。", "invalid_choice": "请选择列出的届别。"},
    )
    headcount = forms.IntegerField(
        label="拟招人数",
        required=False,
        min_value=1,
        max_value=MAX_HEADCOUNT,
        error_messages={"invalid": "请填写整数。"},
    )
    message = forms.CharField(
        label="需求说明",
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="岗位、工作地点、待遇等，帮助学校推荐合适的毕业生。",
    )

    def __init__(
        self,
        *args: Any,
        school: Organization,
        organizations: list[Organization],
        extra_major: Major | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        majors = school_major_options(school)
        if extra_major is not None and all(m.pk != extra_major.pk for m in majors):
            majors = [extra_major, *majors]
        self.fields["major"].choices = [("", "请选择专业"), *[(m.pk, m.name) for m in majors]]  # type: ignore[attr-defined]
        self.majors = {m.pk: m for m in majors}
        years = graduation_years()
        self.fields["graduation_year"].choices = [("", "请选择届别")] + [  # type: ignore[attr-defined]
            (year, f"{year}届") for year in years
        ]
        self.organizations = {o.pk: o for o in organizations}
        self.fields["enterprise"].choices = [(o.pk, o.name) for o in organizations]  # type: ignore[attr-defined]
        if len(organizations) == 1:
            # One organisation: nothing to choose, and a missing value means that one.
            self.fields["enterprise"].widget = forms.HiddenInput()
            self.fields["enterprise"].required = False
            self.fields["enterprise"].initial = organizations[0].pk

    def clean_enterprise(self) -> int:
        value: int | None = self.cleaned_data.get("enterprise")
        if value is None:
            if len(self.organizations) != 1:
                raise forms.ValidationError("请选择您担任机构管理员或信息员的单位。")
            return next(iter(self.organizations))
        return value


class AcceptForm(forms.Form):
    contact_name = forms.CharField(label="学校联系人", max_length=50)
    contact_phone = forms.CharField(label="联系电话", max_length=20, required=False)
    contact_email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    contact_note = forms.CharField(
        label="答复说明",
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="如推荐时间、面试安排等（选填）。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].error_messages["required"] = "请填写负责对接的老师姓名。"


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="婉拒原因",
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="选填，建议写明，如“该届毕业生已全部落实去向”。",
    )


class ReceivedFilterForm(forms.Form):
    school = forms.TypedChoiceField(label="学校", required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label="状态", required=False)
    major = forms.TypedChoiceField(label="专业", required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label="毕业年份", required=False, coerce=int, empty_value=None)

    def __init__(
        self,
        *args: Any,
        schools: list[Organization],
        majors: list[tuple[int, str]],
        years: list[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = [("", "全部学校")] + [(s.pk, s.name) for s in schools]  # type: ignore[attr-defined]
        self.fields["state"].choices = [("", "全部状态"), *ContactRequestState.choices]  # type: ignore[attr-defined]
        self.fields["major"].choices = [("", "全部专业"), *majors]  # type: ignore[attr-defined]
        self.fields["year"].choices = [("", "全部年份")] + [(y, f"{y}届") for y in years]  # type: ignore[attr-defined]
        self.school_count = len(schools)
