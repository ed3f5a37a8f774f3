"""What signposting adds to other apps' pages, through their registries (decision 10): the person
page's "Signposted to" section and timeline entries (people.sections, people.timeline), a contact's
picks (contacts.services.register_detail_panel), a plan's (support, once it has the same registry),
a not-eligible letter's information and advice (assessments.letters.register_advice), and the
picks of an unknown caller's contact given to the record it is linked to (contacts.services.on_linked).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.activity.models import EventKind
from carershub.assessments import letters
from carershub.contacts import services as contacts_services
from carershub.contacts.rules import CHANGE_CONTACT
from carershub.core import panels
from carershub.people import sections, timeline
from carershub.signposting import services
from carershub.signposting.models import Signpost, Source
from carershub.signposting.rules import SIGNPOST, VIEW_SIGNPOSTS
from carershub.support import services as support_services

PERSON_SECTION_ROWS = 5


def person_section(user, person):
    if not user.has_perm(VIEW_SIGNPOSTS, person):
        return None
    picks = services.for_person(person, limit=PERSON_SECTION_ROWS + 1) if sections.holds(person, "signposts") else []
    return sections.Section(
        "signposting/_person_section.jinja",
        {"picks": picks[:PERSON_SECTION_ROWS], "more": len(picks) > PERSON_SECTION_ROWS, "person_pk": person.pk},
        order=47,
    )


def person_actions(user, person):
    if not user.has_perm(SIGNPOST, person):
        return []
    href = services.directory_search_url(services.Origin(Source.RECORD, person=person))
    return [sections.Action(_("Signpost from the directory"), href, order=72)]


def contact_panel(user, contact):
    """The contact's picks, with "Find in the directory" and "Add one not listed" for those who may
    signpost from it. The page itself has already checked that the user may see the contact."""
    if contact.person_id is not None and not user.has_perm(VIEW_SIGNPOSTS, contact.person):
        return None
    may = user.has_perm(CHANGE_CONTACT, contact) and user.has_perm(SIGNPOST, contact.person if contact.person_id else None)
    origin = services.Origin(Source.CONTACT, person=contact.person if contact.person_id else None, contact=contact)
    return panels.Panel(
        "signposting/_panel.jinja",
        {
            "heading": _("Signposted to"),
            "heading_id": "signposted",
            "picks": services.for_contact(contact),
            "search_url": services.directory_search_url(origin) if may else "",
            "not_listed_url": services.not_listed_url(origin) if may else "",
            "find_text": _("Find in the directory"),
        },
        order=40,
    )


def plan_panel(user, plan):
    """The plan's picks, under its "Referrals and signposting" heading (the page offers the search)."""
    if not user.has_perm(VIEW_SIGNPOSTS, plan.carer):
        return None
    return panels.Panel(
        "signposting/_panel.jinja",
        {
            "heading": _("Signposted to"),
            "heading_id": "plan-signposted",
            "heading_level": 3,
            "picks": services.for_plan(plan),
            "search_url": "",
        },
        order=40,
    )


def letter_advice(assessment, language):
    return services.advice_for_letter(assessment, language)


def link_hook(contact, person, *, actor):
    services.give_person(contact, person, actor=actor)


# --- the timeline ----------------------------------------------------------------------------------


def _describe(user, events):
    picks = {
        p.pk: p
        for p in Signpost.objects.filter(pk__in=[e.object_id for e in events if e.object_id]).select_related(
            "service__organization"
        )
    }
    found = {}
    for event in events:
        pick = picks.get(event.object_id)
        if pick is None:
            continue
        if pick.service_id:
            detail = pick.service.organization.name if pick.service.organization_id else ""
        else:
            detail = _("Not listed in the directory")
        found[event.pk] = timeline.Entry(
            title=_("Signposted to %(name)s") % {"name": pick.name},
            detail=detail,
            href=reverse("signposting:for_person", args=[pick.person_id]) if pick.person_id else None,
        )
    return found


def _is_service_worker(user) -> bool:
    return user.has_perm(SIGNPOST)


def register():
    sections.register(person_section)
    sections.register_holding("signposts", Signpost)
    sections.register_action(person_actions)
    contacts_services.register_detail_panel(contact_panel)
    contacts_services.on_linked(link_hook)
    letters.register_advice(letter_advice)
    timeline.register_group("signposting", gettext_lazy("Signposting"), order=75, visible=_is_service_worker)
    timeline.register("signposting", [EventKind.SIGNPOSTED], _describe)
    support_services.register_detail_panel(plan_panel)
