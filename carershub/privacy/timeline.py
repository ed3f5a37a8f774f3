"""Data-protection requests on a person's timeline. Registered in ``PrivacyConfig.ready()``.

Shown to the service's workers, who already see the person's requests on the record (and may
record one): a practitioner should know a copy of the record has been asked for, or that it
was erased, before working on it. Partner workers do not see them, as they do not see the
list. Each entry says the kind of request and nothing the person asked or said; the link
opens the request only for team managers, who manage them. Retention decisions have no
person (they are about a record, by reference), so they stay off.
"""

from django.utils.translation import gettext as _

from carershub.activity.models import EventKind
from carershub.core import reversing
from carershub.people.timeline import Entry
from carershub.privacy.models import RequestKind, RequestStatus
from carershub.privacy.rules import MANAGE_DATA_RIGHTS, RECORD_DATA_RIGHTS_REQUEST

KINDS = (
    EventKind.DATA_RIGHTS_RECEIVED,
    EventKind.DATA_RIGHTS_EXTENDED,
    EventKind.DATA_RIGHTS_CLOSED,
    EventKind.PERSON_ERASED,
)


def may_see(user) -> bool:
    return user.has_perm(RECORD_DATA_RIGHTS_REQUEST)


def describe(user, events) -> dict:
    """From what the events hold (the kind of request, its status): no query."""
    may_open = user.has_perm(MANAGE_DATA_RIGHTS)
    kinds, statuses = dict(RequestKind.choices), dict(RequestStatus.choices)
    found = {}
    for event in events:
        data = event.data or {}
        if event.kind == EventKind.PERSON_ERASED:
            continue  # the generic entry says it: "Person record erased or anonymised"
        detail = str(kinds.get(data.get("kind"), ""))
        if event.kind == EventKind.DATA_RIGHTS_CLOSED and data.get("status") in statuses:
            detail = _("%(request)s: %(status)s") % {"request": detail, "status": statuses[data["status"]]}
        href = None
        if may_open and event.object_type == "privacy.datarightsrequest" and event.object_id:
            href = reversing.url("privacy:request", event.object_id)
        found[event.pk] = Entry(str(event.get_kind_display()), detail, href)
    return found
