"""Rate-limit counters of the public survey in a table of their own, UNLOGGED on PostgreSQL."""

from django.db import migrations, models


def _tanpa_log(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE skm_hitungan SET UNLOGGED")


class Migration(migrations.Migration):
    dependencies = [("skm", "0004_token_ponsel_unik")]

    operations = [
        migrations.CreateModel(
            name="Hitungan",
            fields=[
                ("kunci", models.CharField(max_length=120, primary_key=True, serialize=False)),
                (
                    "jendela",
                    models.BigIntegerField(
                        help_text="Nomor jendela waktu (detik sejak epoch ÷ panjang jendela)."
                    ),
                ),
                ("jumlah", models.PositiveIntegerField()),
                (
                    "sampai",
                    models.FloatField(help_text="Akhir jendela (detik sejak epoch); baris lewat disapu."),
                ),
            ],
            options={
                "verbose_name": "hitungan batas survei",
                "verbose_name_plural": "hitungan batas survei",
            },
        ),
        migrations.RunPython(_tanpa_log, migrations.RunPython.noop),
    ]
