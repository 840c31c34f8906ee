"""Export of item lists to CSV and Excel: the rows the user may see, personal data masked.

Rows are read in batches of ``BATCH_SIZE`` (one query for the items, one for their majors and at
most one for consents per batch), so neither memory nor the number of queries grows with the list.
The file is written to a spooled temporary file (memory up to ``SPOOL_BYTES``, then disk) and then
streamed to the client: an .xlsx is a zip that is only complete at its end, and writing first lets
an over-size or failing export be refused with a message instead of a silently truncated download.

Every string cell that begins with a character a spreadsheet reads as a formula is prefixed with
a single quote, in both formats, and no Excel cell is ever written as a formula.
"""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any, NoReturn
from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.workbook.child import INVALID_TITLE_REGEX

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError
from chanjiao.listings.display import export_columns, listing_cells, personal_access_ids
from chanjiao.listings.kinds import kind_spec
from chanjiao.listings.models import ListingQuerySet
from chanjiao.listings.permissions import user_is_reviewer
from chanjiao.listings.selectors import (
    ListingFilters,
    listing_list,
    listing_list_for_organizations,
    review_queue,
)

MAX_EXPORT_ROWS = 100_000
BATCH_SIZE = 1_000
SPOOL_BYTES = 8 * 1024 * 1024
# ASCII and full-width forms: some spreadsheet locales also accept the full-width signs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel（.xlsx）"


class ExportScope(models.TextChoices):
    PUBLIC = "public", "信息列表"
    MINE = "mine", "本机构信息"
    REVIEW = "review", "审核队列"


CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class ExportStats:
    rows: int = 0
    full_rows: int = 0


@dataclass
class ListingExport:
    """A finished export: the file (positioned at its start) and what it holds."""

    file: IO[bytes]
    filename: str
    ascii_filename: str
    content_type: str
    stats: ExportStats = field(default_factory=ExportStats)

    @property
    def content_disposition(self) -> str:
        """An attachment header with an ASCII name and the Chinese name (RFC 6266 / RFC 5987)."""
        return (
            f'attachment; filename="{self.ascii_filename}"; '
            f"filename*=UTF-8''{quote(self.filename)}"
        )


def neutralise(value: Any) -> Any:
    """Make a cell safe: drop characters XML forbids, quote text read as a formula."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def export_queryset(
    *, user: User | AnonymousUser, scope: str, filters: ListingFilters
) -> ListingQuerySet:
    """Return the items of one scope that the user may export: the rows that list shows them."""
    if scope == ExportScope.PUBLIC:
        return listing_list(fetched_by=user, filters=filters)
    if not user.is_authenticated:
        _deny(user, scope, "请先登录后再导出本机构信息或审核队列。")
    if scope == ExportScope.MINE:
        return listing_list_for_organizations(fetched_by=user, filters=filters)
    if scope == ExportScope.REVIEW and user_is_reviewer(user):
        return review_queue(fetched_by=user, filters=filters)
    if scope == ExportScope.REVIEW:
        _deny(user, scope, "您不是审核员，不能导出审核队列。")
    raise ApplicationError("导出范围无效。", extra={"fields": {"scope": ["导出范围无效。"]}})


def _deny(user: User | AnonymousUser, scope: str, message: str) -> NoReturn:
    audit_refusal(
        actor=user if isinstance(user, User) else None,
        action="listing.export",
        changes={"scope": scope},
        message=message,
    )


def export_rows(
    *,
    user: User | AnonymousUser,
    queryset: ListingQuerySet,
    columns: list[tuple[str, str]],
    stats: ExportStats,
) -> Iterator[list[Any]]:
    """Yield the header and one neutralised row per item; personal access is decided per batch."""
    yield [neutralise(label) for _, label in columns]
    keys = [key for key, _ in columns]
    items = queryset.iterator(chunk_size=BATCH_SIZE)
    while batch := list(islice(items, BATCH_SIZE)):
        full_ids = personal_access_ids(user, batch)
        for listing in batch:
            full = listing.pk in full_ids
            cells = listing_cells(listing, full=full)
            stats.rows += 1
            stats.full_rows += int(full)
            yield [neutralise(cells.get(key, "")) for key in keys]


def write_csv(rows: Iterable[list[Any]], target: IO[bytes]) -> None:
    """Write rows as UTF-8 CSV with a byte-order mark, so Excel reads the Chinese text."""
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    csv.writer(text).writerows(rows)
    text.flush()
    text.detach()


def write_xlsx(rows: Iterable[list[Any]], target: IO[bytes], title: str) -> None:
    """Write rows to a one-sheet workbook in openpyxl's write-only (bounded memory) mode."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=INVALID_TITLE_REGEX.sub("、", title)[:31])
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([_text_cell(sheet, value) for value in row])
    workbook.save(target)


def _text_cell(sheet: Any, value: Any) -> Cell:
    cell = WriteOnlyCell(sheet, value=value)
    if cell.data_type == "f":
        # neutralise() already prevents this; the export must never contain a formula.
        cell.data_type = "s"
    return cell


def listing_export(
    *, user: User | AnonymousUser, scope: str, filters: ListingFilters, file_format: str
) -> ListingExport:
    """Write the items of one scope the user may see to CSV or Excel, audit it, return the file."""
    queryset = export_queryset(user=user, scope=scope, filters=filters)
    total = queryset.count()
    if total > MAX_EXPORT_ROWS:
        raise ApplicationError(
            f"符合条件的信息共 {total} 条，超过单次导出上限 {MAX_EXPORT_ROWS} 条，"
            "请缩小筛选范围后分批导出。",
            extra={"count": total, "limit": MAX_EXPORT_ROWS},
        )
    spec = kind_spec(filters.kind) if filters.kind else None
    export = _new_export(scope=scope, kind=filters.kind, file_format=file_format)
    rows = export_rows(
        user=user,
        queryset=queryset[:MAX_EXPORT_ROWS],
        columns=export_columns(spec),
        stats=export.stats,
    )
    try:
        if file_format == ExportFormat.XLSX:
            write_xlsx(rows, export.file, title=spec.label if spec else "供需信息")
        else:
            write_csv(rows, export.file)
    except BaseException:
        export.file.close()
        raise
    export.file.seek(0)
    _audit(user=user, scope=scope, filters=filters, file_format=file_format, stats=export.stats)
    return export


def _new_export(*, scope: str, kind: str | None, file_format: str) -> ListingExport:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    kind_label = kind_spec(kind).label if kind else "全部类型"
    name = f"供需信息-{ExportScope(scope).label}-{kind_label}-{stamp}".replace("/", "、")
    return ListingExport(
        file=tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES),  # noqa: SIM115 - returned open
        filename=f"{name}.{file_format}",
        ascii_filename=f"listings-{scope}-{kind or 'all'}-{stamp}.{file_format}",
        content_type=CONTENT_TYPES[ExportFormat(file_format)],
    )


def _audit(
    *,
    user: User | AnonymousUser,
    scope: str,
    filters: ListingFilters,
    file_format: str,
    stats: ExportStats,
) -> None:
    audit_event_record(
        actor=user,
        action="listing.export",
        changes={
            "format": file_format,
            "scope": scope,
            "filters": {k: str(v) for k, v in filters.as_query().items()},
            "rows": stats.rows,
            "personal_data_full": stats.full_rows > 0,
            "personal_data_full_rows": stats.full_rows,
        },
    )
