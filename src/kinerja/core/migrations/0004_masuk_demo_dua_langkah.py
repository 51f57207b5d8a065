import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from kinerja.core import pemicu


def _pasang_pemicu(apps, schema_editor):
    # PostgreSQL: a plpgsql trigger; SQLite: RAISE(ABORT) triggers (see kinerja.core.pemicu).
    pemicu.pasang(schema_editor.connection)


def _lepas_pemicu(apps, schema_editor):
    pemicu.lepas(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_tabel_cache"),
        ("wilayah", "0002_pemda_batas_hari_laporan_pemda_kepala_jabatan_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DuaLangkah",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("rahasia", models.CharField(max_length=64)),
                ("aktif", models.BooleanField(default=False)),
                ("langkah_terakhir", models.BigIntegerField(default=0)),
                (
                    "pengguna",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="dua_langkah",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "verifikasi dua langkah",
                "verbose_name_plural": "verifikasi dua langkah",
            },
        ),
        migrations.CreateModel(
            name="PemdaDemo",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "pemda",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wilayah.pemda"
                    ),
                ),
            ],
            options={
                "verbose_name": "pemda demonstrasi",
                "verbose_name_plural": "pemda demonstrasi",
            },
        ),
        migrations.CreateModel(
            name="SandiDemo",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sandi_hash", models.CharField(max_length=256)),
                (
                    "pengguna",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "akun demonstrasi",
                "verbose_name_plural": "akun demonstrasi",
            },
        ),
        migrations.DeleteModel(
            name="GagalMasuk",
        ),
        migrations.AlterField(
            model_name="catatanaudit",
            name="pd",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wilayah.perangkatdaerah",
            ),
        ),
        migrations.AlterField(
            model_name="catatanaudit",
            name="pengguna",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(_pasang_pemicu, _lepas_pemicu),
    ]
