from django.db import migrations, models
from django.utils import timezone

from chanjiao.audit.chain import CHAINED_FIELDS, GENESIS, event_digest
from chanjiao.audit.migrations_sql import TABLE

BATCH = 2000


def _chain_existing(apps, schema_editor):
    """Chain the events written before the chain existed, in primary-key order."""
    event_model = apps.get_model("audit", "AuditEvent")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TABLE}_append_only")
    prev = GENESIS
    batch = []
    fields = ["id", *CHAINED_FIELDS]
    for row in event_model.objects.order_by("pk").values(*fields).iterator(chunk_size=BATCH):
        entry = event_digest(row, prev)
        batch.append(event_model(pk=row["id"], prev_hash=prev, entry_hash=entry))
        prev = entry
        if len(batch) >= BATCH:
            event_model.objects.bulk_update(batch, ["prev_hash", "entry_hash"])
            batch = []
    if batch:
        event_model.objects.bulk_update(batch, ["prev_hash", "entry_hash"])
    if postgres:
        schema_editor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TABLE}_append_only")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(db_index=True, default=timezone.now, verbose_name="时间"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="entry_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(_chain_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(
                editable=False, max_length=64, unique=True, verbose_name="前一条摘要"
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="entry_hash",
            field=models.CharField(editable=False, max_length=64, verbose_name="本条摘要"),
        ),
    ]
