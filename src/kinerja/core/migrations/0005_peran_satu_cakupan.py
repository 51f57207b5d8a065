from django.conf import settings
from django.db import migrations, models


def _rapikan_peran(apps, schema_editor):
    """Before the new constraints: a role with more than one scope keeps the narrowest, which is
    the one the permission check already read (unit, else PD, else pemda); of identical roles the
    oldest stays.  Nobody gains or loses a permission."""
    Peran = apps.get_model("core", "Peran")
    for p in Peran.objects.exclude(unit=None).exclude(pd=None, pemda=None):
        Peran.objects.filter(pk=p.pk).update(pd=None, pemda=None)
    Peran.objects.exclude(pd=None).exclude(pemda=None).update(pemda=None)
    terlihat = set()
    for p in Peran.objects.order_by("id"):
        kunci = (p.pengguna_id, p.jenis, p.unit_id, p.pd_id, p.pemda_id)
        if kunci in terlihat:
            Peran.objects.filter(pk=p.pk).delete()
        terlihat.add(kunci)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_masuk_demo_dua_langkah"),
        ("wilayah", "0002_pemda_batas_hari_laporan_pemda_kepala_jabatan_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(_rapikan_peran, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="peran",
            name="peran_unik",
        ),
        migrations.AddConstraint(
            model_name="peran",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("pd__isnull", True), ("unit__isnull", True)),
                    models.Q(("pemda__isnull", True), ("unit__isnull", True)),
                    models.Q(("pd__isnull", True), ("pemda__isnull", True)),
                    _connector="OR",
                ),
                name="peran_satu_cakupan",
            ),
        ),
        migrations.AddConstraint(
            model_name="peran",
            constraint=models.UniqueConstraint(
                condition=models.Q(("unit__isnull", False)),
                fields=("pengguna", "jenis", "unit"),
                name="peran_unik_unit",
            ),
        ),
        migrations.AddConstraint(
            model_name="peran",
            constraint=models.UniqueConstraint(
                condition=models.Q(("pd__isnull", False)),
                fields=("pengguna", "jenis", "pd"),
                name="peran_unik_pd",
            ),
        ),
        migrations.AddConstraint(
            model_name="peran",
            constraint=models.UniqueConstraint(
                condition=models.Q(("pemda__isnull", False)),
                fields=("pengguna", "jenis", "pemda"),
                name="peran_unik_pemda",
            ),
        ),
        migrations.AddConstraint(
            model_name="peran",
            constraint=models.UniqueConstraint(
                condition=models.Q(("pd__isnull", True), ("pemda__isnull", True), ("unit__isnull", True)),
                fields=("pengguna", "jenis"),
                name="peran_unik_semua",
            ),
        ),
    ]
