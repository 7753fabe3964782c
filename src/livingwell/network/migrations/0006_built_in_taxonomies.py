"""The directory's own taxonomies and their terms (`network.taxonomies`), with the same ids on every
site. Run again (by a later migration) when a list in `codes` gains a term: it adds what is missing
and changes no id."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def ensure(apps: Any, schema_editor: Any) -> None:
    from livingwell.network.taxonomies import BUILT_IN

    Taxonomy = apps.get_model("network", "Taxonomy")
    TaxonomyTerm = apps.get_model("network", "TaxonomyTerm")
    for built_in in BUILT_IN:
        taxonomy, _ = Taxonomy.objects.update_or_create(
            id=built_in.id,
            defaults={"name": built_in.name, "description": built_in.description, "version": "1"},
        )
        for code, name in built_in.terms.items():
            TaxonomyTerm.objects.update_or_create(
                id=built_in.term_id(code),
                defaults={"taxonomy": taxonomy, "code": code, "name": name, "description": name},
            )


class Migration(migrations.Migration):
    dependencies = [("network", "0005_directory_search_index")]

    operations = [migrations.RunPython(ensure, migrations.RunPython.noop)]
