"""What emergency adds to a person's page (people/sections.py) and timeline (people/timeline.py):
the contingency plan, its review, the card in use and the last call-out. Registered in ``ready()``."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from carershub.activity.models import EventKind
from carershub.core import reversing
from carershub.people import sections, timeline
from carershub.support.emergency import cardnumber, services
from carershub.support.emergency.models import ContingencyPlan, EmergencyCard, EmergencyEpisode, hours_text
from carershub.support.emergency.rules import CHANGE_CONTINGENCY_PLAN, VIEW_CONTINGENCY_PLAN

KINDS = (
    EventKind.CONTINGENCY_PLAN_WRITTEN,
    EventKind.EMERGENCY_CARD_ISSUED,
    EventKind.EMERGENCY_CARD_CANCELLED,
    EventKind.EMERGENCY_CARD_LOOKED_UP,
    EventKind.EMERGENCY_CALL_OUT,
    EventKind.EMERGENCY_CLOSED,
)


def may_see(user) -> bool:
    return user.has_perm(VIEW_CONTINGENCY_PLAN)


def _day(value) -> str:
    return formats.date_format(value, "j F Y")


def _is_carer(person) -> bool:
    return hasattr(person, "carer")


def _plan(person):
    """The carer's plan (its review date), read once for the section and the glance."""
    return sections.remembered(
        person, "contingency_plan",
        lambda: ContingencyPlan.objects.filter(carer=person).only("pk", "review_by", "carer_id").first()
        if sections.holds(person, "emergency.plan")
        else None,
    )


def section(user, person):
    if not (_is_carer(person) and user.has_perm(VIEW_CONTINGENCY_PLAN, person)):
        return None
    plan = _plan(person)
    # Cards and call-outs belong to a plan: without one there are none to ask for.
    card = services.live_card(person) if plan is not None else None
    last = EmergencyEpisode.objects.filter(carer=person).order_by("-called_out_at", "-pk").first() if plan else None
    return sections.Section(
        "emergency/_person_section.jinja",
        {
            "person_pk": person.pk,
            "plan": plan,
            "review_due": plan is not None and plan.review_by <= timezone.localdate(),
            "card": card,
            "number": cardnumber.grouped(card.number) if card else "",
            "last": last,
        },
        order=45,
    )


def glances(user, person):
    if not (_is_carer(person) and user.has_perm(VIEW_CONTINGENCY_PLAN, person)):
        return []
    plan = _plan(person)
    href = reversing.url("emergency:plan", person.pk)
    if plan is None:
        return [sections.Glance(_("Contingency plan"), _("None"), href=href, order=35)]
    today = timezone.localdate()
    if plan.review_by < today:
        return [
            sections.Glance(
                _("Contingency plan"),
                _("Review overdue since %(date)s") % {"date": _day(plan.review_by)},
                href=href,
                order=35,
                tag="govuk-tag--red",
            )
        ]
    return [
        sections.Glance(
            _("Contingency plan"), _("Review by %(date)s") % {"date": _day(plan.review_by)}, href=href, order=35
        )
    ]


def actions(user, person):
    if _is_carer(person) and user.has_perm(CHANGE_CONTINGENCY_PLAN, person):
        return [sections.Action(_("Contingency plan"), reversing.url("emergency:plan", person.pk), order=55)]
    return []


# --- The timeline ------------------------------------------------------------------------------


def describe(user, events) -> dict:
    person_pk = events[0].person.pk
    by_type = {}
    for event in events:
        if event.object_id is not None:
            by_type.setdefault(event.object_type, set()).add(event.object_id)
    cards = (
        EmergencyCard.objects.filter(pk__in=by_type.get("emergency.emergencycard", ()), carer_id=person_pk)
        .order_by()
        .in_bulk()
        if "emergency.emergencycard" in by_type
        else {}
    )
    episodes = (
        EmergencyEpisode.objects.filter(
            pk__in=by_type.get("emergency.emergencyepisode", ()), carer_id=person_pk
        ).order_by().in_bulk()
        if "emergency.emergencyepisode" in by_type
        else {}
    )
    plan_href = reversing.url("emergency:plan", person_pk)
    found = {}
    for event in events:
        kind, data = event.kind, event.data or {}
        if kind == EventKind.CONTINGENCY_PLAN_WRITTEN:
            title = _("Contingency plan written") if data.get("new") else _("Contingency plan updated")
            found[event.pk] = timeline.Entry(title, "", plan_href)
        elif kind in (EventKind.EMERGENCY_CARD_ISSUED, EventKind.EMERGENCY_CARD_CANCELLED):
            card = cards.get(event.object_id)
            if card is None:
                continue
            issued = kind == EventKind.EMERGENCY_CARD_ISSUED
            title = _("Emergency card issued") if issued else _("Emergency card cancelled")
            detail = _("Card ending %(digits)s") % {"digits": card.number[-4:]}
            if not issued and card.cancel_reason:
                detail += ": " + card.cancel_reason
            found[event.pk] = timeline.Entry(title, detail, reversing.url("emergency:card", card.pk))
        elif kind == EventKind.EMERGENCY_CARD_LOOKED_UP:
            # Who looked it up is the entry's "who"; why is in the access history.
            found[event.pk] = timeline.Entry(_("Contingency plan looked up by emergency card"))
        else:
            episode = episodes.get(event.object_id)
            if episode is None:
                continue
            href = reversing.url("emergency:episode", episode.pk)
            if kind == EventKind.EMERGENCY_CALL_OUT:
                found[event.pk] = timeline.Entry(
                    _("Emergency response service called out"),
                    formats.date_format(timezone.localtime(episode.called_out_at), "j F Y, H:i"),
                    href,
                )
            else:
                found[event.pk] = timeline.Entry(
                    _("Emergency response closed"),
                    _("%(hours)s of emergency support") % {"hours": hours_text(data.get("minutes", episode.minutes))},
                    href,
                )
    return found
