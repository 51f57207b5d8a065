"""Step 3 of 3: the phone secret is required and unique; the new kiosk limit by default."""

from django.db import migrations, models

import kinerja.skm.models


class Migration(migrations.Migration):
    dependencies = [("skm", "0003_isi_token_ponsel")]

    operations = [
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
    ]
