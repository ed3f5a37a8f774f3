"""The Census band of hours of care, stored: chosen where the exact hours are not known.

Relationships that have exact hours get their band in one UPDATE (people/caring.py's limits:
under 10, under 20, under 35, under 50, then 50 or more).
"""

from django.db import migrations, models
from django.db.models import Case, Value, When

BANDS = ((10, "9_or_less"), (20, "10_to_19"), (35, "20_to_34"), (50, "35_to_49"))


def bands_from_hours(apps, schema_editor):
    CaringRelationship = apps.get_model("people", "CaringRelationship")
    CaringRelationship.objects.filter(hours_per_week__isnull=False).update(
        census_band=Case(
            *(When(hours_per_week__lt=limit, then=Value(code)) for limit, code in BANDS),
            default=Value("50_or_more"),
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0005_name_order_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="caringrelationship",
            name="census_band",
            field=models.CharField(
                blank=True,
                default="",
                db_default="",
                choices=[
                    ("9_or_less", "9 hours a week or less"),
                    ("10_to_19", "10 to 19 hours a week"),
                    ("20_to_34", "20 to 34 hours a week"),
                    ("35_to_49", "35 to 49 hours a week"),
                    ("50_or_more", "50 or more hours a week"),
                ],
                max_length=12,
                verbose_name="hours of care a week, as a Census band",
            ),
        ),
        migrations.RunPython(bands_from_hours, migrations.RunPython.noop),
    ]
