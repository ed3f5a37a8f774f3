"""core/schema.AlterKeyIndex changes a key's own index and refuses to change anything else (decision 76).

What it does to a database is shown by tests/migrations/test_indexes_back_and_forth.py.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection, models
from django.db.migrations.state import ProjectState

from carershub.audit.models import AccessEvent
from carershub.core.schema import AlterKeyIndex


def _actor_with(**changes):
    _name, _path, args, kwargs = AccessEvent._meta.get_field("actor").deconstruct()
    return models.ForeignKey(*args, **(kwargs | changes))


@pytest.mark.parametrize("changes", [{"null": True}, {"on_delete": models.CASCADE}, {"db_column": "who_id"}])
def test_any_change_beside_the_index_is_refused_before_the_database_is_touched(changes):
    operation = AlterKeyIndex("accessevent", "actor", _actor_with(db_index=True, **changes))
    before = ProjectState.from_apps(apps)
    after = before.clone()
    operation.state_forwards("audit", after)
    touched = []
    editor = SimpleNamespace(connection=connection, execute=touched.append)

    with pytest.raises(ValueError, match="only a key's own index"):
        operation.database_forwards("audit", editor, before, after)
    assert touched == []


@pytest.mark.django_db  # PostgreSQL quotes through its connection
def test_gaining_the_index_makes_it_and_nothing_else():
    operation = AlterKeyIndex("accessevent", "actor", _actor_with(db_index=True))
    before = ProjectState.from_apps(apps)
    after = before.clone()
    operation.state_forwards("audit", after)
    editor = connection.SchemaEditorClass(connection, collect_sql=True)  # writes the SQL down, runs none
    operation.database_forwards("audit", editor, before, after)

    assert len(editor.collected_sql) == 1
    assert editor.collected_sql[0].startswith("CREATE INDEX") and '"actor_id"' in editor.collected_sql[0]
