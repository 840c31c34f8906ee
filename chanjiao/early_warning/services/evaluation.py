"""Evaluate a locality's warning rules for one year and store the flags with their evidence.

Re-evaluating a year is idempotent: in one transaction the year's flags are brought in line with
the rules' findings (same rows kept with their responses, new ones added, ones no longer found
removed, or closed when a school had answered them). Other years' flags are never touched.
"""

from collections import Counter
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.users import account_or_none
from chanjiao.early_warning.facts import Facts, facts_build
from chanjiao.early_warning.matching import key_industry_codes, match_gaps, match_scores
from chanjiao.early_warning.models import (
    FlagStatus,
    ResponseKind,
    RuleType,
    WarningFlag,
    WarningResponse,
    WarningRule,
    WarningRun,
)
from chanjiao.early_warning.params import MAX_YEARS, RuleDataError, params_resolve
from chanjiao.early_warning.permissions import user_can_manage_warnings
from chanjiao.early_warning.rule_types import RULE_FUNCTIONS, Hit
from chanjiao.early_warning.selectors import policy_parameters_by_key
from chanjiao.early_warning.workflow import WARNING_FLAG_WORKFLOW
from chanjiao.localities.models import Locality, PolicyParameter
from chanjiao.organizations.models import Organization, SchoolMajor
from chanjiao.statistics.models import MajorYearStat
from chanjiao.statistics.selectors import major_year_stats
from chanjiao.workflow.services import transition_apply

INSUFFICIENT_KEPT = 500
STALE_NOTE = "重新评估时该规则不再触发，系统自动关闭。"


def _stat_rows(school_ids: list[int], years: list[int]) -> list[MajorYearStat]:
    return list(major_year_stats(school_ids=school_ids, years=years))


def facts_load(*, locality: Locality, year: int, with_match: bool) -> Facts:
    """Load the locality's school × major figures for the year and the years before it."""
    schools = Organization.objects.schools().in_region_code(locality.region.code)
    names = dict(schools.values_list("pk", "name"))
    years = list(range(year - MAX_YEARS - 1, year + 1))
    offerings = SchoolMajor.objects.filter(school_id__in=list(names), year__in=years)
    facts = facts_build(
        year=year,
        stat_rows=_stat_rows(list(names), years),
        offering_rows=list(offerings.values_list("school_id", "major_id", "year")),
        school_names=names,
    )
    if with_match:
        majors = sorted({major for _, major in facts.pairs_offered(year)})
        facts.match = match_scores(locality=locality, major_ids=majors)
        codes, facts.key_industry_labels = key_industry_codes(locality)
        unmatched = [m for m in majors if facts.match.get(m) is None]
        facts.match_gaps = (
            match_gaps(major_ids=unmatched)
            if codes
            else dict.fromkeys(unmatched, "本地区配置中没有可对应到国民经济行业的重点产业")
        )
    return facts


def _rule_hits(
    rule: WarningRule, facts: Facts, parameters: dict[str, PolicyParameter]
) -> tuple[list[Hit], list[dict[str, Any]], str | None]:
    """Run one rule: its hits, the pairs it could not judge, and why it could not run at all.

    Numbers the rule reads from the locality's profile are read now, so an edit of the profile
    changes the next evaluation; the evidence says where each such number came from.
    """
    try:
        params, sources = params_resolve(rule.rule_type, rule.params, parameters=parameters)
    except RuleDataError as error:
        return [], [], "规则参数无法从地区配置读取，暂不能评估：" + "；".join(error.errors)
    exempt = {major.pk for major in rule.exempt_majors.all()}  # prefetched
    pairs = [pair for pair in facts.pairs_offered(facts.year) if pair[1] not in exempt]
    outcome = RULE_FUNCTIONS[rule.rule_type](params, facts, pairs)
    hits = outcome.hits
    if sources:
        hits = [replace(hit, evidence={**hit.evidence, "sources": sources}) for hit in hits]
    lacking = [{"rule": rule.key, **item} for item in outcome.insufficient]
    return hits, lacking, outcome.not_evaluated


def _flags_sync(
    run: WarningRun, found: dict[tuple[int, int, int], tuple[WarningRule, Hit]]
) -> None:
    existing = {
        (f.rule_id, f.school_id, f.major_id): f
        for f in WarningFlag.objects.select_for_update().filter(
            locality=run.locality, year=run.year
        )
    }
    for key, flag in existing.items():
        if key in found:
            continue
        if flag.responses.exists():
            if flag.status != FlagStatus.CLOSED:
                transition_apply(
                    workflow=WARNING_FLAG_WORKFLOW,
                    obj=flag,
                    name="close_stale",
                    actor=None,
                    reason=STALE_NOTE[:500],
                )
                WarningResponse.objects.create(
                    flag=flag, author=None, kind=ResponseKind.CLOSE, text=STALE_NOTE
                )
        else:
            flag.delete()
    for key, (rule, hit) in found.items():
        values = {
            "run": run,
            "level": rule.level,
            "evidence": hit.evidence,
            "summary": hit.summary[:500],
        }
        current = existing.get(key)
        if current is None:
            WarningFlag.objects.create(
                locality=run.locality,
                rule=rule,
                school_id=hit.school_id,
                major_id=hit.major_id,
                year=run.year,
                **values,
            )
        else:
            for name, value in values.items():
                setattr(current, name, value)
            current.save()


def run_not_evaluated(run: WarningRun) -> list[dict[str, Any]]:
    """The rules a run could not judge at all (missing data or profile parameter), with why."""
    return [item for item in run.insufficient if "school_id" not in item]


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not 2000 <= year <= timezone.localdate().year + 1:
        raise ApplicationError(f"year: 年度应在 2000 至 {timezone.localdate().year + 1} 之间")


def warnings_evaluate(
    *, locality: Locality, year: int, actor: User | None, is_demo: bool = False
) -> WarningRun:
    """Run the locality's active rules for the year; ``actor=None`` is the scheduler or CLI."""
    if actor is not None and not user_can_manage_warnings(actor, locality):
        audit_refusal(
            actor=actor,
            action="warning.evaluate",
            target=locality,
            message="只有平台管理员或该地区的政府管理员可以运行专业预警评估。",
        )
    _check_year(year)
    started_at = timezone.now()
    rules = list(
        WarningRule.objects.filter(locality=locality, is_active=True).prefetch_related(
            "exempt_majors"
        )
    )
    with_match = any(r.rule_type == RuleType.KEY_INDUSTRY_MATCH for r in rules)
    facts = facts_load(locality=locality, year=year, with_match=with_match)
    parameters = policy_parameters_by_key(locality=locality)
    found: dict[tuple[int, int, int], tuple[WarningRule, Hit]] = {}
    not_evaluated: list[dict[str, Any]] = []
    insufficient: list[dict[str, Any]] = []
    for rule in rules:
        hits, lacking, reason = _rule_hits(rule, facts, parameters)
        if reason is not None:
            # A rule judged for nobody is listed first, with no school or major.
            not_evaluated.append({"rule": rule.key, "rule_name": rule.name, "reason": reason})
        insufficient.extend(lacking)
        for hit in hits:
            found[(rule.pk, hit.school_id, hit.major_id)] = (rule, hit)
    counts = Counter(f"{rule.key}:{rule.level}" for rule, _ in found.values())
    with transaction.atomic():
        run = WarningRun.objects.create(
            locality=locality,
            year=year,
            started_at=started_at,
            rules_evaluated=len(rules),
            pairs_evaluated=len(facts.pairs_offered(year)),
            flags_raised=len(found),
            counts=dict(sorted(counts.items())),
            insufficient=(not_evaluated + insufficient)[:INSUFFICIENT_KEPT],
            triggered_by=account_or_none(actor),
            is_demo=is_demo,
        )
        _flags_sync(run, found)
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at", "updated_at"])
        audit_event_record(
            actor=actor,
            action="warning.evaluate",
            target=run,
            changes={"year": year, "flags": len(found)},
        )
    return run
