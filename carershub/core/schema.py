"""Migration operations Django's own would do with more locking than the change needs."""

from django.db import migrations
from django.db.models import Index


class AlterKeyIndex(migrations.AlterField):
    """``AlterField`` for a foreign key that only gains or loses its own index (``db_index``).

    The state changes as ``AlterField``'s does. In the database, Django's ``AlterField`` drops the
    key's constraint, changes the index, and adds the constraint again; adding it checks every row
    of the table while writes to it wait (a minute or more on an access log of tens of millions).
    The constraint does not depend on the index, so this drops or makes the index and nothing else,
    finding it the way Django's schema editor does: the non-unique index on that one column that
    the model's ``Meta.indexes`` does not name (DEVELOPERS.md decision 76).
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._switch(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._switch(app_label, schema_editor, from_state, to_state)

    def _switch(self, app_label, schema_editor, from_state, to_state):
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, to_model):
            return
        from_model = from_state.apps.get_model(app_label, self.model_name)
        old, new = from_model._meta.get_field(self.name), to_model._meta.get_field(self.name)
        old_path, old_args, old_kwargs = old.deconstruct()[1:]
        new_path, new_args, new_kwargs = new.deconstruct()[1:]
        old_kwargs.pop("db_index", None)
        new_kwargs.pop("db_index", None)
        if (old_path, old_args, old_kwargs, old.column) != (new_path, new_args, new_kwargs, new.column) or old.unique:
            raise ValueError(
                f"AlterKeyIndex changes only a key's own index, not the rest of {self.model_name}.{self.name}"
            )
        if old.db_index and not new.db_index:
            named = {index.name for index in from_model._meta.indexes}
            for name in schema_editor._constraint_names(
                from_model, [old.column], index=True, unique=False, type_=Index.suffix, exclude=named
            ):
                schema_editor.execute(schema_editor._delete_index_sql(from_model, name))
        elif new.db_index and not old.db_index:
            schema_editor.execute(schema_editor._create_index_sql(to_model, fields=[new]))

    def describe(self):
        return f"Alter the own index of {self.name} on {self.model_name}"
