"""The ``report`` command: real Chinese glyphs, charts titled with units, identical bytes."""

import re
import time
from io import StringIO

import pypdfium2 as pdfium
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chanjiao.reports.tests.glyphs import best_references, glyph_matches, tofu_glyph

TITLE = "梧州市2025年度技能人才供需报告"
CHART_TITLES = (
    "2025年各行业岗位需求人数（人）",
    "紧缺职业预测求人倍率（倍）",
    "2025年预警专业（专业点数，个）",
    "2025年分专业人才供需对比（人）",
)
AXIS_LABELS = ("需求人数（人）", "预测求人倍率（倍）", "预警专业点数（个）", "人数（人）")
UNIT = re.compile(r"（[^）]*(人|倍|个)）")


def _report(tmp_path, fmt, name, *extra):
    output = tmp_path / name
    out = StringIO()
    call_command(
        "report",
        "--locality",
        "梧州市",
        "--year",
        "2025",
        "--format",
        fmt,
        "--output",
        str(output),
        *extra,
        stdout=out,
    )
    return output.read_bytes(), out.getvalue()


def _pdf_text(content: bytes) -> str:
    pdf = pdfium.PdfDocument(content)
    return "".join(pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf)))


@pytest.mark.django_db
def test_pdf_shows_chinese_glyphs_not_boxes(report_world, tmp_path):
    content, out = _report(tmp_path, "pdf", "report.pdf")

    assert content.startswith(b"%PDF")
    assert f"已生成《{TITLE}》（内部版，PDF" in out
    pdf = pdfium.PdfDocument(content)
    matches = glyph_matches(pdf, TITLE)
    assert len(matches) == 13
    assert all(rendered == reference for rendered, reference in matches.items()), matches


def test_glyph_check_fails_for_missing_glyph_boxes():
    boxes = {char: tofu_glyph() for char in TITLE}

    matches = best_references(boxes)

    assert sum(rendered == reference for rendered, reference in matches.items()) <= 1


@pytest.mark.django_db
def test_pdf_charts_are_titled_with_units(report_world, tmp_path):
    content, _ = _report(tmp_path, "pdf", "report.pdf")

    text = re.sub(r"\s+", "", _pdf_text(content))
    for title in (*CHART_TITLES, *AXIS_LABELS):
        assert title in text
    assert "预测概况：共3个预测对象" in text


@pytest.mark.django_db
def test_html_charts_each_have_title_and_unit_axis(report_world, tmp_path):
    content, _ = _report(tmp_path, "html", "report.html")

    html = content.decode("utf-8")
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 4
    for svg, title, axis in zip(svgs, CHART_TITLES, AXIS_LABELS, strict=True):
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        assert title in texts
        assert axis in texts
        assert UNIT.search(title)
        assert UNIT.search(axis)
    assert "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_identical_data_gives_identical_bytes(report_world, tmp_path, fmt):
    first, _ = _report(tmp_path, fmt, f"a.{fmt}")
    second, _ = _report(tmp_path, fmt, f"b.{fmt}")

    assert first == second


@pytest.mark.django_db
def test_report_is_generated_within_the_time_budget(report_world, tmp_path):
    started = time.perf_counter()
    _report(tmp_path, "pdf", "report.pdf")

    assert time.perf_counter() - started < 15


@pytest.mark.django_db
def test_public_version_suppresses_small_counts(report_world, tmp_path):
    internal, _ = _report(tmp_path, "html", "internal.html")
    public, out = _report(tmp_path, "html", "public.html", "--public")

    assert "公开版" in out
    public_text, internal_text = public.decode(), internal.decode()
    # 卫生专业技术人员 has counts of 2–4 a year; 3 graduates of the second major.
    assert "卫生专业技术人员（2-05-00-00）</td><td>" in internal_text
    assert "&lt;5，不予公布" in public_text
    row = re.search(r"卫生专业技术人员（2-05-00-00）</td>.*?</tr>", public_text, re.S).group(0)
    assert "不予公布" in row
    assert re.search(r">\s*[1-4]\s*<", row) is None
    second_major = report_world["majors"][1]
    assert re.search(
        rf"{second_major.code} {second_major.name}</td><td class=\"num\">3<", internal_text
    )
    assert not re.search(
        rf"{second_major.code} {second_major.name}</td><td class=\"num\">3<", public_text
    )


@pytest.mark.django_db
def test_bulletin_needs_a_quarter(report_world, tmp_path):
    with pytest.raises(CommandError, match="季度就业信息发布需要季度"):
        _report(tmp_path, "html", "b.html", "--kind", "bulletin")
    content, out = _report(tmp_path, "html", "b.html", "--kind", "bulletin", "--quarter", "2")
    assert "梧州市2025年第2季度就业信息发布" in out
    assert "2025年第2季度分职业供求人数（人）" in content.decode()


@pytest.mark.django_db
def test_unknown_locality_is_refused(localities, tmp_path):
    with pytest.raises(CommandError, match="未找到地区“火星市”"):
        call_command(
            "report",
            "--locality",
            "火星市",
            "--year",
            "2025",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "x.pdf"),
        )
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.django_db
def test_publish_task_stores_public_reports(report_world):
    from django.core.files.storage import default_storage

    from chanjiao.reports.tasks import publish_reports_task

    result = publish_reports_task.enqueue(2025)

    assert result.return_value == 2  # only 梧州 has figures: its PDF and HTML
    path = "reports/4504/4504-2025-yearly-public.pdf"
    assert default_storage.exists(path)
    assert not default_storage.exists("reports/2305/2305-2025-yearly-public.pdf")
    with default_storage.open(path) as stored:
        assert stored.read().startswith(b"%PDF")
    assert not default_storage.exists("reports/4504/4504-2025-yearly-internal.pdf")
