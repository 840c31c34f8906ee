"""Rewrite the encrypted columns of a table row by row: used by the migrations and the rotation.

It works on the stored text with plain SQL, so it is the same for a migration's historical
models, for today's models, and in both directions. Rows are read in primary-key order in
batches; each batch is written in its own transaction, so an interrupted run resumes where it
stopped when run again (every rewrite is idempotent).
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps.registry import Apps
from django.db import models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations import RunPython

from chanjiao.common.crypto.cipher import decrypt_text, encrypt_text, is_ciphertext, token_key_id
from chanjiao.common.crypto.fields import BlindIndexField, EncryptedTextField
from chanjiao.common.crypto.index import blind_index
from chanjiao.common.crypto.keys import key_ring

Rewrite = Callable[[str], str | None]


@dataclass(frozen=True)
class IndexColumn:
    column: str
    source: str  # the encrypted column it indexes
    purpose: str


@dataclass
class EncryptedTable:
    """One table's encrypted columns and the blind indexes computed from them."""

    label: str
    table: str
    pk: str
    columns: list[str]
    indexes: list[IndexColumn] = field(default_factory=list)


def encrypted_table(model: type[models.Model]) -> EncryptedTable | None:
    """Describe a model's encrypted columns, or None if it has none."""
    fields = model._meta.concrete_fields
    columns = [str(f.column) for f in fields if isinstance(f, EncryptedTextField)]
    if not columns:
        return None
    by_name = {f.name: str(f.column) for f in fields}
    indexes = [
        IndexColumn(str(f.column), by_name[f.source], f.purpose)
        for f in fields
        if isinstance(f, BlindIndexField)
    ]
    pk_column = str(model._meta.pk.column) if model._meta.pk is not None else "id"
    return EncryptedTable(model._meta.label, model._meta.db_table, pk_column, columns, indexes)


def encrypted_tables(apps: Apps) -> list[EncryptedTable]:
    """Every table with an encrypted column, in a stable order."""
    tables = [encrypted_table(model) for model in apps.get_models()]
    return sorted((t for t in tables if t is not None), key=lambda t: t.label)


def encrypt_plaintext(raw: str) -> str | None:
    """Migration forward: encrypt a value written before encryption; leave tokens alone."""
    return encrypt_text(raw) if raw and not is_ciphertext(raw) else None


def decrypt_to_plaintext(raw: str) -> str | None:
    """Migration backward: store the plaintext again."""
    return decrypt_text(raw) if is_ciphertext(raw) else None


def reencrypt_to_current(raw: str) -> str | None:
    """Rotation: encrypt again under the newest key whatever is under another key (or plain)."""
    if not raw:
        return None
    if not is_ciphertext(raw):
        return encrypt_text(raw)
    if token_key_id(raw) == key_ring().current_id:
        return None
    return encrypt_text(decrypt_text(raw))


def _batches(
    connection: BaseDatabaseWrapper, table: EncryptedTable, batch_size: int
) -> Iterator[list[tuple[Any, ...]]]:
    """Yield the rows (pk, encrypted columns, index columns) in primary-key order."""
    q = connection.ops.quote_name
    index_columns = [i.column for i in table.indexes]
    select = ", ".join(q(c) for c in [table.pk, *table.columns, *index_columns])
    last = None
    while True:
        where = f"WHERE {q(table.pk)} > %s " if last is not None else ""
        sql = f"SELECT {select} FROM {q(table.table)} {where}ORDER BY {q(table.pk)} LIMIT %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, batch_size] if last is not None else [batch_size])
            rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def rewrite_table(
    connection: BaseDatabaseWrapper,
    table: EncryptedTable,
    rewrite: Rewrite,
    *,
    reindex: bool = False,
    batch_size: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Apply ``rewrite`` to each encrypted cell, keeping the blind indexes in step; count rows.

    ``reindex`` recomputes every blind index (after the index key changed).
    """
    written = 0
    for rows in _batches(connection, table, batch_size):
        with transaction.atomic(using=connection.alias):
            for row in rows:
                written += _rewrite_row(connection, table, row, rewrite, reindex=reindex)
        if progress is not None:
            progress(len(rows))
    return written


def _rewrite_row(
    connection: BaseDatabaseWrapper,
    table: EncryptedTable,
    row: Sequence[Any],
    rewrite: Rewrite,
    *,
    reindex: bool,
) -> int:
    stored = dict(zip(table.columns, row[1 : 1 + len(table.columns)], strict=True))
    old_indexes = dict(
        zip([i.column for i in table.indexes], row[1 + len(table.columns) :], strict=True)
    )
    changes: dict[str, Any] = {}
    for column, raw in stored.items():
        new = rewrite(str(raw)) if raw else None
        if new is not None:
            changes[column] = new
    for index in table.indexes:
        raw = str(stored[index.source] or "")
        if index.source in changes or reindex or (raw and not old_indexes[index.column]):
            plain = decrypt_text(raw) if is_ciphertext(raw) else raw
            value = blind_index(plain, purpose=index.purpose)
            if value != old_indexes[index.column]:
                changes[index.column] = value
    if not changes:
        return 0
    q = connection.ops.quote_name
    assignments = ", ".join(f"{q(column)} = %s" for column in changes)
    sql = f"UPDATE {q(table.table)} SET {assignments} WHERE {q(table.pk)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*changes.values(), row[0]])
    return 1


def encrypt_existing_rows(app_label: str, model_name: str) -> RunPython:
    """A migration step that encrypts a model's plaintext rows (and back, when reversed)."""

    def _rewrite_model(
        apps: Apps, schema_editor: BaseDatabaseSchemaEditor, rewrite: Rewrite
    ) -> None:
        table = encrypted_table(apps.get_model(app_label, model_name))
        if table is not None:
            rewrite_table(schema_editor.connection, table, rewrite)

    def forward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        _rewrite_model(apps, schema_editor, encrypt_plaintext)

    def backward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        _rewrite_model(apps, schema_editor, decrypt_to_plaintext)

    return RunPython(forward, backward, elidable=False)


def key_usage(connection: BaseDatabaseWrapper, table: EncryptedTable) -> dict[str, int]:
    """Count a table's stored values by the key that opens them ("plain": not encrypted)."""
    counts: dict[str, int] = {}
    for rows in _batches(connection, table, 1000):
        for row in rows:
            for raw in row[1 : 1 + len(table.columns)]:
                if raw:
                    key_id = token_key_id(str(raw))
                    name = "plain" if key_id is None else str(key_id)
                    counts[name] = counts.get(name, 0) + 1
    return counts
