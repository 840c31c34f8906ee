"""Import 专业点年度统计 (school × major × year figures) from CSV or .xlsx: all or nothing.

Every row is checked first (single cells, then the merged figures); if any row has a problem,
every problem is returned and nothing is written. Otherwise rows are upserted by (school, major,
year) in one transaction: unchanged rows are left untouched, so re-importing a file is a no-op.
The matching 专业点 (``SchoolMajor``) is created when missing and gets the file's 计划招生数.
"""

from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.models import AuditResult
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.tabular import ImportIssue
from chanjiao.organizations.models import SchoolMajor
from chanjiao.statistics.importing.cells import Header
from chanjiao.statistics.importing.major_year_checks import merged_values, row_checks
from chanjiao.statistics.importing.major_year_rows import (
    FIGURE_FIELDS,
    MAJOR_YEAR_COLUMNS,
    SCHOOL_COLUMNS,
    MajorYearRowParser,
    ParsedRow,
)
from chanjiao.statistics.importing.reading import (
    StatisticsImportResult,
    import_errors_collected,
    rows_parse,
)
from chanjiao.statistics.models import MajorYearStat
from chanjiao.statistics.permissions import user_can_import_major_years

ACTION = "statistics.major_year_import"
STORED_FIELDS = (*FIGURE_FIELDS, "destination_details", "source")
Key = tuple[int, int, int]


def major_year_stats_import(
    *, actor: User | None, file_name: str, stream: IO[bytes]
) -> StatisticsImportResult:
    """Import 专业点年度统计 all-or-nothing; ``actor`` None is the command-line operator."""
    if actor is not None and not user_can_import_major_years(actor):
        audit_refusal(
            actor=actor,
            action=ACTION,
            changes={"file_name": file_name},
            message="只有学校的机构管理员、信息员或政府管理员可以导入统计数据。",
        )
    result = StatisticsImportResult(kind="major_year", file_name=file_name)
    with import_errors_collected(result):
        _run(actor=actor, file_name=file_name, stream=stream, result=result)
    result.errors.sort(key=lambda issue: issue.row or 0)
    if not result.ok:
        result.refuse()
        audit_event_record(
            actor=actor, action=ACTION, changes=result.as_dict(), result=AuditResult.FAILED
        )
    return result


def _run(
    *, actor: User | None, file_name: str, stream: IO[bytes], result: StatisticsImportResult
) -> None:
    parsers: list[MajorYearRowParser] = []

    def parser_for(header: Header) -> MajorYearRowParser:
        parsers.append(MajorYearRowParser(actor=actor, header=header))
        return parsers[0]

    _, parsed = rows_parse(
        file_name=file_name,
        stream=stream,
        columns=MAJOR_YEAR_COLUMNS,
        one_of=(SCHOOL_COLUMNS,),
        result=result,
        parser_for=parser_for,
    )
    stored = _stored(parsed)
    planned: list[tuple[ParsedRow, dict[str, Any]]] = []
    for row in parsed:
        values = merged_values(row, stored.get(row.key))
        issues: list[ImportIssue] = []
        row_checks(row, values, parsers[0].header_text, issues)
        for issue in issues:
            result.add(issue)
        if not issues:
            planned.append((row, values))
    if result.ok:
        with transaction.atomic():
            _write(actor=actor, planned=planned, stored=stored, result=result)
            audit_event_record(actor=actor, action=ACTION, changes=result.as_dict())


def _stored(parsed: list[ParsedRow]) -> dict[Key, MajorYearStat]:
    wanted = {row.key for row in parsed}
    found = MajorYearStat.objects.filter(
        school_id__in={row.school.pk for row in parsed}, year__in={row.year for row in parsed}
    )
    return {key: s for s in found if (key := (s.school_id, s.major_id, s.year)) in wanted}


def _write(
    *,
    actor: User | None,
    planned: list[tuple[ParsedRow, dict[str, Any]]],
    stored: dict[Key, MajorYearStat],
    result: StatisticsImportResult,
) -> None:
    creates: list[MajorYearStat] = []
    updates: list[MajorYearStat] = []
    now = timezone.now()
    for row, values in planned:
        current = stored.get(row.key)
        if current is None:
            creates.append(
                MajorYearStat(
                    school=row.school, major=row.major, year=row.year, imported_by=actor, **values
                )
            )
        elif any(getattr(current, name) != values[name] for name in STORED_FIELDS):
            for name in STORED_FIELDS:
                setattr(current, name, values[name])
            current.imported_by, current.is_demo, current.updated_at = actor, False, now
            updates.append(current)
        else:
            result.unchanged += 1
    MajorYearStat.objects.bulk_create(creates, batch_size=500)
    MajorYearStat.objects.bulk_update(
        updates, [*STORED_FIELDS, "imported_by", "is_demo", "updated_at"], batch_size=500
    )
    result.created, result.updated = len(creates), len(updates)
    _school_majors_sync(planned, result)


def _school_majors_sync(
    planned: list[tuple[ParsedRow, dict[str, Any]]], result: StatisticsImportResult
) -> None:
    """Create each row's missing 专业点 and bring its 计划招生数 in line with the file."""
    existing = {
        (s.school_id, s.major_id, s.year): s
        for s in SchoolMajor.objects.filter(
            school_id__in={row.school.pk for row, _ in planned},
            year__in={row.year for row, _ in planned},
        )
    }
    creates: list[SchoolMajor] = []
    updates: list[SchoolMajor] = []
    for row, values in planned:
        plan = values["planned_enrollment"]
        current = existing.get(row.key)
        if current is None:
            creates.append(
                SchoolMajor(
                    school=row.school, major=row.major, year=row.year, planned_enrollment=plan
                )
            )
        elif plan is not None and current.planned_enrollment != plan:
            current.planned_enrollment, current.updated_at = plan, timezone.now()
            updates.append(current)
    SchoolMajor.objects.bulk_create(creates, batch_size=500)
    SchoolMajor.objects.bulk_update(updates, ["planned_enrollment", "updated_at"], batch_size=500)
    result.school_majors_created, result.school_majors_updated = len(creates), len(updates)
