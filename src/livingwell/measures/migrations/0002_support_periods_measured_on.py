"""Each period of support gets the day of its last start or review measure (`measured_on`), which
reviews are now counted from, from the measures it already has."""

from typing import Any

from django.db import migrations
from django.db.models import Max, OuterRef, Subquery


def measured_on_fill(apps: Any, schema_editor: Any) -> None:
    SupportPeriod = apps.get_model("people", "SupportPeriod")
    Measure = apps.get_model("measures", "Measure")
    last = (
        Measure.objects.filter(period=OuterRef("pk"), timepoint__in=["start", "review"])
        .values("period")
        .annotate(last=Max("taken_on"))
        .values("last")[:1]
    )
    SupportPeriod.objects.update(measured_on=Subquery(last))


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0001_initial"),
        ("people", "0011_support_period_measured_on"),
    ]

    operations = [migrations.RunPython(measured_on_fill, migrations.RunPython.noop)]
