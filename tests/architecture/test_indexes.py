"""No table keeps an index that another index on it already does the work of (decision 76).

Django gives every foreign key an index of its own. Where the model also has an index or a
unique constraint that begins with the same column, the key's own index answers nothing the
longer one does not (a lookup, a join or a deletion's check on that column reads the longer
one's leading column), yet every insert and update still writes it: on the access log, the
busiest table, that was one more index write for each person shown on every page.

Read from the models (what migrations make), so it holds on SQLite and PostgreSQL alike.
An index with a condition, expressions or operator classes is another kind of index and is
never taken as covering one, nor counted as covered.
"""

from django.apps import apps
from django.db import models


def _plain_indexes(model) -> list[tuple[str, tuple[str, ...], bool]]:
    """(name, columns, unique) of each index the model's metadata makes, plain ones only."""
    meta = model._meta
    found = []
    for field in meta.local_fields:
        if field.primary_key:
            continue
        if field.unique:
            found.append((f"{field.name} (unique)", (field.column,), True))
        elif field.db_index:
            found.append((f"{field.name} (its own index)", (field.column,), False))

    def columns(names):
        return tuple(meta.get_field(name.removeprefix("-")).column for name in names)

    for index in meta.indexes:
        if index.fields and not index.condition and not index.opclasses and not index.include:
            found.append((index.name, columns(index.fields), False))
    for constraint in meta.constraints:
        if (
            isinstance(constraint, models.UniqueConstraint)
            and constraint.fields
            and not constraint.condition
            and not constraint.expressions
            and not constraint.include
            and not constraint.opclasses
        ):
            found.append((constraint.name, columns(constraint.fields), True))
    for fields in meta.unique_together:
        found.append((f"unique_together {fields}", columns(fields), True))
    return found


def redundant_indexes(models_to_check) -> list[str]:
    problems = []
    for model in models_to_check:
        indexes = _plain_indexes(model)
        for name, columns, unique in indexes:
            if unique:
                continue  # a unique index says something a longer one cannot
            for other, other_columns, other_unique in indexes:
                if other != name and other_columns[: len(columns)] == columns and (
                    # Longer, or the same columns: then the unique one stays, or the first by name.
                    len(other_columns) > len(columns) or other_unique or other < name
                ):
                    problems.append(f"{model._meta.label}: {name} {columns} is covered by {other} {other_columns}")
                    break
    return problems


def _ours():
    return [
        model
        for model in apps.get_models(include_auto_created=False)
        if model.__module__.startswith("carershub.") and model._meta.managed and not model._meta.proxy
    ]


def test_no_table_keeps_an_index_another_covers():
    problems = redundant_indexes(_ours())
    assert not problems, (
        "Indexes another index on the same table covers (give the field db_index=False, or drop the"
        " shorter index, and make the migration):\n" + "\n".join(problems)
    )


def test_the_check_finds_a_covered_foreign_key_index_and_spares_the_others():
    from carershub.audit.models import AccessEvent

    class Covered(models.Model):
        owner = models.ForeignKey(AccessEvent, on_delete=models.CASCADE, related_name="+")
        spare = models.ForeignKey(AccessEvent, on_delete=models.CASCADE, related_name="+")
        kept = models.ForeignKey(AccessEvent, on_delete=models.CASCADE, related_name="+")
        at = models.DateTimeField()

        class Meta:
            app_label = "audit"
            indexes = [
                models.Index(fields=["owner", "-at"], name="covered_owner_at"),
                # A partial index covers only some rows: the key's own index is still needed.
                models.Index(fields=["kept", "at"], name="covered_kept_some", condition=models.Q(at__year=2026)),
            ]
            constraints = [models.UniqueConstraint(fields=["spare", "at"], name="covered_spare_at")]

    try:
        problems = redundant_indexes([Covered])
    finally:
        apps.all_models["audit"].pop("covered", None)
        apps.clear_cache()
    assert problems == [
        "audit.Covered: owner (its own index) ('owner_id',) is covered by covered_owner_at ('owner_id', 'at')",
        "audit.Covered: spare (its own index) ('spare_id',) is covered by covered_spare_at ('spare_id', 'at')",
    ]
