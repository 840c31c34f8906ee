"""The database part of a backup: a consistent copy out, a copy back in, row counts per table.

SQLite is copied with the online backup API (``sqlite3.Connection.backup``), page by page, so the
copy is consistent while the platform keeps writing. PostgreSQL is dumped with ``pg_dump
--format=custom`` inside an exported snapshot, and the row counts of the manifest are read in that
same snapshot, so they describe exactly what the dump holds. Passwords go to the tools through
``PGPASSWORD``, never on the command line.
"""

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction

from chanjiao.common.backup.errors import BackupError

DUMP_TIMEOUT_SECONDS = 6 * 3600


def model_tables() -> list[str]:
    """The table of every Django model (many-to-many tables included), each once, sorted."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(tables)


def table_counts(using: str = "default") -> dict[str, int]:
    """Rows per model table in the database of ``using`` (tables it lacks are left out)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in model_tables():
            if table in existing:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                counts[table] = int(cursor.fetchone()[0])
    return counts


def database_holds_data(using: str = "default") -> bool:
    """Whether the database holds the platform's data: its user table exists and has a row.

    A database that ``migrate`` (and ``load_catalogs``) just prepared counts as empty.
    """
    connection = connections[using]
    user_table = apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table
    if user_table not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(user_table)} LIMIT 1")  # noqa: S608
        return cursor.fetchone() is not None


def database_vendor(using: str = "default") -> str:
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"不支持备份 {vendor} 数据库，仅支持 SQLite 和 PostgreSQL。")
    return vendor


# SQLite


def sqlite_backup(*, using: str, destination: Path) -> dict[str, int]:
    """Copy the live SQLite database to ``destination``; return the copy's rows per table."""
    connection = connections[using]
    connection.ensure_connection()
    source = connection.connection
    target = sqlite3.connect(destination)
    try:
        with connection.wrap_database_errors:
            source.backup(target, pages=4096)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        target.close()
    return _sqlite_file_counts(destination)


def sqlite_restore(*, using: str, source: Path) -> None:
    """Replace the SQLite database of ``using``, page by page, with the copy at ``source``."""
    connection = connections[using]
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("恢复 SQLite 数据库时不能处于事务之中。")
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        with connection.wrap_database_errors:
            backup.backup(connection.connection, pages=4096)
    finally:
        backup.close()


def _sqlite_file_counts(path: Path) -> dict[str, int]:
    database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        existing = {
            row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        return {
            table: int(database.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])  # noqa: S608
            for table in model_tables()
            if table in existing
        }
    finally:
        database.close()


# PostgreSQL


def postgres_dump(*, using: str, destination: Path) -> dict[str, int]:
    """Dump the database with ``pg_dump --format=custom``; return its rows per table.

    The counts and the dump read one exported snapshot (REPEATABLE READ), so they agree even
    while the platform keeps writing.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = table_counts(using)
        _pg_run(
            "pg_dump",
            [
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={destination}",
                *_pg_connection_args(connection.settings_dict),
                f"--dbname={connection.settings_dict['NAME']}",
            ],
            connection.settings_dict,
            failure="数据库导出（pg_dump）失败",
        )
    return counts


def postgres_restore(*, using: str, source: Path) -> None:
    """Restore a ``pg_dump`` archive into the database of ``using`` (objects it holds replaced)."""
    connection = connections[using]
    settings_dict = connection.settings_dict
    connection.close()  # our own session must not hold locks on the tables being replaced
    _pg_run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *_pg_connection_args(settings_dict),
            f"--dbname={settings_dict['NAME']}",
            str(source),
        ],
        settings_dict,
        failure="数据库恢复（pg_restore）失败",
    )


def pg_tool(name: str) -> str:
    """The path of a PostgreSQL client program: on PATH, else under ``PG_BIN``."""
    found = shutil.which(name) or shutil.which(name, path=os.environ.get("PG_BIN", ""))
    if not found:
        raise BackupError(
            f"未找到 PostgreSQL 客户端程序 {name}，请安装 postgresql-client-15（或设置 PG_BIN）。"
        )
    return found


def _pg_connection_args(settings_dict: Mapping[str, Any]) -> list[str]:
    args = []
    if settings_dict.get("HOST"):
        args.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        args.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        args.append(f"--username={settings_dict['USER']}")
    return [*args, "--no-password"]


def _pg_environment(settings_dict: Mapping[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        if options.get(option):
            env[variable] = str(options[option])
    return env


def _pg_run(tool: str, args: list[str], settings_dict: Mapping[str, Any], *, failure: str) -> None:
    try:
        completed = subprocess.run(  # noqa: S603
            [pg_tool(tool), *args],
            env=_pg_environment(settings_dict),
            capture_output=True,
            text=True,
            timeout=DUMP_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BackupError(
            f"{failure}：超过 {DUMP_TIMEOUT_SECONDS // 3600} 小时仍未完成。"
        ) from error
    if completed.returncode != 0:
        detail = completed.stderr.strip().splitlines()[-3:]
        raise BackupError(f"{failure}（退出码 {completed.returncode}）：{' '.join(detail)}")
