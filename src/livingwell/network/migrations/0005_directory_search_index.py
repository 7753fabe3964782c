"""Searching the directory's words without reading every service: a GIN index on the words of each
service (`search_text`) in the form the search asks for, to_tsvector('english', ...).

PostgreSQL only (its own full-text search). The embedded SQLite demo has no such index and reads its
few hundred services as they are."""

from __future__ import annotations

from typing import Any

from django.db import migrations

INDEX = (
    "CREATE INDEX IF NOT EXISTS service_search_words ON network_service "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(search_text, '')))"
)


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS service_search_words")


class Migration(migrations.Migration):
    dependencies = [("network", "0004_organisation_directory_ids")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
