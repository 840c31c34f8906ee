import csv
import io

import pytest
from django.core.management import CommandError, call_command


def _run(tmp_path, content: bytes, name: str = "in.csv"):
    source, target = tmp_path / name, tmp_path / "out.csv"
    source.write_bytes(content)
    stdout, stderr = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("classify_titles", str(source), str(target), stdout=stdout, stderr=stderr)
    except SystemExit as exc:
        code = exc.code
    return code, stdout.getvalue(), stderr.getvalue(), target


def _read(target):
    with target.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("_case", "encoding"), [("utf8_bom", "utf-8-sig"), ("gb18030", "gb18030"), ("utf8", "utf-8")]
)
def test_writes_code_and_confidence_beside_each_row(tmp_path, catalogs, _case, encoding):
    text = "编号,title,description\n1,数控车工,\n2,茶艺师,负责茶叶冲泡与茶艺表演\n"

    code, out, _, target = _run(tmp_path, text.encode(encoding))

    assert code == 0
    rows = _read(target)
    assert [r["编号"] for r in rows] == ["1", "2"]
    assert [r["occupation_code"] for r in rows] == ["6-18-01-01", "4-03-02-07"]
    assert all(0 < float(r["confidence"]) <= 1 for r in rows)
    assert "共 2 行，已分类 2 行" in out


def test_reports_missing_title_column_in_chinese(tmp_path, catalogs):
    with pytest.raises(CommandError, match="找不到标题列"):
        _run(tmp_path, "name,desc\n车工,\n".encode())

    assert not (tmp_path / "out.csv").exists()


def test_reports_every_bad_row_and_exits_nonzero(tmp_path, catalogs):
    text = "title,编号\n车工,1\n,2\n电工,3\n ,4\n"

    code, out, err, target = _run(tmp_path, text.encode())

    assert code == 1
    rows = _read(target)
    assert [(r["编号"], r["occupation_code"]) for r in rows] == [
        ("1", "6-18-01-01"),
        ("2", ""),
        ("3", "6-31-01-03"),
        ("4", ""),
    ]
    assert err.splitlines() == ["第 3 行：标题（title）为空。", "第 5 行：标题（title）为空。"]
    assert "问题行 2 行" in out


def test_refuses_missing_input_file(tmp_path, catalogs):
    with pytest.raises(CommandError, match="找不到输入文件"):
        call_command("classify_titles", str(tmp_path / "none.csv"), str(tmp_path / "o.csv"))


def test_reads_xlsx(tmp_path, catalogs):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["岗位名称", "备注"])
    sheet.append(["茶艺师", "梧州"])
    source = tmp_path / "titles.xlsx"
    workbook.save(source)
    target = tmp_path / "out.csv"

    call_command("classify_titles", str(source), str(target), stdout=io.StringIO())

    rows = _read(target)
    assert [(r["岗位名称"], r["备注"], r["occupation_code"]) for r in rows] == [
        ("茶艺师", "梧州", "4-03-02-07")
    ]
