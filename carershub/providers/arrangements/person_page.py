"""What arrangements adds to a person's page: a section listing their care at home, a button, and
its events on the timeline (service workers only, like the pages)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.activity.models import EventKind
from carershub.core import reversing
from carershub.people import sections, timeline
from carershub.providers.arrangements.models import Arrangement
from carershub.providers.arrangements.rules import ADD_ARRANGEMENT, VIEW_ARRANGEMENT


def section(user, person):
    # The person page has already checked the person is visible to the user and recorded the access.
    if not user.has_perm(VIEW_ARRANGEMENT):
        return None
    today = timezone.localdate()
    rows = (
        list(Arrangement.objects.filter(person=person).select_related("provider__organisation")[:20])
        if sections.holds(person, "arrangements")
        else []
    )
    return sections.Section(
        "arrangements/_person_section.jinja",
        {
            "current": [r for r in rows if r.ends_on is None or r.ends_on >= today],
            "past": [r for r in rows if r.ends_on is not None and r.ends_on < today][:5],
            "person_pk": person.pk,
        },
        order=47,
    )


def actions(user, person):
    if user.has_perm(ADD_ARRANGEMENT, person):
        return [sections.Action(_("Arrange care at home"), reversing.url("arrangements:new", person.pk), order=72)]
    return []


KINDS = [EventKind.ARRANGEMENT_STARTED, EventKind.ARRANGEMENT_CHANGED, EventKind.ARRANGEMENT_ENDED,
         EventKind.ARRANGEMENT_REFUSED]


def _describe(user, events):
    arrangements = {
        a.pk: a for a in Arrangement.objects.filter(
            pk__in=[e.object_id for e in events if e.object_type == "arrangements.arrangement"]
        ).select_related("provider__organisation")
    }
    titles = {
        EventKind.ARRANGEMENT_STARTED: _("Care at home arranged with %(provider)s"),
        EventKind.ARRANGEMENT_CHANGED: _("Care at home with %(provider)s changed"),
        EventKind.ARRANGEMENT_ENDED: _("Care at home with %(provider)s ended"),
        EventKind.ARRANGEMENT_REFUSED: _("Care at home with %(provider)s refused by the four-person rule"),
    }
    found = {}
    for event in events:
        arrangement = arrangements.get(event.object_id) if event.object_type == "arrangements.arrangement" else None
        if arrangement is not None:
            found[event.pk] = timeline.Entry(title=titles[event.kind] % {"provider": arrangement.provider.name},
                                             href=reversing.url("arrangements:detail", arrangement.pk))
    return found  # a refusal of a new arrangement names no arrangement: the generic entry


def _is_service_worker(user) -> bool:
    return user.has_perm(VIEW_ARRANGEMENT)


def register():
    sections.register(section)
    sections.register_holding("arrangements", Arrangement)
    sections.register_action(actions)
    timeline.register_group("care_at_home", gettext_lazy("Care at home"), order=48, visible=_is_service_worker)
    timeline.register("care_at_home", KINDS, _describe)
