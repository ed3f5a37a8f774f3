"""Assessments on the person page: started, submitted, decided and completed on the timeline, and
the open assessment at a glance. Registered in ``AssessmentsConfig.ready()``."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from carershub.activity.models import EventKind
from carershub.assessments.models import Assessment
from carershub.assessments.rules import VIEW_ASSESSMENT
from carershub.assessments.services import NEWEST_READ, open_for
from carershub.core import reversing
from carershub.people import timeline
from carershub.people.sections import Glance, already_read
from carershub.people.timeline import Entry

KINDS = (
    EventKind.ASSESSMENT_STARTED,
    EventKind.ASSESSMENT_SUBMITTED,
    EventKind.ASSESSMENT_DECIDED,
    EventKind.ASSESSMENT_COMPLETED,
)
OPEN_SHOWN = 3


def may_see(user) -> bool:
    """Assessments are the service's: a partner worker who sees a carer under consent does not see them."""
    return user.has_perm(VIEW_ASSESSMENT)


def _outcome(eligible) -> str:
    if eligible is True:
        return _("eligible needs")
    if eligible is False:
        return _("no eligible needs")
    return ""


def describe(user, events) -> dict:
    person = events[0].person
    # Only this person's: an assessment's page checks access again when it is opened. The newest ten,
    # if the page read them for its glance and section, need no query of their own.
    assessments = timeline.rows_for(
        events, Assessment.objects.filter(carer_id=person.pk), read=already_read(person, NEWEST_READ)
    )
    found = {}
    for event in events:
        assessment = assessments.get(event.object_id) if event.object_type == "assessments.assessment" else None
        if assessment is None:
            continue
        kind_of = assessment.get_assessment_type_display()
        eligible = (event.data or {}).get("eligible")
        if event.kind == EventKind.ASSESSMENT_STARTED:
            title, detail = _("Assessment started: %(type)s") % {"type": kind_of}, ""
        elif event.kind == EventKind.ASSESSMENT_SUBMITTED:
            title, detail = _("Assessment submitted for a decision"), kind_of
        elif event.kind == EventKind.ASSESSMENT_DECIDED:
            title = _("Eligibility decided")
            if eligible is not None:
                title = _("Eligibility decided: %(outcome)s") % {"outcome": _outcome(eligible)}
            detail = kind_of
        else:
            title, detail = _("Assessment completed"), kind_of
        found[event.pk] = Entry(title, detail, reversing.url("assessments:detail", assessment.pk))
    return found


def glances(user, person):
    """The open assessment (not completed yet), or that there is none, for a carer."""
    if not (may_see(user) and hasattr(person, "carer")):
        return []
    open_ones = open_for(person, OPEN_SHOWN)
    if not open_ones:
        return [Glance(_("Open assessment"), _("None open"), order=20)]
    return [
        Glance(
            _("Open assessment"),
            _("%(type)s, started %(date)s: %(status)s")
            % {
                "type": a.get_assessment_type_display(),
                "date": formats.date_format(timezone.localtime(a.started_at), "j F Y"),
                "status": a.get_status_display(),
            },
            href=reversing.url("assessments:detail", a.pk),
            order=20,
        )
        for a in open_ones
    ]
