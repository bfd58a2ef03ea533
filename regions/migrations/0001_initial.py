import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="District",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("ars", models.CharField(max_length=5, unique=True, verbose_name="Regionalschlüssel")),
                ("name", models.CharField(max_length=100, verbose_name="Name")),
                ("short_name", models.CharField(max_length=100, verbose_name="Kurzname")),
                ("slug", models.SlugField(unique=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[("Landkreis", "Landkreis"), ("Kreisfreie Stadt", "Kreisfreie Stadt")],
                        max_length=20,
                        verbose_name="Art",
                    ),
                ),
            ],
            options={
                "verbose_name": "Landkreis / Kreisfreie Stadt",
                "verbose_name_plural": "Landkreise und Kreisfreie Städte",
                "ordering": ["short_name"],
            },
        ),
        migrations.CreateModel(
            name="Municipality",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("ars", models.CharField(max_length=12, unique=True, verbose_name="Regionalschlüssel")),
                ("ags", models.CharField(max_length=8, unique=True, verbose_name="Gemeindeschlüssel")),
                ("name", models.CharField(db_index=True, max_length=100, verbose_name="Name")),
                ("kind", models.CharField(max_length=20, verbose_name="Art")),
                ("lat", models.FloatField(verbose_name="Breitengrad")),
                ("lon", models.FloatField(verbose_name="Längengrad")),
                (
                    "district",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="municipalities",
                        to="regions.district",
                    ),
                ),
            ],
            options={"verbose_name": "Gemeinde", "verbose_name_plural": "Gemeinden", "ordering": ["name"]},
        ),
    ]
