"""What the search asks of a service's taxonomy terms, in one index: `Service.search_terms`, its terms
as a JSON object (each term's id, with its code), filled here from `ServiceTerm` and kept by
`network.services`. On PostgreSQL a GIN index answers "holds any of these ids?" (`?|`) for every
service at once; the embedded SQLite demo reads its few hundred services as they are.

And every place in a box round a point with the service it is for, from one index."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import migrations, models

INDEX = (
    "CREATE INDEX IF NOT EXISTS service_search_terms ON network_service USING gin (search_terms)"
)


def fill(apps: Any, schema_editor: Any) -> None:
    Service = apps.get_model("network", "Service")
    ServiceTerm = apps.get_model("network", "ServiceTerm")
    terms: dict[Any, dict[str, str]] = defaultdict(dict)
    for service_id, term_id, code in ServiceTerm.objects.values_list(
        "service_id", "taxonomy_term_id", "taxonomy_term__code"
    ):
        terms[service_id][str(term_id)] = code
    rows = [Service(id=pk, search_terms=ids) for pk, ids in terms.items()]
    Service.objects.bulk_update(rows, ["search_terms"], batch_size=500)


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS service_search_terms")


class Migration(migrations.Migration):
    dependencies = [("network", "0008_places_on_services_at_locations")]

    operations = [
        migrations.AddField(
            model_name="service",
            name="search_terms",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddIndex(
            model_name="serviceatlocation",
            index=models.Index(
                fields=["latitude", "longitude", "service"], name="service_at_location_on_map"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create, drop, elidable=False),
    ]
