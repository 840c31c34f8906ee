"""`chanjiao restore ARCHIVE`: verify a backup folder and put it back, then check the row counts."""

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.common.backup import BackupError, RestoreResult, backup_restore, manifest_read


class Command(BaseCommand):
    help = (
        "从 chanjiao backup 写出的备份目录恢复：先校验每个文件的 SHA-256，再恢复数据库和上传文件，"
        "重建检索索引，最后逐表核对行数（与清单不符时以非零状态退出）。"
        "目标数据库已有数据时拒绝，除非加 --force。恢复前请先停止平台（chanjiao.target）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="备份目录（chanjiao-backup-…）")
        parser.add_argument("--yes", action="store_true", help="不再询问确认")
        parser.add_argument(
            "--force", action="store_true", help="目标数据库已有数据时也覆盖（慎用）"
        )
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）")
        parser.add_argument(
            "--search-workers",
            type=int,
            default=os.cpu_count() or 1,
            help="重建检索索引的分词进程数（默认 CPU 核数）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["archive"])
        try:
            manifest = manifest_read(path)
        except BackupError as error:
            raise CommandError(f"恢复失败：{error.message}") from error
        if not options["yes"]:
            self.stdout.write(
                f"将用备份 {path.name}（{manifest.created_at}，{manifest.database_vendor}，"
                f"{manifest.total_rows} 行）覆盖当前配置的数据库和上传文件目录"
                f" {settings.MEDIA_ROOT}。"
            )
            if input("确认恢复请输入 yes：").strip().lower() != "yes":
                raise CommandError("已取消，未做任何改动。")
        try:
            result = backup_restore(
                path=path,
                using=options["database"],
                force=options["force"],
                progress=self.stdout.write,
            )
        except BackupError as error:
            raise CommandError(f"恢复失败：{error.message}") from error
        self._search_index(options["search_workers"])
        self._report(result)

    def _search_index(self, workers: int) -> None:
        if str(getattr(settings, "CHANJIAO_SEARCH_BACKEND", "tantivy")) != "tantivy":
            self.stdout.write("检索索引保存在数据库中，已随数据库一并恢复。")
            return
        self.stdout.write("正在按恢复后的数据重建检索索引…")
        call_command("rebuild_search_index", workers=workers, stdout=self.stdout)

    def _report(self, result: RestoreResult) -> None:
        self.stdout.write("逐表核对行数（表名：清单 / 恢复后）：")
        for count in result.counts:
            actual = "缺表" if count.actual is None else str(count.actual)
            mark = "" if count.matches else "  ✗ 不符"
            self.stdout.write(f"  {count.table}：{count.expected} / {actual}{mark}")
        mismatches = result.mismatches
        if mismatches:
            names = "、".join(count.table for count in mismatches)
            raise CommandError(f"恢复后有 {len(mismatches)} 张表的行数与清单不符：{names}。")
        self.stdout.write(
            self.style.SUCCESS(
                f"恢复完成：{len(result.counts)} 张表的行数均与清单一致"
                f"（共 {result.manifest.total_rows} 行），上传文件 {result.media_files} 个；"
                f"用时 {result.seconds:.1f} 秒（不含重建检索索引）。"
            )
        )
