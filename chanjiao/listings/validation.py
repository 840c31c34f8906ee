"""One validation path for every kind: web forms, the API and bulk imports all use these forms.

``listing_form_class(kind)`` builds a Django form from the kind's declaration; its error
messages are Chinese and keyed by field, so an import can name the row and the column.
"""

import re
from decimal import Decimal
from functools import cache
from typing import Any, TypedDict, cast

from django import forms
from django.core.exceptions import ValidationError

from chanjiao.catalogs.models import Industry, Major, Occupation, Region
from chanjiao.catalogs.resolve import CatalogIndex, Resolution, catalog_resolve
from chanjiao.common.exceptions import ApplicationError
from chanjiao.listings.hooks import occupation_guess
from chanjiao.listings.kinds import COMMON_LABELS, DetailField, Education, KindSpec, kind_spec
from chanjiao.listings.models import OccupationSource

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")
CODE_SEPARATORS = re.compile(r"[,，;；、\s]+")
TRUE_WORDS = frozenset({"是", "有", "提供", "true", "1", "yes", "y", "on"})
FALSE_WORDS = frozenset({"否", "无", "不提供", "false", "0", "no", "n", "off", ""})
TEXT_LIMITS = {"title": 200, "description": 5000, "skills": 500, "contact_name": 50}


class CodeResolver:
    """Resolve catalogue codes or names to rows, remembering each answer for its lifetime.

    ``preload()`` reads every active row once (bulk imports); otherwise each new value asks the
    database. Names, full names and ``名称（代码）`` are read by ``catalogs.resolve``.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], Resolution] = {}
        self._index: CatalogIndex | None = None

    def preload(self) -> "CodeResolver":
        """Load every active catalogue row at once (for bulk imports)."""
        self._index = CatalogIndex.load()
        return self

    def resolve(self, kind: str, text: str) -> Resolution:
        key = (kind, text)
        if key not in self._cache:
            self._cache[key] = catalog_resolve(kind, text, index=self._index)
        return self._cache[key]

    def region(self, code: str) -> Region | None:
        return cast(Region | None, self.resolve("region", code).row)

    def occupation(self, code: str) -> Occupation | None:
        return cast(Occupation | None, self.resolve("occupation", code).row)

    def industry(self, code: str) -> Industry | None:
        return cast(Industry | None, self.resolve("industry", code).row)

    def major(self, code: str) -> Major | None:
        return cast(Major | None, self.resolve("major", code).row)


class YesNoField(forms.Field):
    """A yes/no answer written as 是/否, true/false or 1/0; empty means no."""

    def to_python(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        word = str(value if value is not None else "").strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError("请填写“是”或“否”。", code="invalid")


class CodeField(forms.CharField):
    """A catalogue code or Chinese name, resolved to its row by the form's resolver."""

    def __init__(self, *, lookup: str, **kwargs: Any) -> None:
        self.lookup = lookup
        super().__init__(max_length=100, **kwargs)


class CodeListField(forms.CharField):
    """Several majors (codes or names) separated by commas, 、 or spaces (or a JSON list)."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list | tuple):
            return [str(v).strip() for v in value if str(v).strip()]
        text = super().to_python(value)
        return [c for c in CODE_SEPARATORS.split(text or "") if c]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


class BaseListingForm(forms.Form):
    """Fields and checks every kind shares; subclasses are built per kind."""

    spec: KindSpec

    def __init__(self, *args: Any, resolver: CodeResolver | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resolver = resolver or CodeResolver()

    def _resolve(self, name: str) -> Any:
        value = self.cleaned_data.get(name)
        if not value:
            return None
        field = self.fields[name]
        if not isinstance(field, CodeField):
            raise TypeError(f"{name} is not a code field")
        found = self.resolver.resolve(field.lookup, str(value).strip())
        if not found.ok:
            raise ValidationError(found.error, code=found.error_code or "unknown_code")
        return found.row

    def clean_region_code(self) -> Any:
        return self._resolve("region_code")

    def clean_occupation_code(self) -> Any:
        return self._resolve("occupation_code")

    def clean_industry_code(self) -> Any:
        return self._resolve("industry_code")

    def clean_major_codes(self) -> list[Major]:
        texts = _major_texts(self.cleaned_data.get("major_codes") or [], self.resolver)
        if len(texts) > self.spec.max_majors:
            raise ValidationError("最多填写 %(n)s 个专业。", params={"n": self.spec.max_majors})
        majors: list[Major] = []
        unknown_codes: list[str] = []
        problems: list[str] = []
        for text in texts:
            found = self.resolver.resolve("major", text)
            if found.ok:
                majors.append(found.row)
            elif found.error_code == "unknown_code":
                unknown_codes.append(text)
            else:
                problems.append(found.error)
        if unknown_codes:
            joined = "、".join(unknown_codes)
            problems.insert(0, f"未知的专业代码：{joined}。")
        if problems:
            raise ValidationError(problems)
        return list({major.pk: major for major in majors}.values())

    def clean_contact_phone(self) -> str:
        phone = re.sub(r"\s", "", self.cleaned_data.get("contact_phone") or "")
        if phone and not PHONE_RE.match(phone):
            raise ValidationError("联系电话格式不正确（手机号11位，或区号-座机号）。")
        return phone

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        _check_order(self, data, "salary_min", "salary_max", "薪酬下限不能高于薪酬上限。")
        _check_order(self, data, "valid_from", "valid_until", "有效期止不能早于有效期起。")
        if self.spec.detail("period_end"):
            _check_order(self, data, "period_start", "period_end", "实习结束日期不能早于开始日期。")
        return data


def _major_texts(parts: list[str], resolver: CodeResolver) -> list[str]:
    """Put back names the list separators cut apart (心理、脑与认知科学 is one major)."""
    texts: list[str] = []
    index = 0
    while index < len(parts):
        taken = 1
        if not resolver.resolve("major", parts[index]).ok:
            for width in (4, 3, 2):
                joined = "、".join(parts[index : index + width])
                if index + width <= len(parts) and resolver.resolve("major", joined).ok:
                    taken = width
                    break
        texts.append("、".join(parts[index : index + taken]))
        index += taken
    return texts


def _check_order(form: forms.Form, data: dict[str, Any], low: str, high: str, message: str) -> None:
    if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
        form.add_error(high, message)


def _common_field(spec: KindSpec, name: str) -> forms.Field:
    required = spec.common[name].required
    label = spec.common_label(name)
    if name == "region_code":
        return CodeField(lookup="region", required=required, label=label)
    if name == "occupation_code":
        return CodeField(lookup="occupation", required=required, label=label)
    if name == "industry_code":
        return CodeField(lookup="industry", required=required, label=label)
    if name == "major_codes":
        return CodeListField(required=required, label=label)
    if name == "education":
        return forms.ChoiceField(
            choices=[("", "—")] + Education.choices, required=required, label=label
        )
    if name in ("experience_years",):
        return forms.IntegerField(min_value=0, max_value=60, required=required, label=label)
    if name in ("salary_min", "salary_max"):
        return forms.IntegerField(min_value=0, max_value=1_000_000, required=required, label=label)
    if name == "quantity":
        return forms.IntegerField(min_value=1, max_value=1_000_000, required=required, label=label)
    if name in ("valid_from", "valid_until"):
        return forms.DateField(
            required=required, label=label, widget=forms.DateInput(attrs={"type": "date"})
        )
    if name == "contact_phone":
        return forms.CharField(max_length=20, required=required, label=label)
    return forms.CharField(max_length=TEXT_LIMITS.get(name, 200), required=required, label=label)


class _CommonKwargs(TypedDict):
    required: bool
    label: str
    help_text: str


def _detail_field(detail: DetailField) -> forms.Field:
    common: _CommonKwargs = {
        "required": detail.required,
        "label": detail.label,
        "help_text": detail.help_text,
    }
    if detail.type == "int":
        return forms.IntegerField(min_value=detail.min_value, max_value=detail.max_value, **common)
    if detail.type == "decimal":
        return forms.DecimalField(
            min_value=detail.min_value,
            max_value=detail.max_value,
            decimal_places=2,
            max_digits=12,
            **common,
        )
    if detail.type == "bool":
        return YesNoField(required=False, label=detail.label, help_text=detail.help_text)
    if detail.type == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if detail.type == "choice":
        return forms.ChoiceField(choices=[("", "—"), *detail.choices], **common)
    if detail.type == "url":
        return forms.URLField(max_length=detail.max_length, assume_scheme="https", **common)
    widget = forms.Textarea(attrs={"rows": 6}) if detail.type == "longtext" else None
    return forms.CharField(max_length=detail.max_length, widget=widget, **common)


@cache
def listing_form_class(kind: str) -> type[BaseListingForm]:
    """Return the form class that validates one kind's fields."""
    spec = kind_spec(kind)
    fields: dict[str, forms.Field] = {
        "title": forms.CharField(max_length=200, label=spec.title_label),
        "description": forms.CharField(
            max_length=5000,
            required=False,
            label=spec.description_label,
            widget=forms.Textarea(attrs={"rows": 6}),
        ),
    }
    if len(spec.directions) > 1:
        fields["direction"] = forms.ChoiceField(
            choices=[(d.value, spec.direction_label(d.value)) for d in spec.directions],
            label="供需方向",
        )
    for name in COMMON_LABELS:
        if name in spec.common:
            fields[name] = _common_field(spec, name)
    for detail in spec.details:
        fields[detail.name] = _detail_field(detail)
    if "occupation_code" in spec.common:
        fields["occupation_confirmed"] = forms.CharField(
            max_length=20, required=False, widget=forms.HiddenInput, label="采用的推荐职业"
        )
    fields["external_id"] = forms.CharField(
        max_length=64,
        required=False,
        label="外部编号",
        help_text="本单位系统中的编号；批量导入时用于去重。",
    )
    attrs: dict[str, Any] = {"spec": spec, **fields}
    return type(f"{kind.title().replace('_', '')}ListingForm", (BaseListingForm,), attrs)


def listing_values_from_form(spec: KindSpec, cleaned: dict[str, Any]) -> dict[str, Any]:
    """Turn a valid form's data into Listing field values (details as JSON-ready values)."""
    values: dict[str, Any] = {
        "title": cleaned["title"].strip(),
        "description": cleaned.get("description", "").strip(),
        "direction": cleaned.get("direction") or spec.directions[0].value,
        "region": cleaned.get("region_code"),
        "occupation": cleaned.get("occupation_code"),
        "education": cleaned.get("education") or "",
        "experience_years": cleaned.get("experience_years"),
        "salary_min": cleaned.get("salary_min"),
        "salary_max": cleaned.get("salary_max"),
        "quantity": cleaned.get("quantity"),
        "skills": (cleaned.get("skills") or "").strip(),
        "valid_from": cleaned.get("valid_from"),
        "valid_until": cleaned.get("valid_until"),
        "contact_name": (cleaned.get("contact_name") or "").strip(),
        "contact_phone": cleaned.get("contact_phone") or "",
        "external_id": (cleaned.get("external_id") or "").strip(),
        "majors": cleaned.get("major_codes") or [],
        "details": {d.name: _json_value(cleaned.get(d.name)) for d in spec.details},
    }
    if "industry_code" in spec.common:
        values["industry"] = cleaned.get("industry_code")
    if "occupation_code" in spec.common:
        _occupation_values(spec, cleaned, values)
    return values


def _occupation_values(spec: KindSpec, cleaned: dict[str, Any], values: dict[str, Any]) -> None:
    """Say where the occupation comes from; when none was given, ask the classifier for one.

    The publisher's own choice is *declared*; the form's suggestion they accepted (the hidden
    ``occupation_confirmed`` holds its code) is *confirmed*; a guess is *classified*, with its
    confidence, and also fills an empty industry (the employer's industry still comes first).
    """
    occupation = cleaned.get("occupation_code")
    values["occupation_confidence"] = None
    if occupation is not None:
        confirmed = (cleaned.get("occupation_confirmed") or "").strip()
        accepted = confirmed and confirmed in (occupation.code, occupation.name)
        values["occupation_source"] = (
            OccupationSource.CONFIRMED if accepted else OccupationSource.DECLARED
        )
        return
    values["occupation_source"] = ""
    guess = occupation_guess(values["title"], values["description"])
    row = Occupation.objects.filter(pk=guess.occupation_id).first() if guess else None
    if guess is None or row is None:
        return
    values["occupation"] = row
    values["occupation_source"] = OccupationSource.CLASSIFIED
    values["occupation_confidence"] = round(guess.confidence, 4)
    wants_industry = spec.industry_from_employer or "industry_code" in spec.common
    if wants_industry and values.get("industry") is None and guess.industry_id:
        values["industry"] = Industry.objects.filter(pk=guess.industry_id).first()


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral() else str(value.normalize())
    return value.isoformat()


def listing_form_data(listing: Any) -> dict[str, Any]:
    """Return a listing's values in the form's field names (for edit forms and exports)."""
    spec = listing.spec
    data: dict[str, Any] = {
        "title": listing.title,
        "description": listing.description,
        "direction": listing.direction,
        "region_code": listing.region.code if listing.region_id else "",
        # A classified occupation is guessed again on save; only a person's choice is shown.
        "occupation_code": listing.occupation.code
        if listing.occupation_id and listing.occupation_source != OccupationSource.CLASSIFIED
        else "",
        "occupation_confirmed": listing.occupation.code
        if listing.occupation_id and listing.occupation_source == OccupationSource.CONFIRMED
        else "",
        "industry_code": listing.industry.code if listing.industry_id else "",
        "major_codes": "、".join(m.code for m in listing.majors.all()) if listing.pk else "",
        "external_id": listing.external_id,
    }
    for name in COMMON_LABELS:
        if name not in data:
            data[name] = getattr(listing, name)
    for detail in spec.details:
        data[detail.name] = listing.details.get(detail.name)
    return data


def listing_values_clean(
    spec: KindSpec, data: dict[str, Any], resolver: CodeResolver | None = None
) -> dict[str, Any]:
    """Validate one item's input; raise ApplicationError naming each bad field in Chinese."""
    form = listing_form_class(spec.kind.value)(data=data, resolver=resolver)
    if not form.is_valid():
        fields = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        first = next(iter(fields.items()))
        label = form.fields[first[0]].label if first[0] in form.fields else ""
        message = f"{label}：{first[1][0]}" if label else first[1][0]
        raise ApplicationError(message, extra={"fields": fields})
    return listing_values_from_form(spec, form.cleaned_data)
