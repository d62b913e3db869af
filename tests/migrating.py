"""Migrating the test database to a past state and back, for the data migrations' tests."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` ([(app, migration)]); the apps (models) as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    """The latest migration of every app, to migrate back to after a test."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
