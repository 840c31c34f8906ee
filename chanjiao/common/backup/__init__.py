"""Backup and restore of the whole platform: the database, the uploaded files, a manifest.

``backup_create`` writes one folder named with the UTC time; ``backup_restore`` verifies it and
puts it back into the configured database and media folder (docs/backup.md). The console
commands ``chanjiao backup`` and ``chanjiao restore`` are thin adapters over these functions.
"""

from chanjiao.common.backup.archive import (
    BackupResult,
    Manifest,
    RestoreResult,
    TableCount,
    backup_create,
    backup_restore,
    backup_verify,
    manifest_read,
)
from chanjiao.common.backup.database import database_holds_data, table_counts
from chanjiao.common.backup.errors import BackupError

__all__ = [
    "BackupError",
    "BackupResult",
    "Manifest",
    "RestoreResult",
    "TableCount",
    "backup_create",
    "backup_restore",
    "backup_verify",
    "database_holds_data",
    "manifest_read",
    "table_counts",
]
