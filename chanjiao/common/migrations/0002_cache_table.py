from django.core.management import call_command
from django.db import migrations


def _create_cache_tables(apps, schema_editor):
    # The database cache (config/settings.py CACHES) lives in its own table; Django creates it
    # with `createcachetable`, which does nothing when the table exists or no cache needs one.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("common", "0001_periodic_run")]

    operations = [migrations.RunPython(_create_cache_tables, migrations.RunPython.noop)]
