"""Finding a person by any part of their name ("Find a person") without reading the whole team: a
trigram index on each name, in the form Django's case-blind `icontains` asks for, UPPER(name).

PostgreSQL only (pg_trgm ships with it and is a trusted extension: the database's owner may create
it). The embedded SQLite demo has no such index and reads its few people as it did before."""

from __future__ import annotations

from typing import Any

from django.db import migrations

NAMES = ("given_name", "family_name")


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name in NAMES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS person_{name}_trigram ON people_person "
            f"USING gin (UPPER({name}::text) gin_trgm_ops)"
        )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in NAMES:
        schema_editor.execute(f"DROP INDEX IF EXISTS person_{name}_trigram")


class Migration(migrations.Migration):
    dependencies = [("people", "0006_messages_to_team")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
