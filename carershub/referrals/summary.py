"""The shared summary: what a receiving organisation sees of a carer it accepted a referral for.

Only the parts the accepted referrals shared (``Referral.shared``), read here so the partner never
needs the record's other pages: contact details; the caring situation (who they care for, and the
cared-for person's health conditions only when that part was shared); what matters to them, in
their own words, from their contacts and their latest assessment; the outcomes of their support
plan. Contacts, assessments and plans belong to apps beside or above this one: their models are
reached through the person's relations (as people/relationships.py reaches assessments), never
imported, and only the few fields named here are read.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from carershub.people.models import CaringRelationship, Person
from carershub.referrals.models import SharedPart

CONTACTS_SHOWN = 5


@dataclass
class Part:
    code: str
    title: str
    rows: list = field(default_factory=list)  # (label, text) pairs, already translated
    empty: str = ""


def _related_model(name):
    return Person._meta.get_field(name).related_model


def shared_parts(referrals) -> set[str]:
    return {code for r in referrals for code in (r.shared or [])}


def build(person, referrals) -> list[Part]:
    """The parts shared by ``referrals`` (already checked to be open to the reader), in a fixed order."""
    codes = shared_parts(referrals)
    parts = []
    if SharedPart.CONTACT_DETAILS in codes:
        address = ", ".join(x for x in (person.address_line_1, person.address_line_2, person.town, person.postcode) if x)
        parts.append(Part(SharedPart.CONTACT_DETAILS, _("Contact details"), [
            (_("Address"), address or _("Not recorded")),
            (_("Phone"), person.phone or _("Not recorded")),
            (_("Email"), person.email or _("Not recorded")),
            (_("Preferred contact"), person.get_preferred_contact_method_display() or _("Not recorded")),
        ]))
    if SharedPart.CARING_SITUATION in codes or SharedPart.CARED_FOR_HEALTH in codes:
        health = SharedPart.CARED_FOR_HEALTH in codes
        rows = []
        for rel in CaringRelationship.objects.filter(carer=person).select_related("cared_for").order_by("pk"):
            text = rel.get_relationship_display()
            if rel.hours_per_week is not None:
                text += ", " + _("%(hours)s hours of care a week") % {"hours": rel.hours_per_week}
            elif rel.census_band:
                text += ", " + rel.get_census_band_display()
            if health:
                conditions = ", ".join(str(c) for c in rel.get_condition_groups_display()) or _("None recorded")
                text += ". " + _("Health: %(conditions)s") % {"conditions": conditions}
            rows.append((rel.cared_for.full_name, text))
        parts.append(Part(SharedPart.CARING_SITUATION, _("Caring situation"), rows, _("No cared-for person recorded.")))
    if SharedPart.WHAT_MATTERS in codes:
        rows = []
        contact = _related_model("contacts")
        for c in contact.objects.filter(person=person).exclude(what_matters="").order_by("-received_at")[:CONTACTS_SHOWN]:
            rows.append((_("Said on %(date)s") % {"date": c.received_at.strftime("%d/%m/%Y")}, c.what_matters))
        assessment = _related_model("assessments")
        latest = (
            assessment.objects.filter(carer=person, status="completed").exclude(outcomes_wanted="").order_by("-pk").first()
        )
        if latest is not None:
            rows.append((_("Outcomes they want (their assessment)"), latest.outcomes_wanted))
        parts.append(Part(SharedPart.WHAT_MATTERS, _("What matters to them"), rows, _("Nothing recorded yet.")))
    if SharedPart.PLAN_OUTCOMES in codes:
        plan = _related_model("support_plans")
        agreed = plan.objects.filter(carer=person, status="agreed").order_by("-plan_version").first()
        rows = [(_("Outcomes of their support plan"), agreed.outcomes)] if agreed is not None else []
        parts.append(Part(SharedPart.PLAN_OUTCOMES, _("Support plan outcomes"), rows, _("No support plan agreed.")))
    return parts
