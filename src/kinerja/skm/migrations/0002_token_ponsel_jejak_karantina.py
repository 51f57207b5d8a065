"""A separate secret for the phone form, the traceability of responses, and quarantine.

The phone token is added in two steps: nullable, then filled with a fresh secret per kiosk
(every existing printed QR code stops working and must be printed again from the results
page), then made unique. Kiosks still at the old limit of 20 a minute get the new default:
an offline queue of up to 200 answers may arrive within one minute.
"""

import secrets

from django.db import migrations, models

import kinerja.skm.models


def isi_token_ponsel(apps, schema_editor):
    Kios = apps.get_model("skm", "Kios")
    for k in Kios.objects.filter(token_ponsel__isnull=True).only("pk"):
        Kios.objects.filter(pk=k.pk).update(token_ponsel=secrets.token_urlsafe(18))
    Kios.objects.filter(batas_per_menit=20).update(batas_per_menit=240)


class Migration(migrations.Migration):
    dependencies = [("skm", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="kios",
            name="token_ponsel",
            field=models.CharField(max_length=40, null=True),
        ),
        migrations.RunPython(isi_token_ponsel, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="kios",
            name="token_ponsel",
            field=models.CharField(
                default=kinerja.skm.models._token,
                help_text="Bagian rahasia alamat formulir ponsel (tautan dan kode QR); tidak membuka kios.",
                max_length=40,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="kios",
            name="token",
            field=models.CharField(
                default=kinerja.skm.models._token,
                help_text="Bagian rahasia alamat kios (tablet).",
                max_length=40,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="kios",
            name="batas_per_menit",
            field=models.PositiveSmallIntegerField(
                default=240,
                help_text="Kiriman terbanyak per menit dari kios ini; antrean luring yang terkirim sekaligus dapat "
                "mencapai 200 jawaban dalam semenit.",
            ),
        ),
        migrations.AddField(
            model_name="respons",
            name="alamat_hash",
            field=models.CharField(blank=True, db_index=True, max_length=64),
        ),
        migrations.AddField(
            model_name="respons",
            name="karantina",
            field=models.DateTimeField(
                blank=True,
                null=True,
                help_text="Dikarantina sejak: tidak dihitung dalam IKM sampai dipulihkan.",
            ),
        ),
    ]
