"""`chanjiao backup`: one backup folder of the database, the uploaded files and a manifest."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.common.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "备份数据库（SQLite 用在线备份接口，PostgreSQL 用 pg_dump）、上传文件目录和清单"
        "（各表行数、每个文件的 SHA-256），写到输出目录下以 UTC 时间命名的目录中；"
        "平台运行时即可备份。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="备份写到哪个目录下（默认 CHANJIAO_DATA_DIR/backups）",
        )
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）")

    def handle(self, *args: Any, **options: Any) -> None:
        output = options["output"] or Path(settings.DATA_DIR) / "backups"
        try:
            result = backup_create(
                output_dir=Path(output), using=options["database"], progress=self.stdout.write
            )
        except BackupError as error:
            raise CommandError(f"备份失败：{error.message}") from error
        manifest = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{result.path}\n"
                f"  数据库 {manifest.database_vendor}，{len(manifest.row_counts)} 张表，"
                f"{manifest.total_rows} 行；文件 {len(manifest.files)} 个，"
                f"共 {_size(result.size)}；用时 {result.seconds:.1f} 秒。"
            )
        )


def _size(size: int) -> str:
    for unit in ("字节", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "字节" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)
