"""Sessions kept in the database, as Django keeps them, read with one plain statement (decision 67).

Every signed-in request loads its session first. Django's database store loads it with
``Session.objects.get(...)``: a queryset built, compiled and read into a model instance on every
request, which costs more Python than the statement costs PostgreSQL. This store sends the same
statement as SQL written once and reads the one column ``load`` needs. Everything else (creating,
saving, ending a session, clearing expired ones) is Django's own, so a session is ended in the
database and nowhere else: a sign-out either ends it or fails as a whole.
"""

import functools

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


@functools.cache
def _load_sql(alias: str) -> str:
    """The statement ``load`` sends on this database: the same condition as Django's store (this
    key, not yet expired), reading the one column it decodes. Made once per database."""
    from django.contrib.sessions.models import Session

    quote, field = connections[alias].ops.quote_name, Session._meta.get_field
    return (
        f"SELECT {quote(field('session_data').column)} FROM {quote(Session._meta.db_table)}"
        f" WHERE {quote(field('session_key').column)} = %s AND {quote(field('expire_date').column)} > %s"
    )


class SessionStore(DatabaseSessionStore):
    def load(self):
        data = self._session_data_from_db()
        if data is None:
            self._session_key = None  # as Django's store: a key not found (or expired) is dropped
            return {}
        return self.decode(data)

    def _session_data_from_db(self) -> str | None:
        key = self.session_key
        if not key:
            return None
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(_load_sql(alias), [key, connection.ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        return None if row is None else row[0]
