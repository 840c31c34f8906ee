"""Rebuild the search index from every public listing, with a progress bar."""

import os
from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from chanjiao.listings.models import Listing
from chanjiao.search.backends import get_backend
from chanjiao.search.services import search_index_rebuild


class Command(BaseCommand):
    help = "重建检索索引（读取全部公开信息，分词后整体替换索引；重建期间检索照常可用）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--backend", choices=["tantivy", "postgresql"], help="默认按设置")
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1, help="分词进程数（默认 CPU 核数）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        backend = get_backend(options.get("backend"))
        total = Listing.objects.public().count()
        with tqdm(total=total, unit="条", desc=f"重建 {backend.name} 索引") as bar:
            count = search_index_rebuild(
                backend=backend, workers=options["workers"], progress=bar.update
            )
        self.stdout.write(self.style.SUCCESS(f"已索引 {count} 条公开信息。"))
