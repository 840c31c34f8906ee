"""Reads of the early_warning app: rules, runs, flags (visibility applied) and the summary."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, Prefetch, QuerySet

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import NotFoundError
from chanjiao.early_warning.models import (
    LEVEL_RANK,
    Level,
    WarningFlag,
    WarningResponse,
    WarningRule,
    WarningRun,
)
from chanjiao.early_warning.permissions import flag_visibility
from chanjiao.localities.models import Locality, PolicyParameter
from chanjiao.statistics.models import MajorYearStat


def policy_parameters_by_locality(
    *, locality_ids: Iterable[int]
) -> dict[int, dict[str, PolicyParameter]]:
    """The policy parameters a rule's numbers may refer to, by locality and key (one query)."""
    found: dict[int, dict[str, PolicyParameter]] = {}
    for item in PolicyParameter.objects.filter(locality_id__in=set(locality_ids)):
        found.setdefault(item.locality_id, {})[item.key] = item
    return found


def policy_parameters_by_key(*, locality: Locality) -> dict[str, PolicyParameter]:
    """One locality's policy parameters by key."""
    return {p.key: p for p in PolicyParameter.objects.filter(locality=locality)}


def _flags_loaded(qs: QuerySet[WarningFlag]) -> QuerySet[WarningFlag]:
    return qs.select_related("locality__region", "rule", "school", "major", "run").prefetch_related(
        Prefetch(
            "responses",
            queryset=WarningResponse.objects.select_related("author").order_by("created_at", "pk"),
        )
    )


def warning_flag_list(
    *, fetched_by: User | AnonymousUser, filters: dict[str, Any] | None = None
) -> QuerySet[WarningFlag]:
    """Return the flags the user may see, filtered by locality, year, level, school, major, rule."""
    condition = flag_visibility(fetched_by)
    if condition is None:
        return WarningFlag.objects.none()
    qs = WarningFlag.objects.filter(condition)
    names = {
        "locality": "locality_id",
        "year": "year",
        "level": "level",
        "school": "school_id",
        "major": "major__code",
        "rule": "rule__key",
        "status": "status",
    }
    for name, value in (filters or {}).items():
        if value not in (None, "") and name in names:
            qs = qs.filter(**{names[name]: value})
    return _flags_loaded(qs).order_by("-year", "school__name", "major__code", "rule__order", "pk")


def warning_flags(
    *, locality: Locality, year: int, fetched_by: User | AnonymousUser
) -> QuerySet[WarningFlag]:
    """Return the locality's flags of the year that the user may see (schools: their own)."""
    return warning_flag_list(fetched_by=fetched_by, filters={"locality": locality.pk, "year": year})


def warning_flag_get_for_user(*, flag_id: int, user: User | AnonymousUser) -> WarningFlag:
    """Return one flag the user may see; 404 otherwise."""
    flag = warning_flag_list(fetched_by=user).filter(pk=flag_id).first()
    if flag is None:
        raise NotFoundError("未找到该预警，或您无权查看。")
    return flag


def warning_rule_list(*, locality: Locality | None = None) -> QuerySet[WarningRule]:
    """Return the rules (public policy configuration), optionally of one locality."""
    qs = WarningRule.objects.select_related("locality").prefetch_related("exempt_majors")
    if locality is not None:
        qs = qs.filter(locality=locality)
    return qs.order_by("locality__name", "order", "pk")


def warning_rule_get(*, rule_id: int) -> WarningRule:
    """Return one rule; 404 when there is none."""
    rule = warning_rule_list().select_related("locality__region").filter(pk=rule_id).first()
    if rule is None:
        raise NotFoundError("未找到该预警规则。")
    return rule


def warning_run_list(*, locality: Locality) -> QuerySet[WarningRun]:
    """Return the locality's evaluation runs, newest first."""
    return WarningRun.objects.filter(locality=locality).select_related("triggered_by")


def latest_statistics_year(*, locality: Locality) -> int | None:
    """Return the latest year with MajorYearStat figures for the locality's schools."""
    rows = MajorYearStat.objects.filter(school__region__code__startswith=locality.region.code)
    return rows.aggregate(latest=Max("year"))["latest"]


def warning_summary(*, locality: Locality, year: int) -> list[dict[str, Any]]:
    """Return one row per flagged school × major: highest level, rules and evidence in Chinese."""
    flags = (
        WarningFlag.objects.filter(locality=locality, year=year)
        .select_related("rule", "school", "major")
        .order_by("school__name", "major__code", "rule__order", "pk")
    )
    groups: dict[tuple[int, int], list[WarningFlag]] = defaultdict(list)
    for flag in flags:
        groups[(flag.school_id, flag.major_id)].append(flag)
    rows: list[dict[str, Any]] = []
    for items in groups.values():
        top = max(items, key=lambda f: LEVEL_RANK[Level(f.level)])
        rows.append(
            {
                "school_id": top.school_id,
                "school": top.school.name,
                "major_code": top.major.code,
                "major_name": top.major.name,
                "level": top.level,
                "level_label": Level(top.level).label,
                "level_rank": LEVEL_RANK[Level(top.level)],
                "rules": [f.rule.name for f in items],
                "clauses": sorted({f.rule.clause for f in items}),
                "statuses": sorted({f.status for f in items}),
                "evidence": "；".join(f"{f.rule.name}：{f.summary}" for f in items),
            }
        )
    rows.sort(key=lambda r: (-r["level_rank"], r["school"], r["major_code"]))
    return rows
