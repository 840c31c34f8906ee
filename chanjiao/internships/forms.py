"""Page forms of internships: they parse what the browser sends (each message names its field);
the services check every rule, and their refusals come back under the fields they name."""

from decimal import Decimal
from typing import Any

from django import forms

from chanjiao.accounts.models import User
from chanjiao.internships.models import (
    IncidentKind,
    InsuranceKind,
    Placement,
    PlacementKind,
)
from chanjiao.internships.services import (
    IncidentInput,
    InsuranceInput,
    PlacementInput,
    WeeklyLogInput,
)
from chanjiao.listings.models import Listing
from chanjiao.organizations.models import Organization


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _messages(label: str, *, choose: bool = False) -> dict[str, str]:
    verb = "请选择" if choose else "请填写"
    return {
        "required": f"{verb}{label}。",
        "invalid": f"{label}格式不对。",
        "invalid_choice": f"请从列表中选择{label}。",
        "invalid_pk_value": f"请从列表中选择{label}。",
        "min_value": f"{label}不能小于 %(limit_value)s。",
        "max_value": f"{label}不能大于 %(limit_value)s。",
        "max_digits": f"{label}的数字太长。",
        "max_decimal_places": f"{label}最多保留 %(max)s 位小数。",
        "max_length": f"{label}不能超过 %(limit_value)d 个字。",
        "list": f"请选择{label}。",
    }


def _date(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        error_messages=_messages(label),
    )


def _decimal(
    label: str, *, digits: int = 4, places: int = 1, required: bool = True, help_text: str = ""
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=digits,
        decimal_places=places,
        min_value=Decimal(0),
        required=required,
        help_text=help_text,
        error_messages=_messages(label),
    )


def _text(label: str, max_length: int, *, required: bool = True, help_text: str = "") -> Any:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages=_messages(label),
    )


def _flag(label: str, help_text: str = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=help_text)


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.real_name or obj.username)


class StudentChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        profile = getattr(obj, "student_profile", None)
        major = f"（{profile.major.name}）" if profile is not None and profile.major_id else ""
        return f"{obj.real_name or obj.username}{major}"


class ListingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}（{obj.organization.name}）"


class PlacementForm(forms.Form):
    """A school places one or several of its students: from a post, or with a unit it names."""

    listing = ListingChoice(
        label="实习岗位",
        queryset=Listing.objects.none(),
        required=False,
        empty_label="（不选，直接选择实习单位）",
        help_text="选择实习单位发布的实习岗位，实习单位即为发布单位。",
        error_messages=_messages("实习岗位", choose=True),
    )
    enterprise = forms.ModelChoiceField(
        label="实习单位",
        queryset=Organization.objects.none(),
        required=False,
        empty_label="（请选择）",
        help_text="不从实习岗位选择时，选择接收学生的单位。",
        error_messages=_messages("实习单位", choose=True),
    )
    students = StudentChoice(
        label="学生",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="可选一名或多名本校学生；每人生成一条实习安排。",
        error_messages=_messages("学生", choose=True),
    )
    birth_date = _date(
        "出生日期",
        required=False,
        help_text="学生档案中没有出生日期时填写（用于核对年龄和是否需要监护人签字）。",
    )
    kind = forms.ChoiceField(
        label="实习类型",
        choices=PlacementKind.choices,
        help_text="认识实习、跟岗实习、岗位实习（岗位实习须入学满一年）。",
        error_messages=_messages("实习类型", choose=True),
    )
    post_name = _text("实习岗位名称", 100)
    address = _text("实习地点", 200, help_text="写到区县和街道、园区。")
    venue_description = _text(
        "场所类型或说明", 200, required=False, help_text="如：生产车间、门店、酒店前台。"
    )
    start_date = _date("开始日期")
    end_date = _date("结束日期")
    daily_hours = _decimal("每日工作时间（小时）", help_text="不超过 8 小时。")
    weekly_hours = _decimal("每周工作时间（小时）", help_text="不超过 40 小时。")
    has_night_shift = _flag("安排夜班")
    has_overtime = _flag("安排加班")
    has_holiday_work = _flag("休息日或法定节假日实习")
    monthly_pay = _decimal(
        "实习报酬（元/月）",
        digits=10,
        places=2,
        required=False,
        help_text="岗位实习报酬不低于本单位相同岗位试用期工资的 80%。",
    )
    probation_wage = _decimal(
        "本单位相同岗位试用期工资（元/月）", digits=10, places=2, required=False
    )
    post_staff_count = forms.IntegerField(
        label="该岗位在岗职工人数",
        min_value=0,
        required=False,
        help_text="岗位实习学生人数不超过该岗位在岗职工人数的 20%。",
        error_messages=_messages("该岗位在岗职工人数"),
    )
    charges_fees = _flag("收取押金、培训费、管理费等费用")
    withholds_id_documents = _flag("扣押身份证件")
    via_intermediary = _flag("通过中介机构或有偿代理安排")
    school_mentor = UserChoice(
        label="学校指导教师",
        queryset=User.objects.none(),
        required=False,
        empty_label="（暂不指定）",
        error_messages=_messages("学校指导教师", choose=True),
    )
    enterprise_mentor = UserChoice(
        label="企业指导教师",
        queryset=User.objects.none(),
        required=False,
        empty_label="（暂不指定）",
        help_text="实习单位的成员；先选择实习岗位或实习单位。",
        error_messages=_messages("企业指导教师", choose=True),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("listing") and not data.get("enterprise") and not self.errors:
            self.add_error("enterprise", "请选择实习岗位，或选择实习单位。")
        return data

    def values(self) -> PlacementInput:
        data = self.cleaned_data
        names = [
            "kind",
            "post_name",
            "address",
            "start_date",
            "end_date",
            "daily_hours",
            "weekly_hours",
            "venue_description",
            "has_night_shift",
            "has_overtime",
            "has_holiday_work",
            "monthly_pay",
            "probation_wage",
            "post_staff_count",
            "charges_fees",
            "withholds_id_documents",
            "via_intermediary",
            "school_mentor",
            "enterprise_mentor",
        ]
        return PlacementInput(**{name: data[name] for name in names})


class TransitionForm(forms.Form):
    name = forms.ChoiceField(
        label="操作",
        choices=[
            ("start", "开始实习"),
            ("complete", "实习完成"),
            ("terminate", "提前终止"),
            ("cancel", "取消"),
        ],
        error_messages=_messages("操作", choose=True),
    )
    reason = _text("原因", 500, required=False)


class ConfirmForm(forms.Form):
    role = forms.ChoiceField(
        label="签约方",
        choices=[
            ("school", "学校"),
            ("enterprise", "实习单位"),
            ("student", "学生"),
            ("guardian", "监护人"),
        ],
        error_messages=_messages("签约方", choose=True),
    )
    guardian_name = _text("监护人姓名", 50, required=False)


class AgreementFileForm(forms.Form):
    file = forms.FileField(
        label="已签协议扫描件",
        help_text="PDF 或 JPG/PNG，不超过 5 MB。",
        error_messages={"required": "请选择已签协议扫描件。", "empty": "文件是空的，请重新选择。"},
    )


class InsuranceForm(forms.Form):
    kind = forms.ChoiceField(
        label="险种", choices=InsuranceKind.choices, error_messages=_messages("险种", choose=True)
    )
    insurer = _text("保险公司", 100)
    policy_number = _text("保单号", 60)
    start_date = _date("保险起期")
    end_date = _date("保险止期", help_text="实习责任保险须覆盖整个实习期。")
    placements = forms.ModelMultipleChoiceField(
        label="被保险的实习安排",
        queryset=Placement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=_messages("被保险的实习安排", choose=True),
    )

    def values(self) -> InsuranceInput:
        data = self.cleaned_data
        return InsuranceInput(
            kind=data["kind"],
            insurer=data["insurer"],
            policy_number=data["policy_number"],
            start_date=data["start_date"],
            end_date=data["end_date"],
        )


class WeeklyLogForm(forms.Form):
    week_start = _date("周开始日期", help_text="本周星期一的日期。")
    content = forms.CharField(
        label="本周工作内容",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_messages("本周工作内容"),
    )
    hours_worked = _decimal("本周工作时间（小时）")
    longest_day_hours = _decimal("单日最长工作时间（小时）", required=False)
    had_night_shift = _flag("上过夜班")
    had_overtime = _flag("加过班")
    had_holiday_work = _flag("休息日或节假日实习")

    def values(self) -> WeeklyLogInput:
        return WeeklyLogInput(**self.cleaned_data)


class CommentForm(forms.Form):
    body = forms.CharField(
        label="评语",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_messages("评语"),
    )


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(
        label="事件类型",
        choices=IncidentKind.choices,
        error_messages=_messages("事件类型", choose=True),
    )
    occurred_on = _date("发生日期")
    description = forms.CharField(
        label="经过",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_messages("经过"),
    )

    def values(self) -> IncidentInput:
        return IncidentInput(**self.cleaned_data)


class IncidentStepForm(forms.Form):
    name = forms.ChoiceField(
        label="操作",
        choices=[("handle", "已处理"), ("close", "关闭")],
        error_messages=_messages("操作", choose=True),
    )
    note = _text("处理说明", 2000)


class EvaluationForm(forms.Form):
    direction = forms.ChoiceField(
        label="评价方向",
        choices=[
            ("school_to_student", "学校评价学生"),
            ("enterprise_to_student", "实习单位评价学生"),
            ("student_to_enterprise", "学生评价实习单位"),
        ],
        error_messages=_messages("评价方向", choose=True),
    )
    score = forms.TypedChoiceField(
        label="评分",
        coerce=int,
        choices=[(n, f"{n} 分") for n in range(5, 0, -1)],
        error_messages=_messages("评分", choose=True),
    )
    comment = forms.CharField(
        label="评语",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_messages("评语"),
    )


class ResolveForm(forms.Form):
    note = _text("处理说明", 500, required=False)


class PlacementFilterForm(forms.Form):
    status = forms.ChoiceField(label="状态", required=False)
    kind = forms.ChoiceField(label="实习类型", required=False)
    q = forms.CharField(label="单位或学校名称", required=False, max_length=100)
    year = forms.IntegerField(label="年份", required=False, min_value=2000, max_value=2100)
    sort = forms.ChoiceField(label="排序", required=False)
