"""What casework pages need worked out: the things on a record a note can be about."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class NoteLinks:
    choices: list = field(default_factory=list)
    objects: dict = field(default_factory=dict)

    def objects_for(self, key: str) -> dict:
        """The keyword (contact, assessment or plan) and the object a chosen link names."""
        if not key or key not in self.objects:
            return {}
        return dict([self.objects[key]])


def note_links(person, limit: int = 10) -> NoteLinks:
    """The person's recent contacts, assessments and plans, newest first, as choices."""
    from carershub.assessments.models import Assessment
    from carershub.support.models import SupportPlan

    links = NoteLinks()
    for contact in person.contacts.order_by("-received_at")[:limit]:
        key = f"contact:{contact.pk}"
        links.choices.append((key, _("Contact on %(date)s (%(channel)s)") % {"date": contact.received_at.strftime("%d/%m/%Y"), "channel": contact.get_channel_display()}))
        links.objects[key] = ("contact", contact)
    for assessment in Assessment.objects.filter(carer=person).order_by("-started_at")[:limit]:
        key = f"assessment:{assessment.pk}"
        links.choices.append((key, _("%(type)s started %(date)s") % {"type": assessment.get_assessment_type_display(), "date": assessment.started_at.strftime("%d/%m/%Y")}))
        links.objects[key] = ("assessment", assessment)
    for plan in SupportPlan.objects.filter(carer=person).order_by("-plan_version")[:limit]:
        key = f"plan:{plan.pk}"
        links.choices.append((key, _("Support plan version %(number)s (%(status)s)") % {"number": plan.plan_version, "status": plan.get_status_display()}))
        links.objects[key] = ("plan", plan)
    return links
