"""A self-assessment on the carer's timeline, once a worker has started an assessment from it.

It arrives before anybody knows whose it is, so its "received" event has no person at first;
``services.start_assessment_from`` gives it the carer's record. Registered in
``SelfAssessmentConfig.ready()``, in the assessments' group of the timeline.
"""

from django.utils.translation import gettext as _

from carershub.activity.models import EventKind
from carershub.assessments.models import AssessmentSource
from carershub.core import reversing
from carershub.people.timeline import Entry
from carershub.selfassessment.models import SelfAssessment
from carershub.selfassessment.rules import REVIEW_SELF_ASSESSMENTS

KINDS = (EventKind.SELF_ASSESSMENT_RECEIVED,)
GROUP = "assessments"  # registered by the assessments app
LABEL = "selfassessment.selfassessment"


def describe(user, events) -> dict:
    """Who filled it in (the carer, or someone for them: never their name), and a link for its reviewers."""
    readable = set()
    if user.has_perm(REVIEW_SELF_ASSESSMENTS):
        pks = {e.object_id for e in events if e.object_type == LABEL and e.object_id is not None}
        if pks:
            readable = set(SelfAssessment.objects.visible_to(user).filter(pk__in=pks).values_list("pk", flat=True))
    found = {}
    for event in events:
        made_by = (event.data or {}).get("made_by")
        if made_by == AssessmentSource.ON_BEHALF:
            detail = _("Filled in for the carer by someone else")
        else:
            detail = _("Filled in by the carer")
        href = None
        if event.object_type == LABEL and event.object_id in readable:
            href = reversing.url("self_assessment:review", event.object_id)
        found[event.pk] = Entry(_("Self-assessment received"), detail, href)
    return found
