import pytest
from django.core.management import CommandError, call_command

from chanjiao.statistics.models import LaborMarketStat, MajorYearStat
from chanjiao.statistics.tests.files import HEADER, csv_bytes, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def stats_file(tmp_path):
    def write(rows, *, encoding="gb18030"):
        path = tmp_path / "统计.csv"
        path.write_bytes(csv_bytes(rows, encoding=encoding))
        return str(path)

    return write


def test_import_as_operator_then_again_unchanged(stats_file, wuzhou_school, capsys):
    path = stats_file([HEADER, row(), row(年度="2023")])

    call_command("import_statistics", path)
    call_command("import_statistics", path)

    out = capsys.readouterr().out
    assert "新增 2 条" in out
    assert "新增 0 条，更新 0 条，未变化 2 条" in out
    assert MajorYearStat.objects.count() == 2


def test_import_checks_the_named_users_rights(
    stats_file, shuangyashan_officer, wuzhou_school, capsys
):
    with pytest.raises(CommandError) as raised:
        call_command("import_statistics", stats_file([HEADER, row()]), user="officer_sys")

    assert raised.value.returncode == 1
    assert "第 2 行“学校名称”：您无权导入“梧州职业学院”的统计数据。" in capsys.readouterr().err
    assert MajorYearStat.objects.count() == 0


def test_errors_are_written_to_a_csv_file(stats_file, wuzhou_school, tmp_path):
    errors = tmp_path / "errors.csv"

    with pytest.raises(CommandError):
        call_command(
            "import_statistics", stats_file([HEADER, row(年度="1980")]), errors_csv=str(errors)
        )

    text = errors.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[1].startswith("2,年度,年度 1980 超出范围，应在 2000～")


def test_unknown_user_is_refused(stats_file, catalogs):
    with pytest.raises(CommandError, match="用户 nobody 不存在或已停用。"):
        call_command("import_statistics", stats_file([HEADER, row()]), user="nobody")


def test_labor_market_table(stats_file, wuzhou):
    header = ["地区代码", "年度", "季度", "职业名称", "需求人数", "求职人数"]

    call_command(
        "import_statistics",
        stats_file([header, ["4504", "2024", "全年", "合计", "100", "80"]]),
        labor_market=True,
    )

    row_ = LaborMarketStat.objects.get()
    assert (row_.region_label, row_.quarter, str(row_.vacancy_ratio)) == ("梧州市", 0, "1.25")
