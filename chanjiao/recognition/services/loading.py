"""Load recognition programmes from a JSON file (``data/programmes.json`` by default).

A programme is data: a new one (or a new locality's) is added by editing or supplying the file
and running ``chanjiao load_programmes [--file PATH]``, without code. Rows are matched by
locality name + programme key and programme + condition key; what differs is set to the file's
values (audited as ``programme.load``); nothing is deleted. Any error in the file, reported with
its path (``programmes[2].conditions[1].evidence: …``), writes nothing.
"""

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.users import is_platform_staff
from chanjiao.localities.models import Locality
from chanjiao.organizations.models import OrganizationType
from chanjiao.recognition.models import (
    Condition,
    EvidenceSource,
    IncentiveKind,
    Programme,
    ProgrammeKind,
    ProgrammeLevel,
)

DEFAULT_DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "programmes.json"
PROGRAMME_FIELDS = {
    "locality": str,
    "key": str,
    "name": str,
    "kind": str,
    "level": str,
    "clause": str,
    "basis": str,
    "certifier": str,
    "preliminary_department": str,
    "applicant_types": list,
    "stages": dict,
    "validity_years": int,
    "notice_days": int,
    "evidence_years": int,
    "recheck_annually": bool,
    "target_parameter_key": str,
    "credit_rule": dict,
    "incentive_kinds": list,
    "certificate_prefix": str,
    "conditions": list,
}
CONDITION_FIELDS = {
    "key": str,
    "label": str,
    "clause": str,
    "source": str,
    "quote": str,
    "is_verified": bool,
    "evidence": str,
    "threshold": (int, type(None)),
    "max_score": int,
    "position": int,
}
REQUIRED = {"locality", "key", "name", "kind", "level", "clause", "conditions"}
CONDITION_REQUIRED = {"key", "label", "clause", "source", "evidence"}


class ProgrammeDataError(ApplicationError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("认定项目数据有误：" + "；".join(errors[:20]), extra={"errors": errors})
        self.errors = errors


def _is_kind(value: Any, kind: Any) -> bool:
    """``isinstance``, except that a JSON ``true`` is not a number."""
    if isinstance(value, bool) and kind is int:
        return False
    return isinstance(value, kind)


def _check_fields(
    entry: Any, spec: dict[str, Any], required: set[str], path: str, errors: list[str]
) -> bool:
    if not isinstance(entry, dict):
        errors.append(f"{path}: 应为对象")
        return False
    for name in sorted(set(entry) - set(spec)):
        errors.append(f"{path}.{name}: 未知字段")
    for name in sorted(required - set(entry)):
        errors.append(f"{path}.{name}: 必填")
    for name, kind in spec.items():
        if name in entry and not _is_kind(entry[name], kind):
            errors.append(f"{path}.{name}: 类型不对")
    return True


def _check_choices(entry: dict[str, Any], path: str, errors: list[str]) -> None:
    if entry.get("kind") not in ProgrammeKind.values:
        errors.append(f"{path}.kind: 未知类别 {entry.get('kind')!r}")
    if entry.get("level") not in ProgrammeLevel.values:
        errors.append(f"{path}.level: 未知级别 {entry.get('level')!r}")
    for value in entry.get("applicant_types") or []:
        if value not in OrganizationType.values:
            errors.append(f"{path}.applicant_types: 未知机构类型 {value!r}")
    for value in entry.get("incentive_kinds") or []:
        if value not in IncentiveKind.values:
            errors.append(f"{path}.incentive_kinds: 未知激励类别 {value!r}")
    rule = entry.get("credit_rule") or {}
    if rule and not isinstance(rule.get("share"), int | float):
        errors.append(f"{path}.credit_rule.share: 应为数字")


def programmes_data_clean(data: Any) -> list[dict[str, Any]]:
    """Return the programme entries of ``data`` or raise ``ProgrammeDataError`` with every error."""
    errors: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("programmes"), list):
        raise ProgrammeDataError(["programmes: 应为列表"])
    localities = set(Locality.objects.values_list("name", flat=True))
    seen: set[tuple[str, str]] = set()
    for i, entry in enumerate(data["programmes"]):
        path = f"programmes[{i}]"
        if not _check_fields(entry, PROGRAMME_FIELDS, REQUIRED, path, errors):
            continue
        _check_choices(entry, path, errors)
        if entry.get("locality") not in localities:
            errors.append(f"{path}.locality: 地区“{entry.get('locality')}”不存在")
        pair = (str(entry.get("locality")), str(entry.get("key")))
        if pair in seen:
            errors.append(f"{path}.key: 同一地区的项目键重复")
        seen.add(pair)
        _check_conditions(entry.get("conditions") or [], path, errors)
    if errors:
        raise ProgrammeDataError(errors)
    return list(data["programmes"])


def _check_conditions(conditions: list[Any], path: str, errors: list[str]) -> None:
    keys: set[str] = set()
    for j, condition in enumerate(conditions):
        sub = f"{path}.conditions[{j}]"
        if not _check_fields(condition, CONDITION_FIELDS, CONDITION_REQUIRED, sub, errors):
            continue
        if condition.get("evidence") not in EvidenceSource.values:
            errors.append(f"{sub}.evidence: 未知证据来源 {condition.get('evidence')!r}")
        if condition.get("key") in keys:
            errors.append(f"{sub}.key: 条件键重复")
        keys.add(str(condition.get("key")))


def _upsert(entry: dict[str, Any]) -> tuple[Programme, dict[str, Any]]:
    values = {k: v for k, v in entry.items() if k not in ("locality", "key", "conditions")}
    locality = Locality.objects.get(name=entry["locality"])
    programme, created = Programme.objects.get_or_create(
        locality=locality, key=entry["key"], defaults=values
    )
    changes: dict[str, Any] = {"created": True} if created else {}
    for name, value in values.items():
        if getattr(programme, name) != value:
            changes[name] = [getattr(programme, name), value]
            setattr(programme, name, value)
    if changes and not created:
        programme.save()
    for condition in entry["conditions"]:
        fields = {k: v for k, v in condition.items() if k != "key"}
        _, made = Condition.objects.update_or_create(
            programme=programme, key=condition["key"], defaults=fields
        )
        if made:
            changes.setdefault("conditions_added", []).append(condition["key"])
    return programme, changes


def programmes_load(*, data: Any, actor: User | None, source: str = "") -> list[Programme]:
    """Create or update every programme in ``data``, all or nothing; ``actor=None``: an operator."""
    if actor is not None and not is_platform_staff(actor):
        audit_refusal(
            actor=actor, action="programme.load", message="只有平台管理员可以导入认定项目。"
        )
    entries = programmes_data_clean(data)
    programmes = []
    with transaction.atomic():
        for entry in entries:
            programme, changes = _upsert(entry)
            if changes:
                audit_event_record(
                    actor=actor,
                    action="programme.load",
                    target=programme,
                    changes={"source": source, **changes},
                )
            programmes.append(programme)
    return programmes


def programmes_read_file(*, path: Path) -> Any:
    """Read a programmes file (UTF-8 JSON); a broken file is a ``ProgrammeDataError``."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ProgrammeDataError([f"{path.name}: {error}"]) from error


def programmes_load_default(*, actor: User | None = None) -> list[Programme]:
    """Load the programmes shipped with the platform (``data/programmes.json``)."""
    data = programmes_read_file(path=DEFAULT_DATA_FILE)
    return programmes_load(data=data, actor=actor, source=DEFAULT_DATA_FILE.name)
