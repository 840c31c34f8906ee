"""Export of the placements a user may see to CSV or Excel, personal data masked as in the list.

The rows are exactly ``placement_list`` for the user with the list's filters; the student's name
and phone are shown in full only where the list shows them in full (the student, the school, the
bureau) and masked for the enterprise and the mentors. Cells are neutralised against formulas and
written with the listings export's writers; every export is audited (``placement.export``).
"""

import tempfile
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.masking import mask_phone
from chanjiao.internships.models import Placement
from chanjiao.internships.permissions import user_sees_personal_data, user_sees_student_phone
from chanjiao.internships.selectors import placement_list
from chanjiao.listings.display import mask_name
from chanjiao.listings.exporting import (
    CONTENT_TYPES,
    SPOOL_BYTES,
    ExportFormat,
    ExportStats,
    ListingExport,
    neutralise,
    write_csv,
    write_xlsx,
)

MAX_EXPORT_ROWS = 50_000
ACTION = "placement.export"


def _yes(value: bool) -> str:
    return "是" if value else "否"


def _text(value: Any) -> Any:
    return "" if value is None else value


EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "编号"),
    ("student_name", "学生姓名"),
    ("student_phone", "手机号"),
    ("student_number", "学号"),
    ("school", "学校"),
    ("enterprise", "实习单位"),
    ("kind", "实习类型"),
    ("post_name", "实习岗位"),
    ("address", "实习地点"),
    ("start_date", "开始日期"),
    ("end_date", "结束日期"),
    ("daily_hours", "每日工时"),
    ("weekly_hours", "每周工时"),
    ("monthly_pay", "月实习报酬"),
    ("probation_wage", "该岗位试用期工资"),
    ("post_staff_count", "该岗位在岗人数"),
    ("has_night_shift", "夜班"),
    ("has_overtime", "加班"),
    ("has_holiday_work", "节假日"),
    ("school_mentor", "校内指导教师"),
    ("enterprise_mentor", "企业指导教师"),
    ("status", "状态"),
    ("termination_reason", "终止原因"),
)


def placement_cells(
    placement: Placement, *, full: bool, full_phone: bool = False
) -> dict[str, Any]:
    """One placement's cells; name and 学号 masked unless ``full``, phone unless ``full_phone``."""
    student = placement.student
    name = student.real_name or student.username
    profile = getattr(student, "student_profile", None)
    number = profile.student_number if profile is not None else ""
    return {
        "id": placement.pk,
        "student_name": name if full else mask_name(name),
        "student_phone": (student.phone or "") if full_phone else mask_phone(student.phone),
        "student_number": number if full else "",
        "school": placement.school.name,
        "enterprise": placement.enterprise.name,
        "kind": placement.get_kind_display(),
        "post_name": placement.post_name,
        "address": placement.address,
        "start_date": placement.start_date.isoformat(),
        "end_date": placement.end_date.isoformat(),
        "daily_hours": str(placement.daily_hours),
        "weekly_hours": str(placement.weekly_hours),
        "monthly_pay": _text(placement.monthly_pay and str(placement.monthly_pay)),
        "probation_wage": _text(placement.probation_wage and str(placement.probation_wage)),
        "post_staff_count": _text(placement.post_staff_count),
        "has_night_shift": _yes(placement.has_night_shift),
        "has_overtime": _yes(placement.has_overtime),
        "has_holiday_work": _yes(placement.has_holiday_work),
        "school_mentor": _mentor(placement.school_mentor),
        "enterprise_mentor": _mentor(placement.enterprise_mentor),
        "status": placement.get_status_display(),
        "termination_reason": placement.termination_reason,
    }


def _mentor(user: User | None) -> str:
    return "" if user is None else str(user.real_name or user.username)


def _rows(user: User | AnonymousUser, placements: Any, stats: ExportStats) -> Iterator[list[Any]]:
    yield [neutralise(label) for _, label in EXPORT_COLUMNS]
    for placement in placements.iterator(chunk_size=1000):
        full = user_sees_personal_data(user, placement)
        cells = placement_cells(
            placement, full=full, full_phone=user_sees_student_phone(user, placement)
        )
        stats.rows += 1
        stats.full_rows += int(full)
        yield [neutralise(cells[key]) for key, _ in EXPORT_COLUMNS]


def placements_export(
    *, user: User | AnonymousUser, file_format: str, status: str = "", kind: str = ""
) -> ListingExport:
    """Write the placements the user may see (the list's filters) to CSV or .xlsx; audit it."""
    placements = placement_list(fetched_by=user, status=status, kind=kind).select_related(
        "student__student_profile", "school", "school_mentor", "enterprise_mentor"
    )
    total = placements.count()
    if total > MAX_EXPORT_ROWS:
        raise ApplicationError(
            f"符合条件的实习安排共 {total} 条，超过单次导出上限 {MAX_EXPORT_ROWS} 条，"
            "请按状态或类型筛选后分批导出。"
        )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    export = ListingExport(
        file=tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES),  # noqa: SIM115 - returned open
        filename=f"实习安排-{stamp}.{file_format}",
        ascii_filename=f"placements-{stamp}.{file_format}",
        content_type=CONTENT_TYPES[ExportFormat(file_format)],
    )
    rows = _rows(user, placements, export.stats)
    try:
        if file_format == ExportFormat.XLSX:
            write_xlsx(rows, export.file, title="实习安排")
        else:
            write_csv(rows, export.file)
    except BaseException:
        export.file.close()
        raise
    export.file.seek(0)
    audit_event_record(
        actor=user,
        action=ACTION,
        changes={
            "format": file_format,
            "filters": {"status": status, "kind": kind},
            "rows": export.stats.rows,
            "personal_data_full": export.stats.full_rows > 0,
            "personal_data_full_rows": export.stats.full_rows,
        },
    )
    return export
