"""Load Saxony's 13 districts and 419 municipalities from regions/data/."""

import csv
import json
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def short_district_names(features):
    """Drop "Landkreis " unless a city of the same name exists (Landkreis Leipzig vs. Leipzig)."""
    names = [f["properties"]["name"] for f in features]
    return {
        name: name if name.removeprefix("Landkreis ") in names else name.removeprefix("Landkreis ") for name in names
    }


def slug_for(name):
    return slugify(name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss"))


def load(apps, schema_editor):
    District = apps.get_model("regions", "District")
    Municipality = apps.get_model("regions", "Municipality")
    geo = json.loads((DATA_DIR / "sachsen_kreise.geojson").read_text(encoding="utf-8"))
    short_names = short_district_names(geo["features"])
    districts = {}
    for feature in geo["features"]:
        props = feature["properties"]
        short = short_names[props["name"]]
        districts[props["ars"]] = District.objects.create(
            ars=props["ars"],
            name=props["name"],
            short_name=short,
            slug=slug_for(short),
            kind=props["kind"],
        )
    with (DATA_DIR / "sachsen_gemeinden.csv").open(encoding="utf-8", newline="") as fh:
        Municipality.objects.bulk_create(
            Municipality(
                ars=row["ars"],
                ags=row["ags"],
                name=row["name"],
                kind=row["kind"],
                district=districts[row["kreis_ars"]],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
            )
            for row in csv.DictReader(fh)
        )


def unload(apps, schema_editor):
    apps.get_model("regions", "Municipality").objects.all().delete()
    apps.get_model("regions", "District").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
