"""``chanjiao import_listings``: prints the counts, or every error with exit code 1."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chanjiao.listings.models import Listing
from chanjiao.listings.tests.importing.files import csv_bytes, job_row, table, xlsx_bytes

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_listings", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_a_file_and_prints_the_counts(tmp_path, recruiter, enterprise):
    path = tmp_path / "jobs.xlsx"
    path.write_bytes(xlsx_bytes(table([job_row(1), job_row(2)])))
    args = ["--kind", "job", "--organization", str(enterprise.pk), "--user", "recruiter"]

    out, _ = _run(*args, str(path))
    again, _ = _run(*args, str(path), "--submit")

    assert "导入完成：共 2 行，新增 2 条，更新 0 条，未变化 0 条。" in out
    assert "导入完成：共 2 行，新增 0 条，更新 0 条，未变化 2 条。" in again
    assert Listing.objects.count() == 2


def test_errors_are_printed_and_exit_with_code_one(tmp_path, recruiter, enterprise):
    path = tmp_path / "jobs.csv"
    rows = [job_row(1, region_code="999999"), job_row(2, external_id="J0001")]
    path.write_bytes(csv_bytes(table(rows), encoding="gb18030"))
    errors_csv = tmp_path / "errors.csv"
    err = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command(
            "import_listings",
            "--kind=job",
            f"--organization={enterprise.pk}",
            "--user=recruiter",
            f"--errors-csv={errors_csv}",
            str(path),
            stdout=io.StringIO(),
            stderr=err,
        )

    assert raised.value.returncode == 1
    assert "文件中有 2 处错误" in str(raised.value)
    lines = err.getvalue().splitlines()
    assert lines[0] == "第 2 行“工作地点”：未知的地区代码：999999。"
    assert lines[1] == "第 3 行“外部编号”：外部编号与第 2 行重复。"
    rows_written = list(csv.reader(io.StringIO(errors_csv.read_bytes().decode("utf-8-sig"))))
    assert rows_written[1] == ["2", "工作地点", "未知的地区代码：999999。"]
    assert Listing.objects.count() == 0


def test_refuses_a_user_who_cannot_act_for_the_organisation(tmp_path, recruiter, other_enterprise):
    path = tmp_path / "jobs.csv"
    path.write_bytes(csv_bytes(table([job_row(1)])))

    with pytest.raises(CommandError, match="不是该机构的机构管理员或信息员"):
        _run(
            "--kind",
            "job",
            "--organization",
            str(other_enterprise.pk),
            "--user",
            "recruiter",
            str(path),
        )

    assert Listing.objects.count() == 0


@pytest.mark.parametrize(
    ("_case", "args", "message"),
    [
        ("unknown_user", ["--user", "nobody", "--organization", "{org}"], "用户 nobody 不存在"),
        ("unknown_organisation", ["--user", "recruiter", "--organization", "0"], "机构 0 不存在"),
    ],
)
def test_refuses_unknown_user_or_organisation(
    tmp_path, recruiter, enterprise, _case, args, message
):
    path = tmp_path / "jobs.csv"
    path.write_bytes(csv_bytes(table([job_row(1)])))
    args = [arg.replace("{org}", str(enterprise.pk)) for arg in args]

    with pytest.raises(CommandError, match=message):
        _run("--kind", "job", *args, str(path))


def test_refuses_a_missing_file(recruiter, enterprise):
    with pytest.raises(CommandError, match="不存在"):
        _run(
            "--kind",
            "job",
            "--organization",
            str(enterprise.pk),
            "--user",
            "recruiter",
            "/nonexistent/jobs.csv",
        )
