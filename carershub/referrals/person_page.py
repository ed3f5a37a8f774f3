"""What referrals adds to a person's page: "What was shared" for the receiving organisation, the
referrals made for the carer for those who work with them, a "Refer" button, and its entries on the
timeline (people/sections.py and people/timeline.py own the page; referrals registers here)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.accounts.models import SERVICE_ROLES, Role
from carershub.activity.models import Event, EventKind
from carershub.core import reversing
from carershub.people import sections, timeline
from carershub.referrals import services, summary
from carershub.referrals.models import Referral
from carershub.referrals.rules import SEND_REFERRAL, VIEW_REFERRALS

KINDS = [
    EventKind.REFERRAL_SENT,
    EventKind.REFERRAL_RECEIVED,
    EventKind.REFERRAL_ACCEPTED,
    EventKind.REFERRAL_DECLINED,
    EventKind.REFERRAL_COMPLETED,
    EventKind.REFERRAL_WITHDRAWN,
]


# The section's rows, which the timeline's entries look in first.
NEWEST_REFERRALS = "referrals:newest"


def _works_as_service(user, person) -> bool:
    return user.has_role(*SERVICE_ROLES) and user.has_perm("people.change_person", person)


def section(user, person):
    if not hasattr(person, "carer") or not user.has_perm(VIEW_REFERRALS):
        return None
    if not _works_as_service(user, person):
        # A receiving organisation: only what its accepted referrals shared.
        referrals = sections.remembered(person, "referrals:shared", lambda: services.referral_for_shared_summary(user, person))
        if not referrals:
            return None
        return sections.Section(
            "referrals/_shared_section.jinja",
            {"parts": summary.build(person, referrals), "referrals": referrals, "person_pk": person.pk},
            order=15,
        )
    # The user works with the carer, so every referral of theirs is the user's to see (services.visible_to):
    # no second relationship test on the page.
    rows = sections.read_once(
        person,
        NEWEST_REFERRALS,
        lambda: list(
            Referral.objects.filter(person=person)
            .select_related("to_organisation", "from_organisation")
            .order_by("-sent_at")[:10]
        )
        if sections.holds(person, "referrals")
        else [],
    )
    return sections.Section("referrals/_person_section.jinja", {"rows": rows, "person_pk": person.pk}, order=48)


def actions(user, person):
    found = []
    if not hasattr(person, "carer"):
        return found
    if user.has_perm(SEND_REFERRAL, person):
        found.append(sections.Action(_("Refer to a partner"), reversing.url("referrals:new") + f"?person={person.pk}", order=60))
    if user.has_role(Role.PARTNER_WORKER) and user.has_perm("contacts.log_contact_with_carer", person):
        # A partner's own work with a carer shared with them: a session or a contact. The permission is
        # contacts' LOG_CONTACT_WITH_CARER, named by its string because contacts is a peer of this app.
        found.append(sections.Action(
            _("Log a session or contact"), reversing.url("contacts:new") + f"?person={person.pk}", order=10, primary=True
        ))
    return found


def _all_about_one_they_serve(user, events, referrals) -> bool:
    """Whether every referral is about the one person whose timeline this is, and the user works
    with them as a service: then each is the user's to see, by the rule the section above follows
    (services.visible_to: a service worker sees the referrals of the people they work with).

    Asking the database instead builds and runs the filter of every reason a council's worker may
    work with somebody: on a carer's page with referrals, about a quarter of the page's time. The
    person is the one the timeline gave its events (people/timeline.page_for); an event without
    it, or a referral about someone else, is asked about as before.
    """
    people = {_PERSON.get_cached_value(event, default=None) for event in events}
    if len(people) != 1:
        return False
    (person,) = people
    return (
        person is not None
        and all(referral.person_id == person.pk for referral in referrals.values())
        and _works_as_service(user, person)
    )


_PERSON = Event._meta.get_field("person")


def describe(user, events):
    # The section's newest referrals, where it read them; the rest by id (sections.already_read).
    person = _PERSON.get_cached_value(events[0], default=None) if events else None
    referrals = timeline.rows_for(
        events,
        Referral.objects.select_related("to_organisation"),
        read=sections.already_read(person, NEWEST_REFERRALS) if person is not None else None,
    )
    if not referrals:
        visible = set()
    elif _all_about_one_they_serve(user, events, referrals):
        visible = set(referrals)
    else:
        visible = set(services.visible_to(user).filter(pk__in=list(referrals)).values_list("pk", flat=True))
    titles = {
        EventKind.REFERRAL_SENT: gettext_lazy("Referred to %(organisation)s"),
        EventKind.REFERRAL_RECEIVED: gettext_lazy("Referral received by %(organisation)s"),
        EventKind.REFERRAL_ACCEPTED: gettext_lazy("Referral accepted by %(organisation)s"),
        EventKind.REFERRAL_DECLINED: gettext_lazy("Referral declined by %(organisation)s"),
        EventKind.REFERRAL_COMPLETED: gettext_lazy("Referral completed by %(organisation)s"),
        EventKind.REFERRAL_WITHDRAWN: gettext_lazy("Referral to %(organisation)s withdrawn"),
    }
    found = {}
    for event in events:
        referral = referrals.get(event.object_id)
        if referral is None:
            continue
        if referral.pk not in visible:
            found[event.pk] = timeline.HIDE
            continue
        found[event.pk] = timeline.Entry(
            title=str(titles[event.kind]) % {"organisation": referral.to_organisation.name},
            detail=referral.get_urgency_display(),
            href=reversing.url("referrals:detail", referral.pk),
        )
    return found


def _may_see(user) -> bool:
    return user.has_perm(VIEW_REFERRALS)


def register():
    sections.register(section)
    sections.register_holding("referrals", Referral)
    sections.register_action(actions)
    timeline.register_group("referrals", gettext_lazy("Referrals"), order=55, visible=_may_see)
    timeline.register("referrals", KINDS, describe)

