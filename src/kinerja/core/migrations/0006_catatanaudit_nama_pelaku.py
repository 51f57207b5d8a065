from django.db import migrations, models

from kinerja.core import pemicu


def _pasang_pemicu(apps, schema_editor):
    # SQLite rebuilds the table to add a column, dropping its triggers: install them again.
    pemicu.pasang(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_peran_satu_cakupan"),
    ]

    operations = [
        # Reversed, the column's removal rebuilds the table again: the triggers come back after it.
        migrations.RunPython(migrations.RunPython.noop, _pasang_pemicu),
        migrations.AddField(
            model_name="catatanaudit",
            name="nama_pelaku",
            field=models.CharField(
                blank=True, db_default="", default="", max_length=60, verbose_name="pelaku sistem"
            ),
        ),
        migrations.RunPython(_pasang_pemicu, migrations.RunPython.noop),
    ]
