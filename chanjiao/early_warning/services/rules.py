"""Warning rules as per-locality configuration: load the shipped file, let officers edit them."""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal, changes_between
from chanjiao.catalogs.models import Major
from chanjiao.common.exceptions import ApplicationError
from chanjiao.early_warning.models import Level, WarningRule
from chanjiao.early_warning.params import RuleDataError, params_errors, params_references
from chanjiao.early_warning.permissions import user_can_manage_warnings
from chanjiao.early_warning.selectors import (
    policy_parameters_by_key,
    policy_parameters_by_locality,
)
from chanjiao.localities.models import Locality, PolicyParameter

DEFAULT_RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "rules.json"
STORED_FIELDS = [
    "name",
    "rule_type",
    "params",
    "level",
    "clause",
    "quote",
    "note",
    "order",
    "is_active",
]
EDITABLE_FIELDS = {"name", "params", "level", "exempt_majors", "note", "is_active", "order"}
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MANAGE_DENIED = "只有平台管理员或该地区的政府管理员可以修改预警规则。"


@dataclass(frozen=True)
class RulesLoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0


def _majors_by_code(codes: list[Any], path: str, errors: list[str]) -> list[Major]:
    if not isinstance(codes, list):
        errors.append(f"{path}: 应为专业代码列表")
        return []
    found = {
        m.code: m for m in Major.objects.filter(code__in=[str(c) for c in codes], is_active=True)
    }
    for code in codes:
        if str(code) not in found:
            errors.append(f"{path}: 专业代码“{code}”不在现行专业目录中")
    return [found[str(c)] for c in codes if str(c) in found]


def _text(
    entry: dict[str, Any],
    name: str,
    path: str,
    errors: list[str],
    *,
    required: bool,
    limit: int | None = None,
) -> str:
    value = entry.get(name, "")
    if not isinstance(value, str) or (required and not value.strip()):
        errors.append(f"{path}.{name}: {'必填' if required else '应为文本'}")
        return ""
    if limit and len(value) > limit:
        errors.append(f"{path}.{name}: 不能超过 {limit} 个字")
    return value.strip()


def _rule_values(
    entry: dict[str, Any],
    path: str,
    errors: list[str],
    parameters: dict[str, PolicyParameter] | None,
) -> dict[str, Any]:
    rule_type = entry.get("rule_type", "")
    values = {
        "name": _text(entry, "name", path, errors, required=True, limit=200),
        "rule_type": rule_type,
        "params": dict(entry.get("params") or {})
        if isinstance(entry.get("params"), dict)
        else entry.get("params"),
        "level": entry.get("level"),
        "clause": _text(entry, "clause", path, errors, required=True, limit=100),
        "quote": _text(entry, "quote", path, errors, required=False),
        "note": _text(entry, "note", path, errors, required=False),
        "order": entry.get("order", 0),
        "is_active": entry.get("is_active", True),
    }
    problems = params_errors(rule_type, values["params"], parameters=parameters)
    errors.extend(f"{path}.{e}" for e in problems)
    if values["level"] not in Level.values:
        errors.append(f"{path}.level: 应为 {'、'.join(Level.values)} 之一（提示/预警/调减/停招）")
    if (
        isinstance(values["order"], bool)
        or not isinstance(values["order"], int)
        or not (0 <= values["order"] <= 32767)
    ):
        errors.append(f"{path}.order: 应为 0 至 32767 的整数")
    if not isinstance(values["is_active"], bool):
        errors.append(f"{path}.is_active: 应为 true 或 false")
    return values


def _entries_clean(data: Any) -> list[tuple[Locality, str, dict[str, Any], list[Major]]]:
    rows = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise RuleDataError(["rules: 应为规则列表"])
    localities = {item.name: item for item in Locality.objects.select_related("region")}
    errors: list[str] = []
    cleaned, seen = [], set()
    parameters = policy_parameters_by_locality(locality_ids=[loc.pk for loc in localities.values()])
    for index, entry in enumerate(rows):
        path = f"rules[{index}]"
        if not isinstance(entry, dict):
            errors.append(f"{path}: 应为对象")
            continue
        locality = localities.get(entry.get("locality", ""))
        if locality is None:
            errors.append(f"{path}.locality: 地区“{entry.get('locality')}”尚未配置")
        key = entry.get("key", "")
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            errors.append(f"{path}.key: 应为小写字母、数字和连字符")
        elif (entry.get("locality"), key) in seen:
            errors.append(f"{path}.key: 同一地区的规则键“{key}”重复")
        seen.add((entry.get("locality"), key))
        values = _rule_values(
            entry, path, errors, parameters.get(locality.pk, {}) if locality else None
        )
        majors = _majors_by_code(entry.get("exempt_majors", []), f"{path}.exempt_majors", errors)
        cleaned.append((locality, key, values, majors))
    if errors:
        raise RuleDataError(errors)
    return cleaned  # type: ignore[return-value]


def _snapshot(rule: WarningRule) -> dict[str, Any]:
    values = {name: getattr(rule, name) for name in STORED_FIELDS}
    values["exempt_majors"] = sorted(rule.exempt_majors.values_list("code", flat=True))
    return values


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return changes_between(before, after)


def warning_rules_read_file(*, path: Path) -> Any:
    """Read a rules JSON file; refuse unreadable or malformed files with a Chinese message."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ApplicationError(f"无法读取文件 {path}：{error}") from error
    except json.JSONDecodeError as error:
        raise ApplicationError(
            f"文件 {path} 不是有效的 JSON（第 {error.lineno} 行第 {error.colno} 列）"
        ) from error


@transaction.atomic
def warning_rules_load(*, data: Any, reset: bool = False) -> RulesLoadResult:
    """Create or refresh rules from data, all or nothing; keep officer edits unless ``reset``."""
    counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0}
    for locality, key, values, majors in _entries_clean(data):
        rule = WarningRule.objects.select_for_update().filter(locality=locality, key=key).first()
        after = {**values, "exempt_majors": sorted(m.code for m in majors)}
        if rule is None:
            rule = WarningRule.objects.create(locality=locality, key=key, **values)
            rule.exempt_majors.set(majors)
            audit_event_record(
                actor=None, action="warning_rule.load", target=rule, changes=_changes({}, after)
            )
            counts["created"] += 1
            continue
        if rule.is_edited and not reset:
            counts["kept"] += 1
            continue
        changes = _changes(_snapshot(rule), after)
        if not changes and not rule.is_edited:
            counts["unchanged"] += 1
            continue
        for name, value in values.items():
            setattr(rule, name, value)
        rule.is_edited = False
        rule.save()
        rule.exempt_majors.set(majors)
        audit_event_record(actor=None, action="warning_rule.load", target=rule, changes=changes)
        counts["updated"] += 1
    return RulesLoadResult(**counts)


def warning_rules_load_default(*, reset: bool = False) -> RulesLoadResult:
    """Load the rules shipped with the platform (``data/rules.json``)."""
    return warning_rules_load(data=warning_rules_read_file(path=DEFAULT_RULES_FILE), reset=reset)


def _references_kept(
    rule: WarningRule, before: Any, after: Any, parameters: dict[str, PolicyParameter]
) -> list[str]:
    """Refuse replacing a number the rule reads from the locality's profile: edit it there."""
    errors = []
    for name, key in params_references(before).items():
        if isinstance(after, dict) and params_references(after).get(name) == key:
            continue
        parameter = parameters.get(key)
        label = f"“{parameter.label}”（{parameter.clause}）" if parameter else f"“{key}”"
        errors.append(
            f"params.{name}: 该数值取自{rule.locality.name}地区配置参数{label}，"
            f"请在地区配置中修改（{rule.locality.get_absolute_url()}），不在规则中另设"
        )
    return errors


def warning_rule_update(*, actor: User, rule: WarningRule, data: Any) -> WarningRule:
    """Change a rule's parameters, level, exemptions or state; audited with before and after."""
    if not user_can_manage_warnings(actor, rule.locality):
        audit_refusal(actor=actor, action="warning_rule.update", target=rule, message=MANAGE_DENIED)
    if not isinstance(data, dict):
        raise RuleDataError(["请求体应为对象"])
    errors = [f"{name}: 该字段不可修改" for name in sorted(set(data) - EDITABLE_FIELDS)]
    before = _snapshot(rule)
    entry = {**before, **{k: v for k, v in data.items() if k in EDITABLE_FIELDS}}
    parameters = policy_parameters_by_key(locality=rule.locality)
    errors += _references_kept(rule, before["params"], entry["params"], parameters)
    values = _rule_values(entry, "rule", errors, parameters)
    majors = _majors_by_code(entry["exempt_majors"], "exempt_majors", errors)
    if errors:
        raise RuleDataError([e.removeprefix("rule.") for e in errors])
    after = {**values, "exempt_majors": sorted(m.code for m in majors)}
    changes = _changes(before, after)
    if not changes:
        return rule
    with transaction.atomic():
        for name, value in values.items():
            setattr(rule, name, value)
        rule.is_edited = True
        rule.save()
        rule.exempt_majors.set(majors)
        audit_event_record(actor=actor, action="warning_rule.update", target=rule, changes=changes)
    return rule
