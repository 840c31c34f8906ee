"""One backup is one folder: the database, the uploaded files, and ``manifest.json``.

    chanjiao-backup-20250301T020000Z/
        manifest.json          what is inside, rows per table, SHA-256 of every file
        database.sqlite3       (SQLite) a consistent copy made with the online backup API
        database.pgdump        (PostgreSQL) pg_dump --format=custom
        media/...              a copy of MEDIA_ROOT

The folder is written under a ``.partial-`` name and renamed when complete, so a folder with the
final name is always a whole backup. The search index is not copied: it is derived from the
listings and rebuilt after a restore (the PostgreSQL search backend keeps it in the database).
"""

import datetime
import getpass
import hashlib
import json
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError

from chanjiao.common.backup import database
from chanjiao.common.backup.errors import BackupError
from chanjiao.common.backup.hooks import (
    BackupMade,
    RestoreDone,
    backup_made_handlers,
    restore_done_handlers,
)

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
PREFIX = "chanjiao-backup-"

Progress = Callable[[str], object]


@dataclass
class Manifest:
    format: int
    created_at: str
    platform_version: str
    platform_commit: str
    database_vendor: str
    database_file: str
    search_backend: str
    row_counts: dict[str, int]
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    size: int
    seconds: float


@dataclass(frozen=True)
class TableCount:
    table: str
    expected: int
    actual: int | None  # None: the restored database lacks the table

    @property
    def matches(self) -> bool:
        return self.expected == self.actual


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    manifest: Manifest
    counts: list[TableCount]
    media_files: int
    seconds: float

    @property
    def mismatches(self) -> list[TableCount]:
        return [count for count in self.counts if not count.matches]


def backup_create(
    *,
    output_dir: Path,
    using: str = "default",
    now: datetime.datetime | None = None,
    progress: Progress | None = None,
) -> BackupResult:
    """Write a backup folder under ``output_dir`` and return where it is and what it holds."""
    say = progress or (lambda message: None)
    started = _clock()
    vendor = database.database_vendor(using)
    moment = (now or datetime.datetime.now(tz=datetime.UTC)).astimezone(datetime.UTC)
    name = f"{PREFIX}{moment:%Y%m%dT%H%M%SZ}"
    final = output_dir / name
    if final.exists():
        raise BackupError(f"备份目录 {final} 已存在，请稍后再试或换一个输出目录。")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"无法创建输出目录 {output_dir}：{error.strerror}") from error
    partial = output_dir / f".partial-{name}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        database_file = DATABASE_FILES[vendor]
        say(f"正在备份数据库（{_vendor_name(vendor)}）…")
        if vendor == "sqlite":
            counts = database.sqlite_backup(using=using, destination=partial / database_file)
        else:
            counts = database.postgres_dump(using=using, destination=partial / database_file)
        say(f"数据库已备份：{len(counts)} 张表，共 {sum(counts.values())} 行。")
        media_root = Path(settings.MEDIA_ROOT)
        copied = _media_copy(media_root, partial / MEDIA)
        say(f"上传文件已备份：{copied} 个文件（{media_root}）。")
        manifest = Manifest(
            format=FORMAT,
            created_at=moment.isoformat(),
            platform_version=_platform_version(),
            platform_commit=_platform_commit(),
            database_vendor=vendor,
            database_file=database_file,
            search_backend=str(getattr(settings, "CHANJIAO_SEARCH_BACKEND", "")),
            row_counts=counts,
        )
        say("正在计算文件校验值（SHA-256）…")
        manifest.files = {
            relative: {
                "sha256": _sha256(partial / relative),
                "size": (partial / relative).stat().st_size,
            }
            for relative in _files_under(partial)
        }
        (partial / MANIFEST).write_text(
            json.dumps(asdict(manifest), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    size = sum(entry["size"] for entry in manifest.files.values())
    _announce(
        lambda: backup_made_handlers.send(
            BackupMade(
                path=str(final),
                vendor=vendor,
                size=size,
                rows=manifest.total_rows,
                operator=_operator(),
            )
        ),
        say,
    )
    return BackupResult(path=final, manifest=manifest, size=size, seconds=_clock() - started)


def manifest_read(path: Path) -> Manifest:
    """The manifest of the backup folder at ``path`` (a clear message when it is not one)."""
    if not path.is_dir():
        raise BackupError(f"备份 {path} 不存在或不是目录（解压后的备份目录）。")
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        manifest = Manifest(**data)
    except FileNotFoundError as error:
        raise BackupError(f"{path} 中没有 {MANIFEST}，不是本平台的备份。") from error
    except (ValueError, TypeError) as error:
        raise BackupError(f"{path / MANIFEST} 无法读取：{error}") from error
    if manifest.format != FORMAT:
        raise BackupError(f"备份格式版本 {manifest.format} 不受支持（本版本读取 {FORMAT}）。")
    return manifest


def backup_verify(path: Path, *, progress: Progress | None = None) -> Manifest:
    """Check every file of the backup against its SHA-256 in the manifest; return the manifest."""
    say = progress or (lambda message: None)
    manifest = manifest_read(path)
    if manifest.database_file not in manifest.files:
        raise BackupError(f"清单中没有数据库文件 {manifest.database_file}，备份不完整。")
    say(f"正在校验 {len(manifest.files)} 个文件的 SHA-256…")
    for relative, entry in sorted(manifest.files.items()):
        file = path / relative
        if not _inside(path, file) or not file.is_file():
            raise BackupError(f"备份文件缺失：{relative}，拒绝恢复。")
        actual = _sha256(file)
        if actual != entry["sha256"]:
            raise BackupError(
                f"备份文件已损坏：{relative} 的 SHA-256 与清单不符"
                f"（清单 {entry['sha256'][:16]}…，实际 {actual[:16]}…），拒绝恢复。"
            )
    return manifest


def backup_restore(
    *,
    path: Path,
    using: str = "default",
    force: bool = False,
    progress: Progress | None = None,
) -> RestoreResult:
    """Restore the backup at ``path`` into the database of ``using`` and into MEDIA_ROOT.

    Verifies every file first; refuses a database that already holds data unless ``force``.
    Returns the rows per table found after the restore beside those of the manifest. The search
    index is the caller's to rebuild (``rebuild_search_index``).
    """
    say = progress or (lambda message: None)
    started = _clock()
    manifest = backup_verify(path, progress=say)
    vendor = database.database_vendor(using)
    if vendor != manifest.database_vendor:
        raise BackupError(
            f"备份来自 {_vendor_name(manifest.database_vendor)} 数据库，当前配置的是"
            f" {_vendor_name(vendor)}，无法直接恢复。"
        )
    if not force and database.database_holds_data(using):
        raise BackupError(
            "目标数据库不是空的（已有用户数据），为避免覆盖已拒绝恢复。"
            "确认要用备份覆盖它时，请加上 --force。"
        )
    say(f"正在恢复数据库（{_vendor_name(vendor)}）…")
    source = path / manifest.database_file
    if vendor == "sqlite":
        database.sqlite_restore(using=using, source=source)
    else:
        database.postgres_restore(using=using, source=source)
    media_files = _media_restore(path / MEDIA, Path(settings.MEDIA_ROOT))
    say(f"上传文件已恢复：{media_files} 个文件（{settings.MEDIA_ROOT}）。")
    actual = database.table_counts(using)
    counts = [
        TableCount(table=table, expected=expected, actual=actual.get(table))
        for table, expected in sorted(manifest.row_counts.items())
    ]
    result = RestoreResult(
        path=path,
        manifest=manifest,
        counts=counts,
        media_files=media_files,
        seconds=_clock() - started,
    )
    _announce(
        lambda: restore_done_handlers.send(
            RestoreDone(
                path=str(path),
                vendor=vendor,
                rows=sum(actual.values()),
                mismatched_tables=[count.table for count in result.mismatches],
                operator=_operator(),
            )
        ),
        say,
    )
    return result


def _announce(send: Callable[[], None], say: Progress) -> None:
    """Tell the audit log; the backup or restore itself is done whether or not it can write."""
    try:
        send()
    except DatabaseError as error:
        say(f"警告：未能写入审计日志（{error}）。")


def _media_copy(media_root: Path, destination: Path) -> int:
    destination.mkdir()
    if not media_root.is_dir():
        return 0
    shutil.copytree(media_root, destination, dirs_exist_ok=True, symlinks=False)
    return sum(1 for item in destination.rglob("*") if item.is_file())


def _media_restore(source: Path, media_root: Path) -> int:
    """Copy the backed-up files into MEDIA_ROOT (files not in the backup are left in place)."""
    if not source.is_dir():
        return 0
    media_root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, media_root, dirs_exist_ok=True)
    return sum(1 for item in source.rglob("*") if item.is_file())


def _files_under(root: Path) -> list[str]:
    return sorted(item.relative_to(root).as_posix() for item in root.rglob("*") if item.is_file())


def _inside(root: Path, file: Path) -> bool:
    return file.resolve().is_relative_to(root.resolve())


def _sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with file.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _platform_version() -> str:
    try:
        return metadata.version("chanjiao")
    except metadata.PackageNotFoundError:
        return ""


def _platform_commit() -> str:
    """The git commit of the running code when it runs from a checkout, else ""."""
    if not (Path(settings.BASE_DIR) / ".git").exists():
        return ""
    try:
        completed = subprocess.run(  # noqa: S603
            ["git", "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return completed.stdout.strip() if completed.returncode == 0 else ""


def _operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _vendor_name(vendor: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(vendor, vendor)


def _clock() -> float:
    return time.monotonic()
