"""Taking the database to a migration and back, for the tests of what a migration does to rows a
site already holds."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str]]) -> Any:
    """Migrate to `targets` and give the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_the_latest() -> None:
    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
