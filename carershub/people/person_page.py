"""What ``people`` itself puts on the person page: its timeline entries, the case worker, a button.

Registered in ``PeopleConfig.ready()`` with the same registries other apps use
(``people.timeline``, ``people.sections``), so people's own parts follow the same rules.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.translation import gettext as _

from carershub.activity.models import EventKind
from carershub.core import reversing
from carershub.people import choices, sections, services, timeline
from carershub.people.models import CarerProfile, Consent, Person
from carershub.people.rules import CHANGE_PERSON
from carershub.people.sections import Action, Glance
from carershub.people.timeline import Entry

RECORD_KINDS = (
    EventKind.PERSON_CREATED,
    EventKind.PERSON_CHANGED,
    EventKind.CARER_IDENTIFIED,
    EventKind.CARER_CHANGED,
    EventKind.CARING_ADDED,
    EventKind.CARING_CHANGED,
)
CONSENT_KINDS = (EventKind.CONSENT_GIVEN, EventKind.CONSENT_WITHDRAWN)
CONSENTS_READ = "people_consents"  # the page's consents, kept for the timeline (sections.read_once)


def _field_labels(model, names) -> str:
    """The changed fields' names as the forms say them ("phone, postcode"); never their values."""
    labels = []
    for name in names or ():
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            continue
    return ", ".join(labels)


def _choice(choice_class, value) -> str:
    return str(dict(choice_class.choices).get(value, "")) if value else ""


def describe_record(user, events) -> dict:
    """The record and the caring: created, changed, identified as a carer, a cared-for person added."""
    person = events[0].person
    # The person page has read their caring relationships already (people.services.relationships_of).
    cares_for, _cared_for_by = services.relationships_of(person)
    relationships = {r.pk: r for r in cares_for}
    may_see_fields = user.has_perm(CHANGE_PERSON, person)
    found = {}
    for event in events:
        data = event.data or {}
        if event.kind == EventKind.PERSON_CREATED:
            found[event.pk] = Entry(str(event.get_kind_display()))
        elif event.kind == EventKind.PERSON_CHANGED:
            detail = _field_labels(Person, data.get("fields")) if may_see_fields else ""
            found[event.pk] = Entry(
                str(event.get_kind_display()), _("Changed: %(fields)s") % {"fields": detail} if detail else ""
            )
        elif event.kind == EventKind.CARER_CHANGED:
            detail = _field_labels(CarerProfile, data.get("fields")) if may_see_fields else ""
            found[event.pk] = Entry(
                str(event.get_kind_display()), _("Changed: %(fields)s") % {"fields": detail} if detail else ""
            )
        elif event.kind == EventKind.CARER_IDENTIFIED:
            parts = [_choice(choices.CarerType, data.get("carer_type"))]
            if data.get("self_assessment_id"):
                parts.append(_("from a self-assessment"))
            elif data.get("contact_id"):
                parts.append(_("from a contact"))
            found[event.pk] = Entry(str(event.get_kind_display()), ", ".join(p for p in parts if p))
        elif event.kind in (EventKind.CARING_ADDED, EventKind.CARING_CHANGED):
            found[event.pk] = _caring_entry(event, relationships)
    return found


def _caring_entry(event, relationships) -> Entry:
    added = event.kind == EventKind.CARING_ADDED
    relationship = relationships.get(event.object_id) if event.object_type == "people.caringrelationship" else None
    if relationship is None:
        detail = _choice(choices.Relationship, (event.data or {}).get("relationship"))
        return Entry(_("Cared-for person added") if added else _("Caring relationship changed"), detail)
    cared_for = relationship.cared_for
    # Their name and who they are to the carer, as the Caring part of the record shows any viewer;
    # never their health, which is theirs (people/relationships.py). No link: the Caring part of
    # the record links to them for those who may open their record.
    title = (
        _("Cared-for person added: %(name)s") if added else _("Caring relationship changed: %(name)s")
    ) % {"name": cared_for.full_name}
    return Entry(title, relationship.get_relationship_display(), others=(cared_for.pk,))


def describe_consent(user, events) -> dict:
    """Consent to share given or withdrawn, naming the organisation and the purpose."""
    person = events[0].person
    consents = timeline.rows_for(
        events,
        Consent.objects.filter(person_id=person.pk).select_related("organisation"),
        read=sections.already_read(person, CONSENTS_READ),
    )
    found = {}
    for event in events:
        consent = consents.get(event.object_id) if event.object_type == "people.consent" else None
        if consent is None:
            continue
        given = event.kind == EventKind.CONSENT_GIVEN
        if given:
            title = _("Consent to share given: %(organisation)s") % {"organisation": consent.organisation.name}
        else:
            title = _("Consent to share withdrawn: %(organisation)s") % {"organisation": consent.organisation.name}
        detail = consent.get_purpose_display()
        if given and consent.expires_on:
            detail = _("%(purpose)s, until %(date)s") % {
                "purpose": detail,
                "date": formats.date_format(consent.expires_on, "j F Y"),
            }
        found[event.pk] = Entry(title, detail)
    return found


def glances(user, person):
    """The case worker, for a carer."""
    if not hasattr(person, "carer"):
        return []
    worker = person.carer.case_worker
    return [
        Glance(
            _("Case worker"),
            (worker.get_full_name() or worker.username) if worker else _("Not allocated"),
            order=10,
        )
    ]


def actions(user, person):
    if hasattr(person, "carer") and user.has_perm(CHANGE_PERSON, person):
        return [Action(_("Add a cared-for person"), reversing.url("people:add_cared_for", person.pk), order=20)]
    return []
