"""Download names of reports: the title people know, and an HTTP header carrying it.

A downloaded report is saved under its Chinese title (``梧州市2025年度技能人才供需报告.pdf``;
the internal version ``…（内部版）.pdf``); old clients that cannot read a UTF-8 file name get
the ASCII one (``4504-2025-yearly-public.pdf``), per RFC 6266 and RFC 5987.
"""

from urllib.parse import quote

INTERNAL_SUFFIX = "（内部版）"


def report_title(*, locality_name: str, year: int, quarter: int | None = None) -> str:
    """The report's title: the yearly report, or the quarter's 就业信息发布 when ``quarter``."""
    if quarter is not None:
        return f"{locality_name}{year}年第{quarter}季度就业信息发布"
    return f"{locality_name}{year}年度技能人才供需报告"


def report_download_name(
    *, locality_name: str, year: int, is_public: bool, fmt: str, quarter: int | None = None
) -> str:
    """Name a report's file as people know it: its title, ``（内部版）`` when internal."""
    title = report_title(locality_name=locality_name, year=year, quarter=quarter)
    return f"{title}{'' if is_public else INTERNAL_SUFFIX}.{fmt}"


def content_disposition(*, filename: str, fallback: str, as_attachment: bool = True) -> str:
    """The Content-Disposition header: ``fallback`` (ASCII) and ``filename`` (UTF-8, RFC 5987)."""
    if not fallback.isascii() or '"' in fallback or "\\" in fallback:
        raise ValueError(f"The fallback file name must be plain ASCII: {fallback!r}")
    disposition = "attachment" if as_attachment else "inline"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
