"""The database cache's table (used when REDIS_URL is not set): created with the other tables."""

from django.core.management import call_command
from django.db import migrations


def buat_tabel_cache(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_gagalmasuk_peran")]

    operations = [migrations.RunPython(buat_tabel_cache, migrations.RunPython.noop)]
