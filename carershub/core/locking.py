"""Optimistic locking: a change is saved only if nobody else saved the record first.

Editable records carry a ``version``. A form carries the version it was opened at; saving
claims the next version with one conditional UPDATE, and finds out at once (no lock held)
whether somebody else got there first.
"""

from django.db.models import F


class StaleRecordError(Exception):
    """Raised when somebody else saved the record after this form was opened."""


def update_if(model, pk, *, expect: dict, **changes) -> None:
    """UPDATE the row ``pk`` of ``model`` with ``changes`` only where it still matches ``expect``.

    Raises StaleRecordError, having changed nothing, when it no longer does.
    """
    if model.objects.filter(pk=pk, **expect).update(**changes) != 1:
        raise StaleRecordError


def claim_version(instance, expected: int, **expect) -> None:
    """Take the next version of ``instance`` (still in the state ``expect`` describes), or fail."""
    update_if(type(instance), instance.pk, expect={"version": expected, **expect}, version=F("version") + 1)
    instance.version = expected + 1
