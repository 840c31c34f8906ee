"""Pluggable formatters turning a report generator into bytes: HTML (Django template) and PDF.

Both are reproducible: identical data gives identical bytes (no timestamps; charts with a fixed
SVG hash salt; the PDF's /ID derived from its HTML, no creation or modification dates).
"""

import hashlib
import logging
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from chanjiao.accounts.models import User
from chanjiao.reports.generators import ReportGenerator
from chanjiao.reports.rendered_store import stored_pdf, stored_pdf_exists, stored_pdf_find

DEFAULT_FONT_FILE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
DEFAULT_BOLD_FONT_FILE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"


def font_files() -> tuple[str, str]:
    """Return the regular and bold CJK font files (settings may point elsewhere)."""
    return (
        getattr(settings, "CHANJIAO_REPORT_FONT", DEFAULT_FONT_FILE),
        getattr(settings, "CHANJIAO_REPORT_BOLD_FONT", DEFAULT_BOLD_FONT_FILE),
    )


class Formatter(ABC):
    """Base: render a generator's context for a user into a file's bytes."""

    fmt: ClassVar[str] = ""
    content_type: ClassVar[str] = ""

    @abstractmethod
    def render(self, generator: ReportGenerator, *, user: User | AnonymousUser | None) -> bytes:
        """Return the file's bytes."""

    def _html(
        self, generator: ReportGenerator, *, user: User | AnonymousUser | None, for_print: bool
    ) -> str:
        context = generator.context(user=user)
        regular, bold = font_files()
        context |= {
            "for_print": for_print,
            "font_url": Path(regular).as_uri() if for_print else "",
            "bold_font_url": Path(bold).as_uri() if for_print else "",
        }
        return render_to_string(generator.template_name, context)


class HtmlFormatter(Formatter):
    fmt = "html"
    content_type = "text/html; charset=utf-8"

    def render(self, generator: ReportGenerator, *, user: User | AnonymousUser | None) -> bytes:
        return self._html(generator, user=user, for_print=False).encode("utf-8")


class PdfFormatter(Formatter):
    fmt = "pdf"
    content_type = "application/pdf"

    def render(self, generator: ReportGenerator, *, user: User | AnonymousUser | None) -> bytes:
        html, digest = self._print_html(generator, user=user)
        return stored_pdf(digest=digest, render=lambda: self._pdf(html, digest))

    def digest(self, generator: ReportGenerator, *, user: User | AnonymousUser | None) -> str:
        """The digest naming the stored PDF ``render`` would give (costs the HTML, no render)."""
        return self._print_html(generator, user=user)[1]

    @staticmethod
    def stored(digest: str) -> bytes | None:
        """Return the PDF stored under ``digest`` (see ``digest``), else None (no render)."""
        return stored_pdf_find(digest=digest)

    @staticmethod
    def is_stored(digest: str) -> bool:
        """Whether a PDF is stored under ``digest`` (nothing read back)."""
        return stored_pdf_exists(digest=digest)

    def _print_html(
        self, generator: ReportGenerator, *, user: User | AnonymousUser | None
    ) -> tuple[str, str]:
        """The print HTML and its digest, which names the stored PDF."""
        html = self._html(generator, user=user, for_print=True)
        return html, hashlib.sha256(html.encode("utf-8")).hexdigest()

    @staticmethod
    def _pdf(html: str, digest: str) -> bytes:
        from weasyprint import HTML  # heavy import, only when a PDF is made

        identifier = digest[:32].encode("ascii")
        # WeasyPrint logs every SVG presentation attribute it ignores (e.g. text-anchor) as a
        # warning; they do not change the output, so keep them out of the operators' logs.
        weasy_logger = logging.getLogger("weasyprint")
        level = weasy_logger.level
        weasy_logger.setLevel(logging.ERROR)
        try:
            pdf = HTML(string=html, base_url=str(Path(font_files()[0]).parent)).write_pdf(
                pdf_identifier=identifier
            )
        finally:
            weasy_logger.setLevel(level)
        assert pdf is not None  # noqa: S101 - write_pdf without a target returns bytes
        return pdf


FORMATTERS: dict[str, Formatter] = {f.fmt: f for f in (HtmlFormatter(), PdfFormatter())}
