"""Generate the demonstration data of every locality (or one), or remove every demo row."""

import time
import unicodedata
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import ApplicationError
from chanjiao.demo.selectors import demo_localities_all, demo_locality_get
from chanjiao.demo.services import (
    DemoSummary,
    counts_shown,
    demo_data_generate,
    demo_data_remove,
    demo_derived_background,
    demo_derived_write,
    locality_accounts,
)


class Command(BaseCommand):
    help = (
        "生成演示数据（机构、账号、专业点、学生/毕业生和各类供需信息，全部标记为演示数据）："
        "不指定 --locality 时为每个已导入的地区各生成一套，互不影响；"
        "或用 --remove 删除全部演示数据。"
        "相同地区和种子在同一天总是生成相同的数据，可重复执行（供需信息的发布和有效日期按当天推算）。"
        "随后生成各项服务的演示数据：办学与就业统计、岗位职业识别、供需统计、专业预警、需求预测和"
        "推荐结果（--skip-services 跳过）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--locality", help="只生成这一个地区，例如 梧州市；默认为全部地区")
        parser.add_argument("--seed", type=int, default=1, help="随机种子，默认 1")
        parser.add_argument("--remove", action="store_true", help="删除全部演示数据")
        parser.add_argument(
            "--skip-services",
            action="store_true",
            help="只生成机构、账号和供需信息，不生成统计、预警、预测、推荐等服务的演示数据",
        )
        parser.add_argument(
            "--services-in-background",
            action="store_true",
            help="需求预测和推荐结果不在此计算，留给平台启动后的后台任务执行器"
            "（chanjiao serve 启动后立即排队计算，约一两分钟；make run 使用）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seed = options["seed"]
        try:
            if options["remove"]:
                self._report_removal(demo_data_remove())
                return
            localities = (
                [demo_locality_get(name=options["locality"])]
                if options["locality"]
                else demo_localities_all()
            )
            summaries = []
            for locality in localities:
                summary = demo_data_generate(locality=locality, seed=seed)
                summaries.append((locality, summary))
                self.stdout.write(
                    f"演示数据（{locality.name}，种子 {seed}）：新增 {summary.created} 行，"
                    f"更新 {summary.updated} 行，删除 {summary.deleted} 行。现有："
                )
                self._write_counts(summary)
            if not options["skip_services"]:
                self._write_services(localities, seed, options["services_in_background"])
        except ApplicationError as error:
            raise CommandError(error.message) from error
        if len(summaries) == 1:
            self._write_accounts(summaries[0][1])
        else:
            self._write_locality_accounts(summaries)

    def _write_services(self, localities: list[Any], seed: int, in_background: bool) -> None:
        started = time.monotonic()
        results = demo_derived_write(
            localities=localities,
            seed=seed,
            progress=lambda label: self.stdout.write(f"  正在生成：{label}……"),
            in_background=in_background,
        )
        self.stdout.write(f"各项服务的演示数据（用时 {time.monotonic() - started:.0f} 秒）：")
        for label, counts in results:
            self.stdout.write(f"  {label}：{counts_shown(counts)}")
        if in_background:
            self.stdout.write(
                f"  {'、'.join(demo_derived_background())}：平台启动后由后台任务执行器计算"
                "（约一两分钟），计算完成前相应页面暂无结果。"
            )

    def _write_row(self, username: str, role: str, organization: str) -> None:
        self.stdout.write("  " + _pad(username, 24) + _pad(role, 24) + organization)

    def _report_removal(self, summary: DemoSummary) -> None:
        self.stdout.write("删除前的演示数据：")
        self._write_counts(summary)
        self.stdout.write(self.style.SUCCESS(f"已删除全部演示数据，共 {summary.deleted} 行。"))

    def _write_counts(self, summary: DemoSummary) -> None:
        for count in summary.counts:
            label = _pad(count.label, 26)
            self.stdout.write(f"  {label}{count.count:>6}")

    def _write_accounts(self, summary: DemoSummary) -> None:
        self.stdout.write(f"演示账号（密码均为 {summary.password}）：")
        self._write_row("用户名", "角色", "所属机构")
        for account in summary.accounts:
            self._write_row(account.username, account.role, account.organization)
        users = User.objects.filter(is_demo=True).count()
        self.stdout.write(
            f"以上为每类角色的一个代表账号；全部 {users} 个演示账号共用密码 {summary.password}，"
            "可在管理后台按“演示数据”筛选查看。"
        )
        self._write_second_factors(summary.accounts)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))

    def _write_locality_accounts(self, summaries: list[tuple[Any, DemoSummary]]) -> None:
        """One line per locality: its officer, a school admin, an enterprise admin, a student."""
        password = summaries[0][1].password if summaries else ""
        self.stdout.write(f"演示账号（密码均为 {password}）：")
        platform_accounts = list(
            {
                a.username: a for _, s in summaries for a in s.accounts if a.group == "platform"
            }.values()
        )
        if platform_accounts:
            self.stdout.write(
                "  平台：" + "；".join(f"{a.role} {a.username}" for a in platform_accounts)
            )
        for locality, summary in summaries:
            lines = [
                f"{label} {account.username}（{account.organization}）"
                if account.organization != "—"
                else f"{label} {account.username}"
                for label, account in locality_accounts(summary)
            ]
            self.stdout.write(f"  {locality.name}：" + "；".join(lines))
        users = User.objects.filter(is_demo=True).count()
        self.stdout.write(
            f"以上为各地区的代表账号；全部 {users} 个演示账号共用密码 {password}，"
            "可在管理后台按“演示数据”筛选查看。"
        )
        privileged = platform_accounts + [
            account
            for _, summary in summaries
            for _, account in locality_accounts(summary)
            if account.totp_secret
        ]
        self._write_second_factors(privileged)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))

    def _write_second_factors(self, accounts: Any) -> None:
        """The TOTP secrets of the privileged accounts shown, so a newcomer can sign in."""
        privileged = [a for a in accounts if a.totp_secret]
        if not privileged:
            return
        self.stdout.write(
            "平台管理员、政府管理员和审核员登录时还要输入动态口令（二次验证）。"
            "把下面的密钥添加到手机上的身份验证器（如 Microsoft Authenticator、腾讯身份验证器），"
            "或运行 chanjiao demo_totp 用户名 查看当前口令："
        )
        for account in privileged:
            self.stdout.write("  " + _pad(account.username, 24) + account.totp_secret)


def _pad(text: str, width: int) -> str:
    """Pad to a display width, counting each CJK character as two columns."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - shown, 1)
