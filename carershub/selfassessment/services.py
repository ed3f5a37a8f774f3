"""Self-assessments: receiving what a carer sends in, and turning it into a draft assessment.

Each operation is one transaction and leaves activity events, like the other services.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from carershub.activity.models import Event, EventKind
from carershub.activity.services import record_event
from carershub.assessments import services as assessment_services
from carershub.assessments import wellbeing
from carershub.assessments.models import Assessment, AssessmentSource
from carershub.core.errors import NotReady
from carershub.core.locking import update_if
from carershub.core.workqueues import Shortcut, WorkQueue
from carershub.partnership.models import Organisation
from carershub.people import caring
from carershub.people import services as people_services
from carershub.people.models import Person
from carershub.selfassessment.models import SelfAssessment
from carershub.selfassessment.rules import REVIEW_SELF_ASSESSMENTS

# No 0/O, 1/I/L: a reference read out over the phone should not be misheard.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

# The answers a self-assessment holds, named as the Assessment fields they are copied into.
TEXT_ANSWERS = (
    "caring_role",
    "cared_for_needs",
    "future_caring",
    "outcomes_wanted",
    "work_education_leisure",
    "carer_views",
)
CHOICE_ANSWERS = ("able_to_care", "willing_to_care")

# The activity event of a discarded submission.
SELF_ASSESSMENT_DISCARDED = EventKind.SELF_ASSESSMENT_DISCARDED


def new_reference() -> str:
    while True:
        code = get_random_string(8, REFERENCE_ALPHABET)
        reference = f"{code[:4]}-{code[4:]}"
        if not SelfAssessment.objects.filter(reference=reference).exists():
            return reference


@transaction.atomic
def receive(*, details: dict, answers: dict, area, made_by: str, helper_name: str = "") -> SelfAssessment:
    """Keep what the carer sent, as typed, and count it. ``details`` holds the identifying fields."""
    self_assessment = SelfAssessment.objects.create(
        made_by=made_by,
        helper_name=helper_name if made_by == AssessmentSource.ON_BEHALF else "",
        given_name=details["given_name"],
        family_name=details["family_name"],
        date_of_birth=details["date_of_birth"],
        postcode=details["postcode"],
        email=details.get("email", ""),
        phone=details.get("phone", ""),
        area=area,
        reference=new_reference(),
        answers={"nation": area.nation, **answers},
    )
    carer_type = caring.derive_carer_type(self_assessment.date_of_birth, timezone.localdate())
    event = record_event(
        EventKind.SELF_ASSESSMENT_RECEIVED,
        actor=None,
        obj=self_assessment,
        # Categories only: an event never holds what identifies a person.
        data={"nation": area.nation, "made_by": made_by, "carer_type": carer_type},
    )
    # There is no person yet, so the area comes from the one the carer chose.
    Event.objects.filter(pk=event.pk).update(area=area)
    return self_assessment


def awaiting_review(user):
    """Self-assessments this user may review that nobody has started an assessment from yet, oldest first."""
    return (
        SelfAssessment.objects.visible_to(user)
        .filter(assessment__isnull=True, discarded_at__isnull=True)
        .select_related("area")
        .order_by("submitted_at", "pk")
    )


def remove_content(self_assessment: SelfAssessment) -> None:
    """Empty what was sent: names, contact details and answers. When, where and the reference stay.

    Used for junk, and by the privacy app when a carer's record is erased or a submission has
    been kept as long as the retention schedule allows (UK GDPR Art 5(1)(c) and (e)).
    """
    emptied = {
        "helper_name": "",
        "given_name": "",
        "family_name": "",
        "date_of_birth": None,
        "postcode": "",
        "email": "",
        "phone": "",
        # The nation only: it says which well-being list the (now empty) answers followed.
        "answers": {"nation": (self_assessment.answers or {}).get("nation")},
        "content_removed_at": timezone.now(),
    }
    SelfAssessment.objects.filter(pk=self_assessment.pk).update(**emptied)
    for name, value in emptied.items():
        setattr(self_assessment, name, value)


@transaction.atomic
def discard(self_assessment: SelfAssessment, *, reason: str, actor) -> SelfAssessment:
    """Discard junk a reviewer found in the queue: the content goes; who, when and why stay, and it is counted.

    Raises NotReady if an assessment was started from it, and StaleRecordError (changing nothing)
    if somebody else started one or discarded it while this reviewer was deciding.
    """
    if self_assessment.assessment_id:
        raise NotReady(["already_started"])
    now = timezone.now()
    update_if(
        SelfAssessment,
        self_assessment.pk,
        expect={"assessment__isnull": True, "discarded_at__isnull": True},
        discarded_at=now,
        discarded_by=actor,
        discard_reason=reason,
    )
    self_assessment.discarded_at, self_assessment.discarded_by, self_assessment.discard_reason = now, actor, reason
    nation = (self_assessment.answers or {}).get("nation")
    remove_content(self_assessment)
    event = record_event(SELF_ASSESSMENT_DISCARDED, actor=actor, obj=self_assessment, data={"nation": nation})
    # As when it arrived: no person, so the area is the one the sender chose.
    Event.objects.filter(pk=event.pk).update(area_id=self_assessment.area_id)
    return self_assessment


def councils_for(self_assessment: SelfAssessment):
    """Active councils that can assess a carer in the chosen area (normally exactly one)."""
    if self_assessment.area_id is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=Organisation.Kind.COUNCIL, is_active=True, area_id=self_assessment.area_id
    ).select_related("area")


def identifying_details(self_assessment: SelfAssessment) -> dict:
    """What the carer gave that identifies them, in the form the duplicate check takes."""
    return {
        "given_name": self_assessment.given_name,
        "family_name": self_assessment.family_name,
        "date_of_birth": self_assessment.date_of_birth,
        "postcode": self_assessment.postcode or None,
    }


def _participants(self_assessment: SelfAssessment) -> str:
    day = formats.date_format(timezone.localtime(self_assessment.submitted_at), "j F Y")
    if self_assessment.made_by == AssessmentSource.ON_BEHALF:
        return _("Self-assessment sent in on %(date)s, filled in for the carer by %(name)s") % {
            "date": day,
            "name": self_assessment.helper_name or _("someone helping them"),
        }
    return _("Self-assessment sent in by the carer on %(date)s") % {"date": day}


def copy_answers(self_assessment: SelfAssessment, assessment: Assessment) -> list[str]:
    """Put the carer's answers into the assessment's fields; returns the names of the fields filled.

    Well-being areas are the law's for the assessment's nation. If the carer answered under the
    other nation's list, areas both lists share are kept and the rest go, word for word, into
    the carer's views, so nothing the carer wrote is lost or has to be typed again.
    """
    answers = self_assessment.answers or {}
    filled = []
    for name in TEXT_ANSWERS:
        value = (answers.get(name) or "").strip()
        if value:
            setattr(assessment, name, value)
            filled.append(name)
    for name in CHOICE_ANSWERS:
        value = answers.get(name) or ""
        if value in {"yes", "partly", "no"}:
            setattr(assessment, name, value)
            filled.append(name)
    given = answers.get("wellbeing") or {}
    areas = wellbeing.AREAS_BY_NATION.get(assessment.nation, {})
    kept = {
        code: answer
        for code, answer in given.items()
        if code in areas and answer.get("impact") in wellbeing.IMPACT_LEVELS
    }
    if kept:
        assessment.wellbeing = kept
        filled.append("wellbeing")
    other_nation = wellbeing.AREAS_BY_NATION.get(answers.get("nation"), {})
    left_over = []
    for code, answer in given.items():
        if code in kept:
            continue
        label = _(other_nation[code]) if code in other_nation else code
        impact = wellbeing.IMPACT_LEVELS.get(answer.get("impact"))
        line = f"{label}: {_(impact)}" if impact else label
        left_over.append(f"{line}. {answer['notes']}" if answer.get("notes") else line)
    if left_over:
        heading = _("What the carer said about their well-being in the self-assessment:")
        assessment.carer_views = "\n\n".join(filter(None, [assessment.carer_views, heading, "\n".join(left_over)]))
        if "carer_views" not in filled:
            filled.append("carer_views")
    assessment.participants = _participants(self_assessment)
    filled.append("participants")
    return filled


@transaction.atomic
def start_assessment_from(self_assessment: SelfAssessment, *, carer: Person | None, organisation, actor) -> Assessment:
    """Start a draft assessment holding the carer's answers, for an existing carer or a new record.

    Raises StaleRecordError (and changes nothing) if somebody else started one from this
    self-assessment first.
    """
    identified_from = {"self_assessment_id": self_assessment.pk}
    if carer is None:
        carer = people_services.create_carer(
            Person(
                given_name=self_assessment.given_name,
                family_name=self_assessment.family_name,
                date_of_birth=self_assessment.date_of_birth,
                postcode=self_assessment.postcode,
                email=self_assessment.email,
                phone=self_assessment.phone,
                area=self_assessment.area,
            ),
            actor=actor,
            identified_from=identified_from,
        )
    elif not hasattr(carer, "carer"):
        people_services.identify_as_carer(carer, actor=actor, identified_from=identified_from)
    assessment = assessment_services.start_assessment(
        carer=carer,
        assessment_type=assessment_services.default_type_for(carer),
        organisation=organisation,
        actor=actor,
        source=self_assessment.made_by,
    )
    copy_answers(self_assessment, assessment)
    assessment_services.save_draft(assessment, expected_version=assessment.version, actor=actor)
    # Only link a self-assessment still unlinked: two workers cannot both start from it.
    update_if(SelfAssessment, self_assessment.pk, expect={"assessment__isnull": True}, assessment=assessment)
    self_assessment.assessment = assessment
    # It is now known whose it is: its "received" event joins the carer's record, so their timeline
    # shows it when it arrived. Only the person changes; the area it was counted in stays.
    Event.objects.filter(
        kind=EventKind.SELF_ASSESSMENT_RECEIVED,
        object_type=SelfAssessment._meta.label_lower,
        object_id=self_assessment.pk,
        person__isnull=True,
    ).update(person=carer)
    return assessment


def home_items(user):
    items = [Shortcut(reverse("self_assessment:start"), _("The carers' self-assessment form (public)"), order=50)]
    if user.has_perm(REVIEW_SELF_ASSESSMENTS):
        items.append(
            WorkQueue(reverse("self_assessment:queue"), _("Self-assessments to review"), awaiting_review(user).count(), order=40)
        )
    return items
