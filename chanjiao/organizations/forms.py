"""Page forms: organisation sign-up, verification decisions, invitations, government bodies.

Regions and industries are picked by name from the national catalogues (grouped selects), never
typed as codes. Every rule is checked again by the services; their errors come back to the
field they name (``form_errors_from``).
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Q

from chanjiao.accounts.models import Role
from chanjiao.catalogs.models import Industry, Region
from chanjiao.common.exceptions import ApplicationError
from chanjiao.organizations.models import Organization
from chanjiao.organizations.registration import REGISTRABLE_TYPES
from chanjiao.organizations.validators import validate_credit_code, validate_school_code

GroupedChoices = list[tuple[str, list[tuple[str, str]]]]


def region_choices(regions: Iterable[Region]) -> GroupedChoices:
    """Regions grouped by province: the province itself, its cities, each city's counties."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for region in sorted(regions, key=lambda r: r.code):
        chain = [region]
        while chain[-1].parent is not None:
            chain.append(chain[-1].parent)
        province = chain[-1]
        group = groups.setdefault(province.name, [])
        if region is province:
            label = f"{region.name}（全境）"
        elif len(chain) == 2:
            label = region.name if region.name != "市辖区" else f"{province.name}（市辖区）"
        else:
            city = chain[1]
            city_name = city.name if city.name != "市辖区" else province.name
            label = f"{city_name} · {region.name}"
        group.append((str(region.pk), label))
    return list(groups.items())


def active_regions(*, within: Iterable[str] | None = None, strictly: bool = False) -> list[Region]:
    """Active regions, optionally only those under the given codes (``strictly``: not the codes)."""
    qs = Region.objects.filter(is_active=True).select_related("parent", "parent__parent")
    if within is not None:
        codes = list(within)
        match = Q(pk__in=[])
        for code in codes:
            part = Q(code__startswith=code)
            if strictly:
                part &= ~Q(code=code)
            match |= part
        qs = qs.filter(match)
    return list(qs.order_by("code"))


def industry_choices() -> GroupedChoices:
    """GB/T 4754 divisions (大类) and groups (中类) under each section (门类), by name."""
    rows = Industry.objects.filter(is_active=True).only("pk", "code", "name", "level", "section")
    sections = {i.code: i.name for i in rows if i.level == Industry.Level.SECTION}
    groups: dict[str, list[tuple[str, str]]] = {}
    for industry in sorted(rows, key=lambda i: (i.section, i.code)):
        if industry.level == Industry.Level.DIVISION:
            label = industry.name
        elif industry.level == Industry.Level.GROUP:
            label = f"　{industry.name}"
        else:
            continue
        section = sections.get(industry.section, industry.section)
        groups.setdefault(section, []).append((str(industry.pk), label))
    return list(groups.items())


def form_errors_from(form: forms.BaseForm, error: ApplicationError) -> None:
    """Put a service's refusal on the fields it names (or on the form as a whole)."""
    fields = error.extra.get("fields") or {}
    placed = False
    for name, messages in fields.items():
        for message in messages if isinstance(messages, list) else [messages]:
            form.add_error(name if name in form.fields else None, str(message))
            placed = True
    if not placed:
        form.add_error(None, error.message)


class _PkChoiceField(forms.ChoiceField):
    """A grouped select whose value is a row id, cleaned to the row."""

    def __init__(self, *, model: type[Region] | type[Industry], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.model = model

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if value in (None, ""):
            return None
        return self.model.objects.get(pk=int(value))


class AccountFields(forms.Form):
    """The first person's (or an invited person's) account."""

    real_name = forms.CharField(label="真实姓名", max_length=50)
    phone = forms.CharField(label="手机号", max_length=20, required=False)
    email = forms.EmailField(
        label="电子邮箱",
        error_messages={"invalid": "请填写有效的电子邮箱。", "required": "请填写电子邮箱。"},
        help_text="用于登录提醒、找回密码和接收通知。",
    )
    username = forms.CharField(
        label="用户名", max_length=30, help_text="3—30 位字母、数字或下划线，以字母开头。"
    )
    password = forms.CharField(label="密码", widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(label="再次输入密码", widget=forms.PasswordInput, strip=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") != data.get("password"):
            self.add_error("password_again", "两次输入的密码不一致。")
        return data


class OrganizationRegisterForm(AccountFields):
    """机构入驻: the organisation, then its first 机构管理员's account."""

    field_order = [
        "name",
        "org_type",
        "region",
        "credit_code",
        "industry",
        "school_code",
        "address",
        "contact_phone",
        "real_name",
        "phone",
        "email",
        "username",
        "password",
        "password_again",
    ]

    name = forms.CharField(label="机构名称", max_length=200, help_text="与营业执照或登记证书一致。")
    org_type = forms.ChoiceField(
        label="机构类型",
        choices=[("", "请选择")] + [(t.value, t.label) for t in REGISTRABLE_TYPES],
        error_messages={"required": "请选择机构类型。"},
    )
    credit_code = forms.CharField(
        label="统一社会信用代码",
        max_length=18,
        required=False,
        validators=[validate_credit_code],
        help_text="18位，见营业执照或登记证书；企业必填。",
    )
    school_code = forms.CharField(
        label="学校标识码",
        max_length=10,
        required=False,
        validators=[validate_school_code],
        help_text="学校填写，10位数字（教育部颁发），可不填。",
    )
    address = forms.CharField(label="地址", max_length=300, required=False)
    contact_phone = forms.CharField(label="机构联系电话", max_length=20, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"] = _PkChoiceField(
            model=Region,
            label="所在地区",
            choices=[("", "请选择省、市或区县")] + region_choices(active_regions()),
            error_messages={
                "required": "请选择所在地区。",
                "invalid_choice": "请从列表中选择地区。",
            },
            help_text="可先选省份缩小范围，再选所在的市或区县。",
        )
        self.fields["industry"] = _PkChoiceField(
            model=Industry,
            label="所属行业",
            required=False,
            choices=[("", "请选择（企业必填）")] + industry_choices(),
            error_messages={"invalid_choice": "请从列表中选择行业。"},
            help_text="按《国民经济行业分类》（GB/T 4754-2017）选择主营业务所属行业。",
        )
        self.order_fields(self.field_order)

    def organization_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "org_type": data["org_type"],
            "region": data["region"],
            "credit_code": data.get("credit_code") or None,
            "school_code": data.get("school_code") or None,
            "industry": data.get("industry"),
            "address": data.get("address", ""),
            "contact_phone": data.get("contact_phone", ""),
        }


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="退回原因",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "退回时必须填写原因，说明需要机构补充或更正的内容。"},
    )


class OrganizationEditForm(forms.ModelForm):
    """What a 机构管理员 corrects on the page (a new name or credit code needs re-verification)."""

    website = forms.URLField(
        label="网址",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "请填写有效的网址。"},
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "credit_code",
            "school_code",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
            "website",
            "description",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.is_school:
            del self.fields["school_code"]

    def validate_unique(self) -> None:
        """The service checks uniqueness with its own message."""

    def _post_clean(self) -> None:
        # Validate the fields only; the service applies and checks the whole row.
        pass


def role_choices(roles: Iterable[str]) -> list[tuple[str, str]]:
    labels = dict(Role.choices)
    return [(role, str(labels[role])) for role in roles]


class InvitationForm(forms.Form):
    role = forms.ChoiceField(label="角色", error_messages={"required": "请选择角色。"})
    email = forms.EmailField(
        label="对方的电子邮箱",
        required=False,
        error_messages={"invalid": "请填写有效的电子邮箱。"},
        help_text="填写则发送邀请邮件，只有使用该邮箱的账号才能接受；不填则生成一次性链接，由您转发。",
    )

    def __init__(self, *args: Any, roles: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = list(roles)
        self.fields["role"].choices = role_choices(roles)  # type: ignore[attr-defined]
        # Most invitations are for someone who publishes; an administrator is chosen on purpose.
        if Role.INFO_OFFICER in roles:
            self.fields["role"].initial = Role.INFO_OFFICER


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label="角色")

    def __init__(self, *args: Any, roles: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(roles)  # type: ignore[attr-defined]


class GovernmentBodyForm(forms.Form):
    name = forms.CharField(label="部门名称", max_length=200, help_text="如：某某区教育局。")

    def __init__(self, *args: Any, regions: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"] = _PkChoiceField(
            model=Region,
            label="所在地区",
            choices=[("", "请选择地区")] + region_choices(regions),
            error_messages={"required": "请选择地区。", "invalid_choice": "请从列表中选择地区。"},
        )


class GovernmentInviteForm(InvitationForm):
    field_order = ["body", "role", "email"]

    def __init__(self, *args: Any, bodies: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, roles=[Role.GOV_ADMIN, Role.REVIEWER], **kwargs)
        self.bodies = {body.pk: body for body in bodies}
        self.fields["body"] = forms.TypedChoiceField(
            label="政府部门",
            coerce=int,
            choices=[("", "请选择")] + [(b.pk, f"{b.name}（{b.region.name}）") for b in bodies],
            error_messages={"required": "请选择政府部门。", "invalid_choice": "请从列表中选择。"},
        )
        self.order_fields(self.field_order)

    def chosen_body(self) -> Organization:
        return self.bodies[self.cleaned_data["body"]]
