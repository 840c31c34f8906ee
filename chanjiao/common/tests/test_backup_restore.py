"""Backup and restore drill: a small world is backed up and restored into an empty database.

The same tests run on SQLite (the restored database is a fresh file) and, when the test database
is PostgreSQL, on PostgreSQL (the restored database is created on the same server and dropped
afterwards). The default connection is pointed at the empty database for the restore, as an
operator's ``DATABASE_URL`` would be.
"""

import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.db.models import Model

from chanjiao.accounts.models import Membership, User
from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.common.backup import backup_create, manifest_read, table_counts
from chanjiao.common.backup.database import model_tables
from chanjiao.listings.models import ExportJob, Listing
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.organizations.models import Organization

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLED: list[type[Model]] = [User, Organization, Membership, Listing, AuditEvent, ExportJob]
# Rows the restore itself adds after its count check: its own audit event.
WRITTEN_BY_RESTORE = {AuditEvent._meta.db_table: 1}


@pytest.fixture
def workdir(settings) -> Iterator[Path]:
    """A temporary folder for media, backups and the search index, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="chanjiao-backup-test-") as name:
        root = Path(name)
        settings.MEDIA_ROOT = root / "media"
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        }
        settings.CHANJIAO_SEARCH_INDEX_DIR = root / "search-index"
        yield root


@pytest.fixture
def world(wuzhou_officer, wuzhou_gov, school_admin, recruiter, enterprise, student) -> list[Any]:
    """A few users and organisations, approved listings, audit events, an uploaded file."""
    reviewer = reviewer_for(wuzhou_gov)
    listings = [
        listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=reviewer)
        for _ in range(3)
    ]
    job = ExportJob.objects.create(user=recruiter, scope="mine", file_format="csv")
    job.file.save("岗位导出.csv", ContentFile("标题,单位\n车工,梧州六堡茶业\n".encode()))
    return [*listings, job]


@contextmanager
def empty_database(workdir: Path) -> Iterator[None]:
    """Point the default connection at a new, empty database for the duration."""
    original = connections["default"]
    postgres = original.vendor == "postgresql"
    name = f"{original.settings_dict['NAME']}_restore" if postgres else str(workdir / "new.sqlite3")
    if postgres:
        with original.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    fresh = original.__class__({**original.settings_dict, "NAME": name}, alias="default")
    connections["default"] = fresh
    try:
        yield
    finally:
        fresh.close()
        connections["default"] = original
        if postgres:
            with original.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _sample(model: type[Model]) -> list[Any]:
    """Up to 20 primary keys of the model's rows, picked at random (fixed seed)."""
    pks = sorted(model.objects.values_list("pk", flat=True))
    return random.Random(19).sample(pks, min(20, len(pks)))  # noqa: S311


def _rows(model: type[Model], pks: list[Any]) -> dict[Any, dict[str, Any]]:
    """The rows with these keys, every concrete field."""
    fields = [field.attname for field in model._meta.concrete_fields]
    return {
        row[model._meta.pk.attname]: row for row in model.objects.filter(pk__in=pks).values(*fields)
    }


def test_drill_backup_then_restore_into_an_empty_database(workdir, world, capsys):
    before = table_counts()
    picked = {model: _sample(model) for model in SAMPLED}
    samples = {model: _rows(model, pks) for model, pks in picked.items()}
    upload = Path(world[-1].file.path)
    upload_bytes = upload.read_bytes()

    call_command("backup", output=workdir / "backups")
    (archive,) = (workdir / "backups").iterdir()
    assert archive.name.startswith("chanjiao-backup-")
    assert archive.name.endswith("Z")
    manifest = manifest_read(archive)
    assert manifest.database_vendor == connections["default"].vendor
    assert manifest.row_counts == before
    assert set(manifest.row_counts) == set(model_tables())
    assert manifest.files[manifest.database_file]["sha256"]
    media_key = f"media/{upload.relative_to(workdir / 'media').as_posix()}"
    assert media_key in manifest.files
    assert AuditEvent.objects.filter(action="system.backup").count() == 1
    assert "备份完成" in capsys.readouterr().out

    upload.unlink()  # the media folder is restored too
    with empty_database(workdir):
        call_command("restore", str(archive), yes=True, search_workers=1)
        output = capsys.readouterr().out
        after = table_counts()
        restored = {model: _rows(model, pks) for model, pks in picked.items()}
        assert AuditEvent.objects.filter(action="system.restore").count() == 1
        assert Listing.objects.count() == 3

    assert "恢复完成" in output
    assert "不符" not in output
    assert {table: after.get(table, -1) - WRITTEN_BY_RESTORE.get(table, 0) for table in before} == (
        before
    )
    for model, rows in samples.items():
        assert rows, model
        assert restored[model] == rows, model
    assert upload.read_bytes() == upload_bytes


def test_a_changed_byte_is_refused_naming_the_file(workdir, world):
    result = backup_create(output_dir=workdir / "backups")
    (media_file,) = (
        name
        for name in result.manifest.files
        if name.startswith("media/") and name.endswith(".csv")
    )
    damaged = result.path / media_file
    data = bytearray(damaged.read_bytes())
    data[3] ^= 0x01
    damaged.write_bytes(bytes(data))

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(result.path), yes=True, force=True)

    assert "已损坏" in str(refused.value)
    assert media_file in str(refused.value)
    assert Listing.objects.count() == 3  # nothing was touched


def test_a_database_holding_data_is_refused_without_force(workdir):
    UserFactory(username="someone")
    result = backup_create(output_dir=workdir / "backups")

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(result.path), yes=True)

    assert "不是空的" in str(refused.value)
    assert "--force" in str(refused.value)
