from django.db import connections, router, transaction
from django.utils import timezone

from carershub.audit.models import AccessAction, AccessEvent
from carershub.core.clientip import client_ip


def _client_ip(request) -> str | None:
    # Behind a proxy, the client's address only where settings say how many proxies to trust.
    return client_ip(request)


def _text(value: str, limit: int = 300) -> str:
    # The log must always be written: PostgreSQL refuses NUL characters in text.
    return (value or "").replace("\x00", "")[:limit]


def record_access(request, people, *, action=AccessAction.VIEW, part="summary", purpose="") -> int:
    """Write one access event per person seen. Returns how many were written."""
    if hasattr(people, "pk"):
        people = [people]
    purpose = _text(purpose)
    return _write(request, action, [(p.pk, None, part, purpose) for p in people])


def record_page_access(request, *parts) -> int:
    """One page that shows several people in several parts: ``(people, part, purpose)`` each, one INSERT."""
    rows = []
    for people, part, purpose in parts:
        if hasattr(people, "pk"):
            people = [people]
        purpose = _text(purpose)
        rows += [(p.pk, None, part, purpose) for p in people]
    return _write(request, AccessAction.VIEW, rows)


def record_contact_access(request, contacts, *, action=AccessAction.VIEW, part="contact") -> int:
    """Callers with no record yet were shown: log each against their contact."""
    if hasattr(contacts, "pk"):
        contacts = [contacts]
    return _write(request, action, [(None, c.pk, part, "") for c in contacts])


# The columns each call shares, then each row's own (DEVELOPERS.md decision 71).
_SHARED = ("at", "actor", "actor_organisation", "action", "ip_address", "user_agent", "path")
_OWN = ("person_ref", "contact_ref", "part", "purpose")


def _write(request, action, rows: list[tuple]) -> int:
    """Insert ``rows`` of (person_ref, contact_ref, part, purpose) in one statement (a few on SQLite).

    The same rows ``bulk_create`` wrote, without a model instance per row: a search page logs
    25 people, and building, checking and reading back 25 instances cost more than the page's own
    queries. The values shared by every row are converted for the database once, by the same
    fields' own conversion; nothing is read back (the trail is append-only, and no caller needs
    the ids). The database's constraints apply as before: a row naming no one is refused.
    """
    if not rows:
        return 0
    user = request.user
    connection = connections[router.db_for_write(AccessEvent)]
    fields = [AccessEvent._meta.get_field(name) for name in _SHARED + _OWN]
    shared = {
        "at": timezone.now(),
        "actor": user.pk,
        "actor_organisation": user.organisation_id,
        "action": action,
        "ip_address": _client_ip(request),
        "user_agent": _text(request.META.get("HTTP_USER_AGENT", "")),
        "path": _text(request.get_full_path()),
    }
    prepared = [field.get_db_prep_save(shared[name], connection) for field, name in zip(fields, _SHARED)]
    own = fields[len(_SHARED) :]
    rows = [[field.get_db_prep_save(value, connection) for field, value in zip(own, row)] for row in rows]
    table = connection.ops.quote_name(AccessEvent._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    if connection.vendor == "postgresql":
        # One statement of one shape whatever the number of rows: the rows' own values go as four
        # arrays, so psycopg keeps the parsed statement (it keeps none with over 50 parameters).
        shared_values = ", ".join(["%s"] * len(_SHARED))
        own_columns = ", ".join(_OWN)
        sql = (
            f"INSERT INTO {table} ({columns}) SELECT {shared_values}, {own_columns}"
            f" FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[]) AS own ({own_columns})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, prepared + [list(values) for values in zip(*rows)])
        return len(rows)
    # SQLite: plain rows of values, as many to a statement as its limit on parameters allows.
    one_row = "(" + ", ".join("%s" for _field in fields) + ")"
    batch = max(1, connection.ops.bulk_batch_size(fields, rows))
    with transaction.atomic(using=connection.alias, savepoint=False), connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            params = [value for row in chunk for value in prepared + row]
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {', '.join([one_row] * len(chunk))}", params)
    return len(rows)


def access_events_for(person_pk):
    """Every access to one person's record, newest first (the model's ordering)."""
    return AccessEvent.objects.filter(person_ref=person_pk).select_related("actor", "actor_organisation")
