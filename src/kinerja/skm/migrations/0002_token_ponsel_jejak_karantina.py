"""A separate secret for the phone form (step 1 of 3: the nullable column), the traceability of
responses, and quarantine."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("skm", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="kios",
            name="token_ponsel",
            field=models.CharField(max_length=40, null=True),
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
