"""Erasing a person's record: what identifies them goes, the counting and the access log stay.

UK GDPR Article 17 (the right to erasure) and Article 5(1)(e) (storage limitation, acted on
through the retention review). The record is anonymised rather than deleted, because:

- every figure is counted from activity events (decision 6), which hold only categories (carer
  type, area, outcome), never what identifies anybody; they are not touched, so every figure
  and the CSV read the same after an erasure;
- the access log is append-only and holds the person's id, not a link (decision 7); it is not
  touched either, so who looked at the record stays accountable;
- other records (assessments, plans, contacts) point at the person and are protected from
  deletion; they keep their structured answers and dates, and lose their free text.

What goes: names, date of birth, NHS number, address, phone, email, communication needs,
equality answers, GP practice, school and employer; the free text of contacts, assessments,
support plans, plan actions and reviews; the health details of the person's caring
relationships (conditions and what was written about them, and when caring began); the
content of self-assessments linked to their assessments; notes on their data-rights requests
and the names of representatives; the files of documents on their record, and their titles,
descriptions and file names (documents/services.py; the kind, type, size and dates stay); the
text of case notes, tasks and alerts (casework/services.py; their kinds, dates and writers stay); what
was written about their short breaks, direct payments, contingency plan (its emergency contacts
deleted and a live emergency card cancelled), emergency call-outs, group bookings and waiting lists
(each part's ``erase_of``; amounts, dates and kinds stay, so ledgers still add up); why a care
arrangement ended and what a request for care at home said (issue 13). The
erasure itself is recorded (who, when, why, how many records changed) without any of it.

Not reached: what other people's records say about this person (a carer's assessment that
describes them as the cared-for person), and contacts never linked to the record. The page
says so, so the manager can deal with those separately.
"""

from django.db import transaction
from django.utils import timezone

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.assessments.models import Assessment
from carershub.casework import services as casework_services
from carershub.providers.arrangements import services as arrangement_services
from carershub.providers.matching import services as matching_services
from carershub.referrals import services as referral_services
from carershub.signposting import services as signposting_services
from carershub.support.breaks import services as breaks_services
from carershub.support.emergency import services as emergency_services
from carershub.support.groups import services as group_services
from carershub.support.payments import services as payment_services
from carershub.contacts.models import Contact
from carershub.core.errors import NotReady
from carershub.documents import services as document_services
from carershub.people.models import CaringRelationship, Person
from carershub.privacy.models import DataRightsRequest, ErasureRecord, RecordType, RetentionReviewItem, ReviewStatus
from carershub.selfassessment import services as self_assessment_services
from carershub.selfassessment.models import SelfAssessment
from carershub.support.models import PlanAction, Review, SupportPlan

PERSON_ERASED = EventKind.PERSON_ERASED
# What an erased record is called from then on: plain words, nothing from the person.
ERASED_GIVEN_NAME = "Erased"
ERASED_FAMILY_NAME = "record"

PERSON_EMPTIED = {
    "given_name": ERASED_GIVEN_NAME,
    "family_name": ERASED_FAMILY_NAME,
    "preferred_name": "",
    "date_of_birth": None,
    "nhs_number": None,
    "address_line_1": "",
    "address_line_2": "",
    "town": "",
    "postcode": "",
    "phone": "",
    "email": "",
    "preferred_contact_method": "",
    "communication_needs": "",
    "sex": "",
    "gender_same_as_sex": "",
    "ethnic_group": "",
    "religion": "",
    "sexual_orientation": "",
    "disability": "",
    "gp_practice": None,
    "school": None,
    "employer": "",
}
CONTACT_EMPTIED = {
    "caller_name": "",
    "caller_organisation": "",
    "given_name": "",
    "family_name": "",
    "date_of_birth": None,
    "postcode": "",
    "phone": "",
    "email": "",
    "cared_for_summary": "",
    "what_matters": "",
    "information_given": "",
    "signposted_to": "",
    "urgent_details": "",
}
# The assessment's free text: the answers a self-assessment fills, and who took part.
ASSESSMENT_TEXT = (*self_assessment_services.TEXT_ANSWERS, "participants")
RELATIONSHIP_EMPTIED = {"condition_groups": [], "conditions_detail": "", "caring_since": None}


def is_erased(person_pk) -> bool:
    return ErasureRecord.objects.filter(person_ref=person_pk).exists()


def _erase_assessments(person) -> int:
    assessments = list(Assessment.objects.filter(carer=person))
    for assessment in assessments:
        for name in ASSESSMENT_TEXT:
            setattr(assessment, name, "")
        # Keep how much caring affects each area of life (structured); drop what was written.
        assessment.wellbeing = {
            code: {**answer, "notes": ""} for code, answer in (assessment.wellbeing or {}).items()
        }
        assessment.save(update_fields=[*ASSESSMENT_TEXT, "wellbeing"])
    return len(assessments)


@transaction.atomic
def erase_person(person: Person, *, reason: str, actor, request: DataRightsRequest | None = None) -> ErasureRecord:
    """Anonymise ``person``'s record and everything that is theirs; record who did it, when and why."""
    if is_erased(person.pk):
        raise NotReady(["already_erased"])
    for name, value in PERSON_EMPTIED.items():
        setattr(person, name, value)
    person.version += 1
    person.save()  # save(), not update(): the search keys follow the new name
    changed = {
        "person": 1,
        "caring_relationships": (
            CaringRelationship.objects.filter(carer=person).update(**RELATIONSHIP_EMPTIED)
            + CaringRelationship.objects.filter(cared_for=person).update(**RELATIONSHIP_EMPTIED)
        ),
        "contacts": Contact.objects.filter(person=person).update(**CONTACT_EMPTIED),
        "assessments": _erase_assessments(person),
        "support_plans": SupportPlan.objects.filter(carer=person).update(outcomes=""),
        "plan_actions": PlanAction.objects.filter(plan__carer=person).update(description=""),
        "reviews": Review.objects.filter(plan__carer=person).update(notes=""),
        "data_rights_requests": DataRightsRequest.objects.filter(person_ref=person.pk).update(
            notes="", representative_name="", representative_capacity="", extension_reason=""
        ),
    }
    # Documents: the files are deleted (once this commits) and what was written about them blanked.
    changed["documents"] = document_services.erase_documents_of(person)
    # Case notes, tasks and alerts: what was written goes; kinds, dates and authors stay.
    changed.update(casework_services.erase_casework_of(person))
    # The support delivered (decision 30): what was written goes; amounts, dates and kinds stay, so
    # ledgers still add up. A live emergency card is cancelled, so a lost wallet opens nothing.
    changed.update(breaks_services.erase_of(person))
    changed.update(payment_services.erase_of(person))
    changed.update(emergency_services.erase_of(person))
    changed.update({f"groups_{key}": n for key, n in group_services.erase_of(person).items()})
    # The partnership (issue 11): referral reasons and outcomes, signposting notes; who, where and when stay.
    changed.update(referral_services.erase_of(person))
    changed.update(signposting_services.erase_of(person))
    # Care at home (issue 13): why an arrangement ended, what a request for care said; who, when and
    # how many hours stay, so the four-person rule and the provider mix still count.
    changed.update(arrangement_services.erase_of(person))
    changed.update(matching_services.erase_of(person))
    self_assessments = list(SelfAssessment.objects.filter(assessment__carer=person))
    for self_assessment in self_assessments:
        self_assessment_services.remove_content(self_assessment)
    changed["self_assessments"] = len(self_assessments)
    RetentionReviewItem.objects.filter(record_type=RecordType.PERSON, record_id=person.pk).update(
        status=ReviewStatus.REMOVED, decided_by=actor, decided_at=timezone.now(), decision_reason=reason
    )
    record = ErasureRecord.objects.create(
        person=person, person_ref=person.pk, erased_by=actor, reason=reason, request=request, changed=changed
    )
    # Counted like everything else; the event names nothing but the fact and the area it happened in.
    record_event(PERSON_ERASED, actor=actor, person=person, obj=record)
    return record
