"""Giving the carer their decision letter and a copy of their assessment record: each copy given is an
``AssessmentCopy`` and an activity event, written in one transaction.

The law, as far as it was checked for this module:

* England, adult carers: the Care Act 2014 s12(3)-(4) requires the council to give the carer a
  written record of the carer's assessment, and a copy to anyone else the carer asks it to give one
  to. This is the section the issue cites; the section's text itself could not be retrieved when
  this was written (the Act's explanatory notes on s12 were read: they describe the regulations
  under s12(1)-(2), not the copy). The Care and Support (Assessment) Regulations 2014 (SI 2014/2827)
  reg. 3 was read (information about the assessment process before it, in an accessible format);
  no regulation about the copy itself was found there. Not verified: the words of s12(3)-(4).
* England, decisions: Care Act 2014 s13(2) (a written record of the eligibility determination and
  its reasons) and s13(5) (written advice and information where needs are not eligible). Not
  re-read here: they are relied on as ``eligibility.england`` quotes them.
* Wales: SSWA 2014 s24 (the carer's needs assessment) was read in its enacted text: s24(1) and (4)
  (able and willing, the outcomes wanted, for a child carer those of the people with parental
  responsibility). The record and who gets a copy are set by regulations under s30 (the Care and
  Support (Assessment) (Wales) Regulations 2015) and the Part 3 code of practice; neither's words on
  the copy were found, so the Welsh copy is given on the same footing as the English one, to the
  carer or someone they ask. For comparison, the Care and Support (Care Planning) (Wales)
  Regulations 2015 (SI 2015/1335) reg. 8 (read) gives copies of a support plan to the carer, anyone
  authorised to act for them and, for a child carer, those with parental responsibility.
* A letter is not issued before the decision is signed off where the council requires sign-off
  (``Organisation.assessment_sign_off_required``): the service's own rule, not the law's.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.assessments import letters
from carershub.assessments.models import (
    Assessment,
    AssessmentCopy,
    AssessmentStatus,
    CopyDocument,
    CopyMethod,
    CopyRecipient,
)
from carershub.assessments.rules import GIVE_ASSESSMENT_COPY
from carershub.core.errors import NotReady, describe_problems

PROBLEMS = {
    "no_decision": _("there is no decision to write to the carer about yet"),
    "not_signed_off": _("the decision has not been signed off yet, and this council requires sign-off before a letter goes out"),
    "future": _("the date it was given cannot be in the future"),
    "before_decision": _("the date it was given cannot be before the decision was made"),
    "before_start": _("the date it was given cannot be before the assessment started"),
    "name_needed": _("give the name of the person the carer asked us to give it to"),
}


def letter_problems(assessment: Assessment) -> list[str]:
    """Why the decision letter may not be issued yet (codes of PROBLEMS); [] when it may."""
    if not letters.is_decided(assessment):
        return ["no_decision"]
    if assessment.status != AssessmentStatus.COMPLETED:
        # Decided and waiting: only a council that requires sign-off leaves a decision here.
        return ["not_signed_off"]
    return []


def decided_on(assessment: Assessment) -> datetime.date | None:
    return timezone.localdate(assessment.decided_at) if assessment.decided_at else None


def date_problems(assessment: Assessment, given_on: datetime.date, document: str) -> list[str]:
    if given_on > timezone.localdate():
        return ["future"]
    if document == CopyDocument.DECISION_LETTER:
        decided = decided_on(assessment)
        if decided is not None and given_on < decided:
            return ["before_decision"]
    elif given_on < timezone.localdate(assessment.started_at):
        return ["before_start"]
    return []


def _locked(assessment: Assessment) -> Assessment:
    # Read the assessment again in this transaction (locked on PostgreSQL), so a decision returned to
    # the assessor at the same moment is not issued.
    # Only the assessment's row is locked: PostgreSQL cannot lock the nullable side of an outer join.
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("carer", "assessing_organisation__area")
        .get(pk=assessment.pk)
    )


def _event_data(assessment: Assessment, copy: AssessmentCopy) -> dict:
    return {
        "assessment_type": assessment.assessment_type,
        "nation": assessment.nation,
        "framework": assessment.framework or None,
        "document": copy.document,
        "recipient": copy.recipient,
        "method": copy.method,
        "given_on": copy.given_on.isoformat(),
    }


@transaction.atomic
def issue_letter(assessment: Assessment, *, method: str, given_on: datetime.date, actor) -> AssessmentCopy:
    """Record that the decision letter went to the carer (how and when), with its event.

    Raises NotReady (codes of PROBLEMS) before there is a decision, before a required sign-off,
    or with a date in the future or before the decision.
    """
    current = _locked(assessment)
    problems = letter_problems(current) or date_problems(current, given_on, CopyDocument.DECISION_LETTER)
    if problems:
        raise NotReady(problems)
    copy = AssessmentCopy.objects.create(
        assessment=current,
        document=CopyDocument.DECISION_LETTER,
        recipient=CopyRecipient.CARER,
        method=CopyMethod(method),
        given_on=given_on,
        given_by=actor,
    )
    record_event(
        EventKind.ASSESSMENT_LETTER_ISSUED,
        actor=actor,
        person=current.carer,
        obj=current,
        data=_event_data(current, copy),
    )
    return copy


@transaction.atomic
def give_record(
    assessment: Assessment, *, recipient: str, method: str, given_on: datetime.date, actor, recipient_name: str = ""
) -> AssessmentCopy:
    """Record that a copy of the assessment record was given to the carer, or to someone they asked
    (whose name is then required), how and when, with its event."""
    current = _locked(assessment)
    recipient = CopyRecipient(recipient)
    name = (recipient_name or "").strip() if recipient == CopyRecipient.SOMEONE_ASKED else ""
    problems = date_problems(current, given_on, CopyDocument.ASSESSMENT_RECORD)
    if recipient == CopyRecipient.SOMEONE_ASKED and not name:
        problems.append("name_needed")
    if problems:
        raise NotReady(problems)
    copy = AssessmentCopy.objects.create(
        assessment=current,
        document=CopyDocument.ASSESSMENT_RECORD,
        recipient=recipient,
        recipient_name=name,
        method=CopyMethod(method),
        given_on=given_on,
        given_by=actor,
    )
    # The event says to whom in kind only: the name of the person asked stays on the copy.
    record_event(
        EventKind.ASSESSMENT_RECORD_GIVEN,
        actor=actor,
        person=current.carer,
        obj=current,
        data=_event_data(current, copy),
    )
    return copy


def copies_given(assessment: Assessment):
    return assessment.copies.select_related("given_by").order_by("given_on", "created_at")


def copies_context(user, assessment: Assessment) -> dict:
    """What assessments/_copies.jinja needs on the assessment page, as ``copies_info``."""
    problems = letter_problems(assessment)
    return {
        "copies": list(copies_given(assessment)),
        "can_give": user.has_perm(GIVE_ASSESSMENT_COPY, assessment),
        "has_decision": letters.is_decided(assessment),
        "letter_problems": problems,
        "letter_problem_text": describe_problems(problems, PROBLEMS),
    }
