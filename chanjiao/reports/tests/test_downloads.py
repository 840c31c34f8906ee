"""Report file names people recognise, and the header that carries them."""

from urllib.parse import unquote

import pytest

from chanjiao.reports.downloads import content_disposition, report_download_name


@pytest.mark.parametrize(
    ("_case", "quarter", "is_public", "fmt", "name"),
    [
        ("yearly, public", None, True, "pdf", "梧州市2025年度技能人才供需报告.pdf"),
        ("yearly, internal", None, False, "pdf", "梧州市2025年度技能人才供需报告（内部版）.pdf"),
        ("bulletin, public", 3, True, "pdf", "梧州市2025年第3季度就业信息发布.pdf"),
        ("bulletin, internal", 3, False, "html", "梧州市2025年第3季度就业信息发布（内部版）.html"),
    ],
)
def test_download_name_is_the_title(_case, quarter, is_public, fmt, name):
    assert (
        report_download_name(
            locality_name="梧州市", year=2025, quarter=quarter, is_public=is_public, fmt=fmt
        )
        == name
    )


def test_header_carries_an_ascii_fallback_and_the_utf8_name():
    header = content_disposition(
        filename="梧州市2025年度技能人才供需报告（内部版）.pdf",
        fallback="4504-2025-yearly-internal.pdf",
    )

    disposition, fallback, encoded = header.split("; ")
    assert disposition == "attachment"
    assert fallback == 'filename="4504-2025-yearly-internal.pdf"'
    assert encoded.startswith("filename*=UTF-8''")
    assert encoded.isascii()
    assert unquote(encoded.removeprefix("filename*=UTF-8''")) == (
        "梧州市2025年度技能人才供需报告（内部版）.pdf"
    )


def test_inline_header_and_a_bad_fallback():
    assert content_disposition(filename="报告.html", fallback="r.html", as_attachment=False) == (
        "inline; filename=\"r.html\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.html"
    )
    with pytest.raises(ValueError, match="plain ASCII"):
        content_disposition(filename="报告.pdf", fallback="报告.pdf")
