"""What a backup or a restore announces, so that the audit log records it without being imported.

``common`` sits below ``audit``: the audit app registers its handlers in ``AppConfig.ready()``
(``chanjiao/audit/apps.py``). The handlers run after the work is done, outside any transaction;
after a restore they write into the restored database.
"""

from dataclasses import dataclass

from chanjiao.common.hooks import Hooks


@dataclass(frozen=True)
class BackupMade:
    """A backup was written."""

    path: str
    vendor: str
    size: int
    rows: int
    operator: str


@dataclass(frozen=True)
class RestoreDone:
    """An archive was restored into the configured database."""

    path: str
    vendor: str
    rows: int
    mismatched_tables: list[str]
    operator: str


backup_made_handlers: Hooks[BackupMade] = Hooks("backup made")
restore_done_handlers: Hooks[RestoreDone] = Hooks("restore done")
