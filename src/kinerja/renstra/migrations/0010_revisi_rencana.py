from django.db import migrations, models


def pasang(apps, schema_editor):
    from kinerja.renstra import revisi

    revisi.pasang(schema_editor.connection)


def lepas(apps, schema_editor):
    from kinerja.renstra import revisi

    revisi.lepas(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("renstra", "0009_sumber_data_sakip"),
        ("wilayah", "0006_jenis_pd_unit_aktif"),
    ]

    operations = [
        migrations.CreateModel(
            name="RevisiRencana",
            fields=[
                ("versi_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("nilai", models.BigIntegerField()),
            ],
            options={
                "verbose_name": "revisi rencana",
                "verbose_name_plural": "revisi rencana",
            },
        ),
        migrations.RunPython(pasang, lepas),
    ]
