"""Create and refresh locality profiles from their JSON description (file or API body)."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError
from chanjiao.localities.models import KeyIndustry, Locality, NamedInstitution, PolicyParameter
from chanjiao.localities.permissions import user_can_create_locality
from chanjiao.localities.services._common import created, diff
from chanjiao.localities.validation import (
    InstitutionData,
    KeyIndustryData,
    LocalityData,
    LocalityDataError,
    ParameterData,
    localities_data_clean,
    locality_data_clean,
)

DEFAULT_DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "localities.json"
LOCALITY_FIELDS = [
    "region",
    "document_title",
    "document_number",
    "issuer",
    "issued_on",
    "source_file",
    "summary",
]
PARAMETER_FIELDS = ["label", "comparison", "value", "value_max", "unit", "clause", "quote"]


@dataclass(frozen=True)
class RowCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class LocalityLoadResult:
    """What loading did to one locality: ``status`` is created, updated or unchanged."""

    locality: Locality
    status: str
    parameters: RowCounts
    key_industries: RowCounts
    institutions: RowCounts


def localities_read_file(*, path: Path) -> Any:
    """Read a JSON file of locality profiles; refuse unreadable or malformed files."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ApplicationError(f"无法读取文件 {path}：{error}") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ApplicationError(
            f"文件 {path} 不是有效的 JSON（第 {error.lineno} 行第 {error.colno} 列）"
        ) from error


def localities_load(*, data: Any, actor: User | None, source: str = "") -> list[LocalityLoadResult]:
    """Create or update every locality in ``data``, all or nothing; ``actor=None`` is an operator.

    Rows are matched by locality name, parameter key, key-industry label and institution name.
    Nothing is deleted, and an institution keeps its link to a platform organisation.
    """
    if actor is not None and not user_can_create_locality(actor):
        audit_refusal(
            actor=actor,
            action="locality.load",
            target=None,
            message="只有平台管理员可以导入地区配置。",
        )
    entries = localities_data_clean(data)
    results = []
    with transaction.atomic():
        for entry in entries:
            result, changes = _locality_upsert(entry)
            if changes:
                audit_event_record(
                    actor=actor,
                    action="locality.load",
                    target=result.locality,
                    changes={"source": source, **changes} if source else changes,
                )
            results.append(result)
    return results


def localities_load_default(*, actor: User | None = None) -> list[LocalityLoadResult]:
    """Load the five localities shipped with the platform (``data/localities.json``)."""
    data = localities_read_file(path=DEFAULT_DATA_FILE)
    return localities_load(data=data, actor=actor, source=DEFAULT_DATA_FILE.name)


def locality_create(*, actor: User, data: Any) -> Locality:
    """Add a new locality with its whole profile; platform staff only."""
    if not user_can_create_locality(actor):
        audit_refusal(
            actor=actor,
            action="locality.create",
            target=None,
            message="只有平台管理员可以新增地区。",
        )
    entry = locality_data_clean(data)
    with transaction.atomic():
        if Locality.objects.filter(name=entry.name).exists():
            raise LocalityDataError([f"name: 地区“{entry.name}”已存在"])
        result, changes = _locality_upsert(entry)
        audit_event_record(
            actor=actor, action="locality.create", target=result.locality, changes=changes
        )
    return result.locality


def _locality_upsert(entry: LocalityData) -> tuple[LocalityLoadResult, dict[str, Any]]:
    values = {name: getattr(entry, name) for name in LOCALITY_FIELDS}
    locality = Locality.objects.select_for_update().filter(name=entry.name).first()
    changes: dict[str, Any] = {}
    if locality is None:
        locality = Locality(name=entry.name, **values)
        changes["locality"] = created({"name": entry.name, **values})
    else:
        before = {name: getattr(locality, name) for name in LOCALITY_FIELDS}
        if locality_changes := diff(before, values):
            changes["locality"] = locality_changes
            for name, value in values.items():
                setattr(locality, name, value)
    if "locality" in changes:
        locality.full_clean()
        locality.save()
    parameters = _parameters_upsert(locality, entry.parameters, changes)
    key_industries = _key_industries_upsert(locality, entry.key_industries, changes)
    institutions = _institutions_upsert(locality, entry.institutions, changes)
    is_new = "name" in changes.get("locality", {})
    status = "created" if is_new else ("updated" if changes else "unchanged")
    result = LocalityLoadResult(locality, status, parameters, key_industries, institutions)
    return result, changes


def parameter_values(item: ParameterData) -> dict[str, Any]:
    """Return the stored fields of a parameter (all but its key)."""
    return {name: getattr(item, name) for name in PARAMETER_FIELDS}


def _parameters_upsert(
    locality: Locality, items: list[ParameterData], changes: dict[str, Any]
) -> RowCounts:
    return _flat_rows_upsert(
        model=PolicyParameter,
        locality=locality,
        key_field="key",
        rows={item.key: parameter_values(item) for item in items},
        changes=changes,
        section_name="parameters",
    )


def _flat_rows_upsert(
    *,
    model: Any,
    locality: Locality,
    key_field: str,
    rows: dict[str, dict[str, Any]],
    changes: dict[str, Any],
    section_name: str,
) -> RowCounts:
    """Create or update a locality's rows of one model, keyed by one field, recording changes."""
    existing = {getattr(r, key_field): r for r in model.objects.filter(locality=locality)}
    new, section = [], {}
    updated = unchanged = 0
    for key, values in rows.items():
        current = existing.get(key)
        if current is None:
            new.append(model(locality=locality, **{key_field: key}, **values))
            section[key] = created(values)
        elif row_changes := diff({n: getattr(current, n) for n in values}, values):
            for name, value in values.items():
                setattr(current, name, value)
            current.save()
            section[key] = row_changes
            updated += 1
        else:
            unchanged += 1
    model.objects.bulk_create(new)
    if section:
        changes[section_name] = section
    return RowCounts(len(new), updated, unchanged)


def industry_codes(key_industry: KeyIndustry) -> list[str]:
    """Return a key industry's GB/T 4754 codes, sorted."""
    return sorted(industry.code for industry in key_industry.industries.all())


def key_industry_values(item: KeyIndustryData) -> dict[str, Any]:
    """Return what a key industry stores, its codes sorted (their order carries no meaning)."""
    return {
        "clause": item.clause,
        "note": item.note,
        "codes": sorted(industry.code for industry in item.industries),
    }


def _key_industries_upsert(
    locality: Locality, items: list[KeyIndustryData], changes: dict[str, Any]
) -> RowCounts:
    existing = {
        k.label: k
        for k in KeyIndustry.objects.filter(locality=locality).prefetch_related("industries")
    }
    new, section = [], {}
    updated = unchanged = 0
    for item in items:
        values = key_industry_values(item)
        current = existing.get(item.label)
        if current is None:
            row = KeyIndustry(
                locality=locality, label=item.label, clause=item.clause, note=item.note
            )
            new.append((row, item))
            section[item.label] = created(values)
            continue
        before = {"clause": current.clause, "note": current.note, "codes": industry_codes(current)}
        if row_changes := diff(before, values):
            current.clause, current.note = item.clause, item.note
            current.save()
            current.industries.set(item.industries)
            section[item.label] = row_changes
            updated += 1
        else:
            unchanged += 1
    KeyIndustry.objects.bulk_create([row for row, _ in new])
    through = KeyIndustry.industries.through
    through.objects.bulk_create(
        [
            through(keyindustry_id=row.pk, industry_id=industry.pk)
            for row, item in new
            for industry in item.industries
        ]
    )
    if section:
        changes["key_industries"] = section
    return RowCounts(len(new), updated, unchanged)


def institution_values(item: InstitutionData) -> dict[str, Any]:
    """Return what an institution stores; its organisation only when the data names one."""
    values: dict[str, Any] = {"kind": item.kind, "clause": item.clause}
    if item.organization_id is not None:
        values["organization_id"] = item.organization_id or None
    return values


def _institutions_upsert(
    locality: Locality, items: list[InstitutionData], changes: dict[str, Any]
) -> RowCounts:
    return _flat_rows_upsert(
        model=NamedInstitution,
        locality=locality,
        key_field="name",
        rows={item.name: institution_values(item) for item in items},
        changes=changes,
        section_name="institutions",
    )
