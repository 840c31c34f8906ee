"""Render reports: pick the version the user may have, check it, format it."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.localities.models import Locality
from chanjiao.reports.formatters import FORMATTERS, PdfFormatter
from chanjiao.reports.generators import GENERATORS, EmploymentBulletinReport, ReportGenerator
from chanjiao.reports.permissions import user_can_read_internal_reports
from chanjiao.reports.selectors import report_year_choice

VERSIONS = ("auto", "internal", "public")
YEAR_RANGE = (2000, 2100)


@dataclass(frozen=True)
class RenderedReport:
    content: bytes
    content_type: str
    filename: str
    generator: ReportGenerator


def _check(kind: str, fmt: str, version: str, year: int, quarter: int | None) -> None:
    if kind not in GENERATORS:
        raise ApplicationError(f"报告类型“{kind}”不存在，可选：{'、'.join(GENERATORS)}。")
    if fmt not in FORMATTERS:
        raise ApplicationError(f"格式“{fmt}”不支持，可选：html、pdf。")
    if version not in VERSIONS:
        raise ApplicationError("version 只能是 auto、internal 或 public。")
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise ApplicationError(f"年度 {year} 超出范围（{YEAR_RANGE[0]}—{YEAR_RANGE[1]}）。")
    if kind == EmploymentBulletinReport.code and quarter not in (1, 2, 3, 4):
        raise ApplicationError("季度就业信息发布需要季度（1—4）。")


def report_generator_for(
    *,
    kind: str,
    locality: Locality,
    year: int,
    user: User | AnonymousUser | None,
    version: str = "auto",
    quarter: int | None = None,
    fmt: str = "html",
) -> ReportGenerator:
    """Return the generator of the version the user asked for and may have (403 otherwise)."""
    _check(kind, fmt, version, year, quarter)
    # ``user`` None is the operator at the console (the ``report`` command).
    may_internal = user is None or user_can_read_internal_reports(user, locality)
    if version == "internal" and not may_internal:
        raise PermissionDeniedError(f"只有{locality.name}的政府部门人员可以查看内部版报告。")
    is_public = version == "public" or (version == "auto" and not may_internal)
    extra = {"quarter": quarter} if kind == EmploymentBulletinReport.code else {}
    generator = GENERATORS[kind](locality=locality, year=year, is_public=is_public, **extra)
    if user is not None and not generator.is_available_to(user):
        raise PermissionDeniedError(f"只有{locality.name}的政府部门人员可以查看内部版报告。")
    return generator


def report_render(
    *,
    kind: str,
    locality: Locality,
    year: int,
    fmt: str,
    user: User | AnonymousUser | None,
    version: str = "auto",
    quarter: int | None = None,
) -> RenderedReport:
    """Render one report for the user as HTML or PDF; internal versions are audited."""
    generator = report_generator_for(
        kind=kind,
        locality=locality,
        year=year,
        user=user,
        version=version,
        quarter=quarter,
        fmt=fmt,
    )
    formatter = FORMATTERS[fmt]
    content = formatter.render(generator, user=user)
    _audit_internal_read(generator, user=user, fmt=fmt)
    return RenderedReport(content, formatter.content_type, generator.filename(fmt), generator)


def _pdf_formatter() -> PdfFormatter:
    formatter = FORMATTERS["pdf"]
    assert isinstance(formatter, PdfFormatter)  # noqa: S101 - FORMATTERS["pdf"] is the PDF one
    return formatter


def report_pdf_digest(*, generator: ReportGenerator, user: User | AnonymousUser | None) -> str:
    """The digest naming the report's stored PDF; costs the report's HTML (under a second)."""
    return _pdf_formatter().digest(generator, user=user)


def report_pdf_stored(
    *, generator: ReportGenerator, user: User | AnonymousUser | None, digest: str | None = None
) -> RenderedReport | None:
    """Return the report's PDF if it is already stored, else None; renders nothing.

    Costs the report's HTML (under a second) unless ``digest`` (``report_pdf_digest``) is given.
    ``generator`` comes from ``report_generator_for`` (the version the user may have); a PDF
    served to an officer is audited as ``report_render``.
    """
    formatter = _pdf_formatter()
    if digest is None:
        digest = formatter.digest(generator, user=user)
    content = formatter.stored(digest)
    if content is None:
        return None
    _audit_internal_read(generator, user=user, fmt="pdf")
    return RenderedReport(content, formatter.content_type, generator.filename("pdf"), generator)


def report_pdf_is_stored(*, generator: ReportGenerator, digest: str) -> bool:
    """Whether the PDF of this HTML digest is stored (nothing read, rendered or audited)."""
    return _pdf_formatter().is_stored(digest)


def report_pdf_job(generator: ReportGenerator) -> dict[str, Any]:
    """The arguments of ``render_report_pdf_task`` for this report (JSON, the version resolved).

    No user: the HTML, hence the PDF, depends only on the report and its version, so two people
    asking for the same report join the same job.
    """
    return {
        "kind": generator.code,
        "locality_id": generator.locality.pk,
        "year": generator.year,
        "version": "public" if generator.is_public else "internal",
        "quarter": getattr(generator, "quarter", None),
    }


def report_pdf_prepare(
    *, kind: str, locality_id: int, year: int, version: str, quarter: int | None = None
) -> int:
    """Render and store one report's PDF (the worker's side of a download); return its size."""
    locality = Locality.objects.select_related("region").get(pk=locality_id)
    rendered = report_render(
        kind=kind,
        locality=locality,
        year=year,
        fmt="pdf",
        user=None,
        version=version,
        quarter=quarter,
    )
    return len(rendered.content)


def _audit_internal_read(
    generator: ReportGenerator, *, user: User | AnonymousUser | None, fmt: str
) -> None:
    if generator.is_public or user is None or not user.is_authenticated:
        return
    audit_event_record(
        actor=user,
        action="report.internal.read",
        target=generator.locality,
        changes={
            "report": generator.code,
            "year": generator.year,
            "quarter": getattr(generator, "quarter", None),
            "format": fmt,
        },
    )


def reports_publish(*, year: int) -> list[str]:
    """Render each locality's public yearly report (PDF and HTML) into storage; return paths.

    Rewrites the files each time, so the job is idempotent: identical data, identical files.
    """
    paths = []
    for locality in Locality.objects.select_related("region").order_by("region__code", "pk"):
        if not report_year_choice(locality=locality).has_data:
            continue  # a locality without any figures gets no empty report
        for fmt in ("pdf", "html"):
            rendered = report_render(
                kind="yearly",
                locality=locality,
                year=year,
                fmt=fmt,
                user=None,
                version="public",
            )
            path = f"reports/{locality.region.code}/{rendered.filename}"
            if default_storage.exists(path):
                default_storage.delete(path)
            paths.append(default_storage.save(path, ContentFile(rendered.content)))
    return paths


def reports_refresh() -> int:
    """Render each locality's current yearly report PDFs (public and internal) ahead of downloads.

    A report whose data did not change is found in storage by its HTML digest and not rendered
    again, so the hourly run costs little more than the HTML. Return how many reports it checked.
    """
    checked = 0
    for locality in Locality.objects.select_related("region").order_by("region__code", "pk"):
        choice = report_year_choice(locality=locality)
        if not choice.has_data:
            continue
        year = choice.year
        for version in ("public", "internal"):
            report_render(
                kind="yearly", locality=locality, year=year, fmt="pdf", user=None, version=version
            )
            checked += 1
    return checked
