"""Load or refresh the national reference catalogues shipped with the platform."""

from collections.abc import Callable
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand
from tqdm import tqdm

from chanjiao.catalogs.loading import catalogs_load


class Command(BaseCommand):
    help = "导入国家参考目录（专业、行业、职业、行政区划、专业—职业对应）；可重复执行。"

    def handle(self, *args: Any, **options: Any) -> None:
        bars: list[tqdm] = []
        quiet = options["verbosity"] == 0

        def progress(label: str, total: int) -> Callable[[int], object]:
            for previous in bars:
                previous.close()
            bar = tqdm(
                total=total,
                desc=label,
                unit="行",
                disable=quiet,
                leave=True,
                # The stubs see OutputWrapper's wrapped stream only through ``__getattr__``.
                file=cast(TextIO, self.stderr._out),
                mininterval=0.5,
            )
            bars.append(bar)
            return bar.update

        results = catalogs_load(progress=progress)
        for bar in bars:
            bar.close()
        for r in results:
            c = r.counts
            self.stdout.write(
                f"{r.label}：读取 {r.rows_read} 行，现有 {r.total} 条"
                f"（新增 {c.created}，更新 {c.updated}，停用 {c.retired}）"
            )
            for note in r.notes:
                self.stdout.write(f"  · {note}")
        self.stdout.write(self.style.SUCCESS("目录导入完成。"))
