from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chanjiao.accounts.models import User
from chanjiao.catalogs.models import Region
from chanjiao.common.models import PeriodicRun
from chanjiao.demo.services import DEMO_PASSWORD
from chanjiao.demo.services.second_factor import demo_totp_secret
from chanjiao.demo.tests.factories import LocalityFactory
from chanjiao.early_warning.models import WarningFlag
from chanjiao.forecasting.models import ForecastRun
from chanjiao.listings.models import Listing
from chanjiao.localities.services import localities_load_default
from chanjiao.organizations.models import Organization
from chanjiao.recommendations.models import Recommendation
from chanjiao.statistics.models import MajorYearStat

pytestmark = pytest.mark.django_db


def _run(*args: str, services: bool = False) -> str:
    """Run the command; the services' demo (about 20 s) only where a test is about it."""
    out = StringIO()
    extra = () if services or "--remove" in args else ("--skip-services",)
    call_command("demo_data", *args, *extra, stdout=out)
    return out.getvalue()


def test_prints_counts_and_representative_accounts(wuzhou_locality):
    output = _run("--locality", "梧州市", "--seed", "1")

    lines = output.splitlines()
    users = User.objects.filter(is_demo=True).count()
    assert lines[0].startswith("演示数据（梧州市，种子 1）：新增 ")
    assert lines[1].split() == ["政府部门", "3"]
    for kind, label in [
        ("job", "岗位需求"),
        ("jobseeker", "个人求职档案"),
        ("mentor", "兼职教师/产业导师"),
    ]:
        count = Listing.objects.filter(is_demo=True, kind=kind).count()
        assert [f"供需信息·{label}", str(count)] in [line.split() for line in lines]
        assert count > 0
    assert f"演示账号（密码均为 {DEMO_PASSWORD}）：" in lines
    table = "\n".join(lines)
    for username, role, organization in [
        ("demo_admin", "系统管理员", "—"),
        ("demo_audit", "审计管理员", "—"),
        ("demo_wz_gov_jyj", "政府管理员", "梧州市教育局"),
        ("demo_wz_school01_admin", "机构管理员", "梧州职业学院"),
        ("demo_wz_school01_review", "审核员", "梧州职业学院"),
    ]:
        assert any(line.split() == [username, role, organization] for line in lines), (
            username,
            table,
        )
    demo_rows = [line.split() for line in lines if line.strip().startswith("demo_")]
    assert len([row for row in demo_rows if len(row) == 3]) == 11
    # The second factor's secret of each privileged account shown, for a newcomer to sign in.
    assert [row for row in demo_rows if len(row) == 2] == [
        [name, demo_totp_secret(name)]
        for name in ["demo_admin", "demo_security", "demo_audit", "demo_wz_gov_jyj"]
    ]
    assert (
        f"以上为每类角色的一个代表账号；全部 {users} 个演示账号共用密码 {DEMO_PASSWORD}，"
        "可在管理后台按“演示数据”筛选查看。"
    ) in lines


def test_second_run_reports_no_changes(wuzhou_locality):
    _run("--locality", "梧州市")

    output = _run("--locality", "梧州市")

    assert output.splitlines()[0] == (
        "演示数据（梧州市，种子 1）：新增 0 行，更新 0 行，删除 0 行。现有："
    )


def test_unknown_locality_lists_the_available_ones(wuzhou_locality):
    LocalityFactory(name="双鸭山市", region=Region.objects.get(code="2305"))

    with pytest.raises(CommandError) as error:
        _run("--locality", "火星市")

    assert str(error.value) == "未找到地区“火星市”。可用的地区：双鸭山市、梧州市。"
    assert Organization.objects.exists() is False


def test_without_localities_asks_to_load_them(catalogs):
    with pytest.raises(CommandError) as error:
        _run("--locality", "梧州市")

    assert str(error.value) == "尚未导入任何地区配置，请先运行 chanjiao load_localities。"


def test_without_a_locality_every_locality_needs_loading_first(catalogs):
    with pytest.raises(CommandError) as error:
        _run()

    assert str(error.value) == "尚未导入任何地区配置，请先运行 chanjiao load_localities。"


def test_remove_deletes_and_reports(wuzhou_locality):
    _run("--locality", "梧州市")

    output = _run("--remove")

    lines = output.splitlines()
    assert lines[0] == "删除前的演示数据："
    assert lines[-1].startswith("已删除全部演示数据，共 ")
    assert Organization.objects.exists() is False
    assert User.objects.exists() is False


@pytest.mark.demo_pass
def test_services_demo_is_written_once_and_removed_with_the_rest(catalogs):
    localities_load_default()

    first = _run("--locality", "梧州市", services=True)
    second = _run("--locality", "梧州市", services=True)

    assert "  正在生成：专业预警……" in first.splitlines()
    shown = dict(
        line.strip().split("：", 1) for line in second.splitlines() if "：" in line and "，" in line
    )
    crosswalk = "岗位职业识别、专业职业推断、职业行业推断"
    for label in ("办学与就业统计、人社求人倍率", crosswalk, "推荐结果"):
        assert label in shown, second
    # The second run adds nothing: no new school offering, no post left to classify.
    assert "补充的专业点 0" in shown["办学与就业统计、人社求人倍率"]
    assert "已识别职业的岗位 0" in shown[crosswalk]
    assert second.splitlines()[0].endswith("新增 0 行，更新 0 行，删除 0 行。现有：")
    assert MajorYearStat.objects.filter(is_demo=True).exists()
    assert WarningFlag.objects.exists()
    assert Recommendation.objects.exists()

    _run("--remove")

    assert not MajorYearStat.objects.filter(is_demo=True).exists()
    assert not WarningFlag.objects.exists()
    assert not Recommendation.objects.exists()
    assert not ForecastRun.objects.filter(is_demo=True).exists()
    assert Organization.objects.exists() is False


@pytest.mark.demo_pass
def test_forecasts_and_recommendations_can_be_left_to_the_task_worker(catalogs):
    localities_load_default()

    output = _run("--locality", "梧州市", "--services-in-background", services=True)

    assert "  人才需求预测、推荐结果：平台启动后由后台任务执行器计算（约一两分钟），" in output
    assert "  正在生成：人才需求预测……" not in output.splitlines()
    assert WarningFlag.objects.exists()
    assert not ForecastRun.objects.exists()
    assert not Recommendation.objects.exists()
    computed = set(PeriodicRun.objects.filter(source="demo").values_list("task", flat=True))
    assert "chanjiao.analytics.tasks.fill_analytics_task" in computed
    assert not computed & {
        "chanjiao.forecasting.tasks.compute_all_forecasts_task",
        "chanjiao.recommendations.tasks.recompute_recommendations_task",
    }

    # What the scheduler of `chanjiao serve` does first (here the tasks run at once): the two
    # jobs left over are due and computed; those the demo computed are not queued again.
    call_command("run_periodic_tasks", stdout=StringIO())

    assert ForecastRun.objects.exists()
    assert Recommendation.objects.exists()
    assert set(PeriodicRun.objects.filter(source="demo").values_list("task", flat=True)) == computed
