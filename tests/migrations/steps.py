"""Moving a test database between migrations (only the tests under tests/migrations do)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def _executor():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


def migrate(targets):
    """Migrate to ``targets`` ([(app, migration name or None)]); the apps registry of the state reached."""
    executor = _executor()
    executor.migrate(targets)
    # The state of every app as the database now is: the targets, and every other app at its latest.
    unapplied = {app for app, name in targets if name is None}
    named = {app: name for app, name in targets if name is not None}
    nodes = [
        (app, named.get(app, name)) for app, name in executor.loader.graph.leaf_nodes() if app not in unapplied
    ]
    return executor.loader.project_state(nodes).apps


def latest():
    return _executor().loader.graph.leaf_nodes()


def indexes(table) -> dict[str, list[str]]:
    """The table's indexes other than its primary key, by name: their columns."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name: c["columns"] for name, c in constraints.items() if c["index"] and not c["primary_key"]}
