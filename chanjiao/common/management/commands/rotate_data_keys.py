"""`chanjiao rotate_data_keys`: encrypt every personal value again under the ring's newest key."""

import time
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from chanjiao.common.crypto.keys import generate_key_ring_text, key_ring
from chanjiao.common.crypto.rewriting import (
    encrypted_tables,
    key_usage,
    reencrypt_to_current,
    rewrite_table,
)


class Command(BaseCommand):
    help = (
        "用密钥环中编号最大的 SM4 数据密钥重新加密所有个人信息（手机号、身份证号、联系电话），"
        "并重算盲索引；分批提交，可中断后重跑（已是最新密钥的值不再改写）。完成后 --check "
        "显示各密钥仍在使用的数量，为 0 的旧密钥即可从 CHANJIAO_DATA_KEYS 中删除。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）")
        parser.add_argument("--batch-size", type=int, default=1000, help="每批行数（默认 1000）")
        parser.add_argument(
            "--check", action="store_true", help="只统计各密钥加密的值的数量，不改写"
        )
        parser.add_argument(
            "--reindex", action="store_true", help="同时重算全部盲索引（更换索引密钥之后）"
        )
        parser.add_argument(
            "--new-ring",
            action="store_true",
            help="打印一个新的密钥环（索引密钥和 1 号数据密钥），供首次部署使用；不连接数据库",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_ring"]:
            self.stdout.write(generate_key_ring_text(), ending="")
            return
        connection = connections[options["database"]]
        tables = encrypted_tables(apps)
        if options["check"]:
            for table in tables:
                usage = key_usage(connection, table)
                text = "，".join(f"密钥 {k}：{n}" for k, n in sorted(usage.items())) or "无数据"
                self.stdout.write(f"{table.label}：{text}")
            return
        ring = key_ring()
        self.stdout.write(f"当前数据密钥：{ring.current_id}（密钥环来自 {ring.source}）")
        started = time.monotonic()
        total = 0
        for table in tables:
            seen = [0]

            def progress(count: int, seen: list[int] = seen, label: str = table.label) -> None:
                seen[0] += count
                self.stdout.write(f"  {label}：已检查 {seen[0]} 行")

            written = rewrite_table(
                connection,
                table,
                reencrypt_to_current,
                reindex=options["reindex"],
                batch_size=options["batch_size"],
                progress=progress,
            )
            total += written
            self.stdout.write(f"{table.label}：检查 {seen[0]} 行，改写 {written} 行")
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"完成：共改写 {total} 行，用时 {seconds:.1f} 秒。"))
