"""Imported history on a person's timeline: what another system's export added or merged.

An import writes one "imported" event per changed record (decision 20), at the moment of the
import, with the source's own date in its data. The entry says what came from where and, when the
source had one, the date it was first recorded there. Registered in ``ImportsConfig.ready()``.
"""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.activity.models import EventKind
from carershub.imports import mapping
from carershub.imports.services import OUTCOME_LABELS
from carershub.people.timeline import Entry

KINDS = (EventKind.IMPORTED,)
WHAT = {
    mapping.PEOPLE: gettext_lazy("the person's record"),
    mapping.CARING: gettext_lazy("a caring relationship"),
    mapping.CONTACTS: gettext_lazy("a contact"),
    mapping.CONSENTS: gettext_lazy("a consent to share"),
}


def describe(user, events) -> dict:
    """No query: all an entry says is in the event's data (the source, the kind, the outcome, the date)."""
    found = {}
    for event in events:
        data = event.data or {}
        what = WHAT.get(data.get("kind"), data.get("kind") or "")
        title = _("Imported from %(source)s: %(what)s") % {"source": data.get("source", ""), "what": what}
        parts = [str(OUTCOME_LABELS.get(data.get("outcome"), data.get("outcome") or ""))]
        original = _date(data.get("original_date"))
        if original:
            parts.append(_("recorded there on %(date)s") % {"date": formats.date_format(original, "j F Y")})
        found[event.pk] = Entry(title, ", ".join(p for p in parts if p))
    return found


def _date(text):
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None
