"""Check locality profile data (the JSON file and the API's bodies) and report every error.

One set of rules serves ``load_localities``, the API and the edit pages, so a value refused in
one place is refused with the same message everywhere. Errors carry the path of the offending
entry, e.g. ``localities[2].parameters[4].value: 不是有效的数字``.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from chanjiao.catalogs.models import Industry, Region
from chanjiao.common.exceptions import ApplicationError
from chanjiao.localities.models import Comparison
from chanjiao.organizations.models import Organization

FILE_FIELDS = frozenset({"version", "localities"})
LOCALITY_FIELDS = frozenset(
    {
        "name",
        "region_code",
        "document_title",
        "document_number",
        "issuer",
        "issued_on",
        "source_file",
        "summary",
        "parameters",
        "key_industries",
        "institutions",
    }
)
PARAMETER_FIELDS = frozenset(
    {"key", "label", "comparison", "value", "value_max", "unit", "clause", "quote"}
)
KEY_INDUSTRY_FIELDS = frozenset({"label", "codes", "clause", "note"})
INSTITUTION_FIELDS = frozenset({"name", "kind", "clause", "organization_id"})

_KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MAX_INTEGER_DIGITS = 10  # PolicyParameter.value: 14 digits, 4 of them decimals
_MAX_DECIMAL_PLACES = 4


class LocalityDataError(ApplicationError):
    """Locality data that breaks the rules; ``errors`` lists every problem with its path."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(
            f"地区配置数据有误（共 {len(errors)} 处），请按提示修改。", extra={"errors": errors}
        )
        self.errors = errors


@dataclass
class ParameterData:
    key: str
    label: str
    comparison: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    clause: str
    quote: str


@dataclass
class KeyIndustryData:
    label: str
    codes: list[str]
    clause: str
    note: str
    industries: list[Industry] = field(default_factory=list)


@dataclass
class InstitutionData:
    name: str
    kind: str
    clause: str
    # ``None`` leaves the current link alone; ``0`` removes it (the key was given as null).
    organization_id: int | None = None


@dataclass
class LocalityData:
    name: str
    region_code: str
    document_title: str
    document_number: str
    issuer: str
    issued_on: date | None
    source_file: str
    summary: str
    parameters: list[ParameterData] = field(default_factory=list)
    key_industries: list[KeyIndustryData] = field(default_factory=list)
    institutions: list[InstitutionData] = field(default_factory=list)
    region: Region | None = None


def localities_data_clean(data: Any) -> list[LocalityData]:
    """Check a whole file (``{"localities": [...]}``); raise ``LocalityDataError`` listing all."""
    checker = _Checker()
    localities: list[LocalityData] = []
    if not isinstance(data, dict):
        checker.add("", '文件内容应为对象，形如 {"localities": [...]}')
        checker.raise_if_any()
    checker.unknown_fields(data, FILE_FIELDS, "")
    entries = data.get("localities")
    if not isinstance(entries, list):
        checker.add("localities", "应为列表" if entries is not None else "必填")
        entries = []
    names: set[str] = set()
    for index, entry in enumerate(entries):
        path = f"localities[{index}]"
        locality = checker.locality(entry, path)
        if locality is None:
            continue
        if locality.name and locality.name in names:
            checker.add(f"{path}.name", f"地区名称“{locality.name}”重复")
        names.add(locality.name)
        localities.append(locality)
    checker.resolve_codes()
    checker.raise_if_any()
    return localities


def locality_data_clean(data: Any) -> LocalityData:
    """Check one locality with its parameters, key industries and institutions."""
    return _clean_one(lambda checker: checker.locality(data, ""))


def parameter_data_clean(data: Any) -> ParameterData:
    """Check one policy parameter."""
    return _clean_one(lambda checker: checker.parameter(data, ""))


def key_industry_data_clean(data: Any) -> KeyIndustryData:
    """Check one key industry and resolve its GB/T 4754 codes."""
    return _clean_one(lambda checker: checker.key_industry(data, ""))


def institution_data_clean(data: Any) -> InstitutionData:
    """Check one named institution."""
    return _clean_one(lambda checker: checker.institution(data, ""))


def _clean_one(check: Any) -> Any:
    checker = _Checker()
    result = check(checker)
    checker.resolve_codes()
    checker.raise_if_any()
    return result


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class _Checker:
    """Walks the data, collecting errors; codes are looked up in bulk at the end."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self._regions: list[tuple[str, LocalityData]] = []
        self._industries: list[tuple[str, str, KeyIndustryData]] = []
        self._organizations: list[tuple[str, int]] = []

    def add(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}" if path else message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise LocalityDataError(self.errors)

    def unknown_fields(self, raw: dict[str, Any], allowed: frozenset[str], path: str) -> None:
        for name in raw:
            if name not in allowed:
                self.add(_join(path, str(name)), "未知字段")

    def is_object(self, raw: Any, path: str) -> bool:
        if isinstance(raw, dict):
            return True
        self.add(path, "应为对象")
        return False

    # Entries ---------------------------------------------------------------------------

    def locality(self, raw: Any, path: str) -> LocalityData | None:
        if not self.is_object(raw, path):
            return None
        self.unknown_fields(raw, LOCALITY_FIELDS, path)
        locality = LocalityData(
            name=self.text(raw, "name", path, max_length=50),
            region_code=self.text(raw, "region_code", path, max_length=20),
            document_title=self.text(raw, "document_title", path, max_length=200),
            document_number=self.text(raw, "document_number", path, max_length=100, required=False),
            issuer=self.text(raw, "issuer", path, max_length=200, required=False),
            issued_on=self.date(raw, "issued_on", path),
            source_file=self.text(raw, "source_file", path, max_length=100, required=False),
            summary=self.text(raw, "summary", path, max_length=None, required=False),
        )
        if locality.region_code:
            self._regions.append((_join(path, "region_code"), locality))
        locality.parameters = self.entries(raw, "parameters", path, self.parameter, "key")
        locality.key_industries = self.entries(
            raw, "key_industries", path, self.key_industry, "label"
        )
        locality.institutions = self.entries(raw, "institutions", path, self.institution, "name")
        return locality

    def entries(self, raw: dict[str, Any], name: str, path: str, check: Any, unique: str) -> Any:
        items = raw.get(name)
        if items is None:
            return []
        if not isinstance(items, list):
            self.add(_join(path, name), "应为列表")
            return []
        cleaned, seen = [], set()
        for index, item in enumerate(items):
            item_path = f"{_join(path, name)}[{index}]"
            entry = check(item, item_path)
            if entry is None:
                continue
            value = getattr(entry, unique)
            if value and value in seen:
                self.add(_join(item_path, unique), f"“{value}”重复")
            seen.add(value)
            cleaned.append(entry)
        return cleaned

    def parameter(self, raw: Any, path: str) -> ParameterData | None:
        if not self.is_object(raw, path):
            return None
        self.unknown_fields(raw, PARAMETER_FIELDS, path)
        key = self.text(raw, "key", path, max_length=80)
        if key and not _KEY_PATTERN.match(key):
            self.add(_join(path, "key"), "只能包含小写字母、数字和连字符，如 practical-share-min")
        comparison = self.text(raw, "comparison", path, max_length=10)
        if comparison and comparison not in Comparison.values:
            self.add(_join(path, "comparison"), "应为 gte、lte、lt、eq、approx、range 之一")
        value = self.number(raw, "value", path, required=True)
        value_max = self.number(raw, "value_max", path, required=False)
        has_max = raw.get("value_max") not in (None, "")
        self._check_range(path, comparison, value, value_max, has_max=has_max)
        return ParameterData(
            key=key,
            label=self.text(raw, "label", path, max_length=200),
            comparison=comparison,
            value=value if value is not None else Decimal(0),
            value_max=value_max,
            unit=self.text(raw, "unit", path, max_length=20, required=False),
            clause=self.text(raw, "clause", path, max_length=100),
            quote=self.text(raw, "quote", path, max_length=None),
        )

    def _check_range(
        self,
        path: str,
        comparison: str,
        value: Decimal | None,
        value_max: Decimal | None,
        *,
        has_max: bool,
    ) -> None:
        max_path = _join(path, "value_max")
        if comparison != Comparison.RANGE:
            if has_max:
                self.add(max_path, "只有比较方式为 range（区间）时才填写区间上限")
        elif not has_max:
            self.add(max_path, "比较方式为 range（区间）时必须填写区间上限")
        elif value is not None and value_max is not None and value_max <= value:
            self.add(max_path, "区间上限应大于数值")

    def key_industry(self, raw: Any, path: str) -> KeyIndustryData | None:
        if not self.is_object(raw, path):
            return None
        self.unknown_fields(raw, KEY_INDUSTRY_FIELDS, path)
        entry = KeyIndustryData(
            label=self.text(raw, "label", path, max_length=100),
            codes=self.codes(raw, path),
            clause=self.text(raw, "clause", path, max_length=100),
            note=self.text(raw, "note", path, max_length=None, required=False),
        )
        if not entry.codes and "codes" in raw and isinstance(raw["codes"], list) and not entry.note:
            self.add(_join(path, "note"), "未对应行业代码时，请在说明中写明原因")
        for index, code in enumerate(entry.codes):
            self._industries.append((f"{_join(path, 'codes')}[{index}]", code, entry))
        return entry

    def codes(self, raw: dict[str, Any], path: str) -> list[str]:
        values = raw.get("codes")
        codes_path = _join(path, "codes")
        if values is None:
            self.add(codes_path, "必填（没有对应的行业时填写空列表 []，并在说明中写明原因）")
            return []
        if not isinstance(values, list):
            self.add(codes_path, "应为列表")
            return []
        codes: list[str] = []
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                self.add(f"{codes_path}[{index}]", '行业代码应写成文本，例如 "34" 或 "C"')
                continue
            code = value.strip().upper()
            if code in codes:
                self.add(f"{codes_path}[{index}]", f"行业代码 {code} 重复")
                continue
            codes.append(code)
        return codes

    def institution(self, raw: Any, path: str) -> InstitutionData | None:
        if not self.is_object(raw, path):
            return None
        self.unknown_fields(raw, INSTITUTION_FIELDS, path)
        entry = InstitutionData(
            name=self.text(raw, "name", path, max_length=200),
            kind=self.text(raw, "kind", path, max_length=50),
            clause=self.text(raw, "clause", path, max_length=100),
        )
        if "organization_id" in raw:
            entry.organization_id = self.organization_id(raw["organization_id"], path)
        return entry

    def organization_id(self, value: Any, path: str) -> int | None:
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.add(_join(path, "organization_id"), "应为机构编号（正整数）或 null")
            return None
        self._organizations.append((_join(path, "organization_id"), value))
        return value

    # Scalars ---------------------------------------------------------------------------

    def text(
        self,
        raw: dict[str, Any],
        name: str,
        path: str,
        max_length: int | None,
        *,
        required: bool = True,
    ) -> str:
        value = raw.get(name)
        field_path = _join(path, name)
        if value is not None and not isinstance(value, str):
            self.add(field_path, "应为文本")
            return ""
        text = (value or "").strip()
        if required and not text:
            self.add(field_path, "必填")
        elif max_length is not None and len(text) > max_length:
            self.add(field_path, f"不能超过 {max_length} 个字符")
        return text

    def number(
        self, raw: dict[str, Any], name: str, path: str, *, required: bool
    ) -> Decimal | None:
        value = raw.get(name)
        field_path = _join(path, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(field_path, "必填")
            return None
        number = _to_decimal(value)
        if number is None:
            self.add(field_path, "不是有效的数字")
            return None
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > _MAX_DECIMAL_PLACES:
            self.add(field_path, f"最多保留 {_MAX_DECIMAL_PLACES} 位小数")
            return None
        if abs(number) >= Decimal(10) ** _MAX_INTEGER_DIGITS:
            self.add(field_path, "数值过大")
            return None
        return number

    def date(self, raw: dict[str, Any], name: str, path: str) -> date | None:
        value = raw.get(name)
        if value is None or value == "":
            return None
        try:
            return date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            pass
        self.add(_join(path, name), "日期格式应为 YYYY-MM-DD")
        return None

    # Catalogue look-ups ----------------------------------------------------------------

    def resolve_codes(self) -> None:
        """Look every region, industry and organisation up at once; report the unknown ones."""
        if self._regions:
            self._resolve_regions()
        if self._industries:
            self._resolve_industries()
        if self._organizations:
            self._resolve_organizations()

    def _resolve_organizations(self) -> None:
        wanted = {pk for _, pk in self._organizations}
        known = set(Organization.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        for path, pk in self._organizations:
            if pk not in known:
                self.add(path, f"机构 {pk} 不存在")

    def _resolve_regions(self) -> None:
        regions = _current_by_code(Region, {loc.region_code for _, loc in self._regions})
        for path, locality in self._regions:
            region = regions.get(locality.region_code)
            if region is None:
                self.add(path, f"行政区划代码 {locality.region_code} 不存在")
            elif not region.is_active:
                self.add(path, f"行政区划代码 {locality.region_code} 已停用")
            else:
                locality.region = region

    def _resolve_industries(self) -> None:
        industries = _current_by_code(Industry, {code for _, code, _ in self._industries})
        for path, code, entry in self._industries:
            industry = industries.get(code)
            if industry is None:
                self.add(path, f"行业代码 {code} 不存在（应为 GB/T 4754-2017 的门类字母或数字）")
            elif not industry.is_active:
                self.add(path, f"行业代码 {code} 已停用")
            else:
                entry.industries.append(industry)


def _current_by_code(model: Any, codes: set[str]) -> dict[str, Any]:
    """Return ``{code: row}``, preferring the active row when several versions share a code."""
    rows: dict[str, Any] = {}
    for row in model.objects.filter(code__in=codes).order_by("-is_active", "pk"):
        rows.setdefault(row.code, row)
    return rows


def _to_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
