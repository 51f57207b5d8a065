"""Step 2 of 3: a fresh phone secret for every existing kiosk.

Every QR code printed before stops working and must be printed again from the results page.
Kiosks still at the old limit of 20 a minute get the new default: an offline queue of up to 200
answers may arrive within one minute.
"""

import secrets

from django.db import migrations


def isi_token_ponsel(apps, schema_editor):
    Kios = apps.get_model("skm", "Kios")
    for k in Kios.objects.filter(token_ponsel__isnull=True).only("pk"):
        Kios.objects.filter(pk=k.pk).update(token_ponsel=secrets.token_urlsafe(18))
    Kios.objects.filter(batas_per_menit=20).update(batas_per_menit=240)


class Migration(migrations.Migration):
    dependencies = [("skm", "0002_token_ponsel_jejak_karantina")]

    operations = [migrations.RunPython(isi_token_ponsel, migrations.RunPython.noop)]
