"""Audit events of the console's system commands (backup, restore), told through common's hooks."""

from chanjiao.audit.services import audit_event_record
from chanjiao.common.backup.hooks import (
    BackupMade,
    RestoreDone,
    backup_made_handlers,
    restore_done_handlers,
)


def backup_made_record(event: BackupMade) -> None:
    audit_event_record(
        actor=None,
        action="system.backup",
        changes={
            "path": event.path,
            "database": event.vendor,
            "bytes": event.size,
            "rows": event.rows,
            "operator": event.operator,
        },
    )


def restore_done_record(event: RestoreDone) -> None:
    audit_event_record(
        actor=None,
        action="system.restore",
        changes={
            "path": event.path,
            "database": event.vendor,
            "rows": event.rows,
            "mismatched_tables": event.mismatched_tables,
            "operator": event.operator,
        },
    )


def connect() -> None:
    backup_made_handlers.register(backup_made_record)
    restore_done_handlers.register(restore_done_record)
