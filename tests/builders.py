"""Builders for the states many tests start from, made through the service's own operations.

Plain functions, so a test's setup reads as the steps a worker took:

    assessment = completed_assessment(carer, actor=worker, organisation=council, eligible=False)
    plan = agreed_plan(assessment, actor=worker, review_date=today + timedelta(days=10))

Each goes through ``carershub.assessments.services`` and ``carershub.support.services``, so
the records, versions and activity events are the ones the service itself would leave. Where a
test needs a state no operation can reach directly (a completion months ago, a review date that
has passed), the builder reaches it the real way first and then moves the date, and says so.

The other shared states are fixtures in ``tests/conftest.py``: a signed-in client of a role is
``client_for(role)``, a carer ``make_carer()``, consent ``make_consent()`` and a contact
``make_contact()``.
"""

from datetime import timedelta

from django.utils import timezone

from carershub.accounts.models import Role, StaffRole, User
from carershub.assessments import services as assessment_services
from carershub.assessments.eligibility import (
    OUTCOMES_BY_NATION,
    Ability,
    CaredFor,
    CarerNeedsAnswers,
    Nation,
    OthersHelp,
    OutcomeAnswer,
)
from carershub.assessments.eligibility import matters as required_matters
from carershub.assessments.models import Assessment, AssessmentStatus, AssessmentType
from carershub.people import choices
from carershub.people.models import Consent
from carershub.referrals import flow
from carershub.referrals import services as referral_services
from carershub.referrals.models import SharedPart
from carershub.support import services as support_services
from carershub.support.models import PlanAction, SupportPlan


def needs_answers(nation, *, eligible: bool) -> dict:
    """Eligibility answers, as an assessment stores them, that decide as ``eligible`` says.

    Eligible: the carer cannot manage the first outcome (England) or matter (Wales) at all and, in
    Wales, nobody else can meet it. Not eligible: they manage every one on their own.
    """
    nation = Nation(nation)

    def cannot(code):
        return OutcomeAnswer(
            code,
            achievable=Ability.NO,
            others_or_community_can_meet=False,
            others_or_community=OthersHelp.NO,
            personal_outcomes_unlikely_without_council=True,
        )

    outcomes = tuple(
        cannot(code) if eligible and i == 0 else OutcomeAnswer(code, Ability.YES)
        for i, code in enumerate(OUTCOMES_BY_NATION[nation])
    )
    england = {}
    if nation is Nation.ENGLAND:
        england = {
            "provides_necessary_care": True,
            "health_deteriorating_or_at_risk": False,
            "significant_impact_on_wellbeing": True,
        }
    return CarerNeedsAnswers(
        nation=nation,
        cared_for=CaredFor.ADULT,
        needs_arise_from_providing_care=True,
        outcomes=outcomes,
        needs_fluctuate=False,
        **england,
    ).to_dict()


def record_every_matter(assessment: Assessment) -> Assessment:
    """Answer every matter the assessment's framework requires that is still blank (not saved)."""
    for matter in required_matters.matters_for(assessment.nation, assessment.framework):
        if matter.field is not None:
            if not getattr(assessment, matter.field):
                value = "yes" if matter.kind == "choice" else "Recorded with the carer"
                if matter.field == "wellbeing":
                    value = {"health": {"impact": "significant", "notes": ""}}
                setattr(assessment, matter.field, value)
        elif not required_matters.answered(matter, (assessment.matters or {}).get(matter.code)):
            answer = True if matter.kind == "yes_no" else "Recorded with the carer"
            assessment.matters = {**(assessment.matters or {}), matter.code: {"answer": answer, "does_not_apply": False}}
    return assessment


def completed_assessment(
    carer, *, actor, organisation, eligible=True, assessment_type=AssessmentType.CARER, days_ago=0
) -> Assessment:
    """An assessment taken through the real steps: started, filled in, submitted and decided.

    The law applied is that of ``organisation``'s nation (England or Wales), as when a worker
    starts one; the organisation must not require a manager's sign-off, so the decision completes
    it. The first contact about the carer, if any, is the one time from contact is counted from.
    ``days_ago`` moves the completion date back afterwards (its activity events keep today's date).
    """
    assessment = assessment_services.start_assessment(
        carer=carer, assessment_type=assessment_type, organisation=organisation, actor=actor
    )
    assessment.caring_role = "Cares for her father every evening and overnight"
    assessment.able_to_care = "partly"
    assessment.willing_to_care = "yes"
    assessment.outcomes_wanted = "To sleep through the night twice a week"
    assessment.carer_views = "I love him but I am exhausted"
    assessment.wellbeing = {"health": {"impact": "significant", "notes": ""}}
    assessment.eligibility_answers = needs_answers(assessment.nation, eligible=eligible)
    record_every_matter(assessment)
    assessment.save()
    assessment_services.submit(assessment, expected_version=assessment.version, actor=actor)
    assessment_services.decide(
        assessment,
        expected_version=assessment.version,
        actor=actor,
        determination=assessment_services.agreeing_with_proposal(assessment),
    )
    assert assessment.status == AssessmentStatus.COMPLETED and assessment.eligible is eligible
    if days_ago:
        when = timezone.now() - timedelta(days=days_ago)
        Assessment.objects.filter(pk=assessment.pk).update(completed_at=when)
        assessment.completed_at = when
    return assessment


def draft_plan(
    assessment,
    *,
    actor,
    review_date=None,
    outcomes="A break every week",
    support_options=("short_breaks",),
    personal_budget=None,
    actions=(("Book the sitting service", PlanAction.Who.COUNCIL),),
) -> SupportPlan:
    """A draft support plan resting on a completed assessment, as the next version of the carer's plan.

    ``review_date`` defaults to a year from today; ``actions`` are (description, who) pairs.
    """
    return support_services.create_plan(
        assessment,
        data={
            "outcomes": outcomes,
            "support_options": list(support_options),
            "personal_budget": personal_budget,
            "review_date": review_date or support_services.default_review_date(),
        },
        actions=[{"description": description, "who": who} for description, who in actions],
        actor=actor,
    )


def agreed_plan(assessment, *, actor, review_date=None, **content) -> SupportPlan:
    """A support plan agreed by ``actor``, now in force, due for review on ``review_date``.

    A plan cannot be agreed with a review date today or already past, so for a plan due today or
    overdue the date is moved after agreeing, as if that time had gone by. ``content`` is as for
    ``draft_plan``.
    """
    future = review_date is not None and review_date > timezone.localdate()
    plan = draft_plan(assessment, actor=actor, review_date=review_date if future else None, **content)
    support_services.agree(plan, expected_version=plan.version, actor=actor)
    if review_date is not None and not future:
        SupportPlan.objects.filter(pk=plan.pk).update(review_date=review_date)
    plan.refresh_from_db()
    return plan


def stored_document(person, *, actor, content=None, name="consent.pdf", **fields):
    """A document on ``person``'s record, added as the upload form adds one (checked, scanned, stored).

    The file goes to the test's own document folder (tests/conftest.py); by default a small PDF.
    """
    from carershub.documents import samples
    from carershub.documents import services as document_services
    from carershub.documents.models import DocumentKind

    if content is None:
        content = samples.pdf(["Consent to share information", f"{person.full_name} (synthetic test data)"])
    fields.setdefault("kind", DocumentKind.SIGNED_CONSENT)
    fields.setdefault("title", "Signed consent form")
    return document_services.attach(person, content, name, actor=actor, **fields)


def casework(person, *, actor, concern="adult_safeguarding") -> dict:
    """A case note that raised a concern on ``person``'s record, by ``actor``: the note, its alert,
    and the concern's task for ``actor``'s team, as writing the note through the page makes them."""
    from carershub.casework import services as casework_services
    from carershub.casework.models import Task

    note = casework_services.write_note(
        person,
        category="visit",
        text="Synthetic test note: bruising seen on a home visit.",
        happened_on=timezone.localdate(),
        concern=concern,
        actor=actor,
    )
    task = Task.objects.get(note=note)
    return {"note": note, "alert": task.alert, "task": task}


def support_delivered(carer, *, actor, council, provider) -> dict:
    """Some of everything issue 10 delivers to ``carer``, made through each part's services as their
    pages make it: a 40-hour allowance from an agreed plan with one delivered break; a one-off direct
    payment, paid, with a return that left money to recover; a contingency plan for the person they
    care for, with a live emergency card; a place on a group session, a waiting list and a pack.
    ``actor`` is a practitioner of ``council``; ``provider`` an organisation that gives breaks."""
    import datetime

    from carershub.people.models import CaringRelationship, Person
    from carershub.support.breaks import services as breaks
    from carershub.support.emergency import services as emergency
    from carershub.support.groups import services as groups
    from carershub.support.payments import services as payments

    today = timezone.localdate()
    cared_for = Person.objects.create(given_name="Emrys", family_name="Buildercaredfor", area=carer.area)
    caring = CaringRelationship.objects.create(carer=carer, cared_for=cared_for, relationship="parent")
    plan = agreed_plan(completed_assessment(carer, actor=actor, organisation=council), actor=actor)

    start, end = breaks.default_period()
    allowance = breaks.grant_allowance(carer, unit="minutes", amount=40 * 60, starts_on=start, ends_on=end,
                                       reason="Agreed at the plan meeting", plan=plan, actor=actor)
    begins = timezone.make_aware(datetime.datetime.combine(max(today - datetime.timedelta(days=2), start), datetime.time(10)))
    booking = breaks.request_booking(allowance, provider=provider, kind="sitting", starts_at=begins,
                                     ends_at=begins + datetime.timedelta(hours=3), caring=caring, actor=actor,
                                     notes="Likes the same sitter each week")
    booking = breaks.confirm(booking, expected_version=booking.version, actor=actor)
    booking = breaks.record_delivery(booking, expected_version=booking.version, actual_minutes=180, actual_pence=6_000,
                                     actor=actor)

    agreement = payments.set_up(carer, plan=None, kind="one_off", schedule_code="", amount_pence=25_000,
                                purpose="A laptop to keep in touch", starts_on=today, ends_on=today, council=council,
                                payee_name=carer.full_name, decision_reason="Small one-off grant", actor=actor)
    due = agreement.dues.get()
    payments.record_payment(agreement, due_pk=due.pk, paid_on=today, amount_pence=25_000, actor=actor)
    payments.record_return(agreement, period_start=today, period_end=today, spent_pence=20_000, receipts_seen=True,
                           receipts_note="Receipt from the shop", received_on=today, actor=actor)

    contingency = emergency.write_plan(
        carer,
        data={"cared_for": caring, "needs_and_routines": "Needs help to wash and dress", "safe_alone": "Two hours",
              "medication": "Blister pack in the kitchen", "keys": "With the neighbour at number 4",
              "review_by": today + datetime.timedelta(days=365)},
        contacts=[{"name": "Sian Buildercontact", "relationship": "Daughter", "phone": "+447700900123",
                   "availability": "Evenings"}],
        actor=actor,
    )
    card = emergency.issue_card(contingency, actor=actor)

    activity = groups.create_activity(actor=actor, areas=[carer.area] if carer.area_id else [], kind="peer_support",
                                      name="Carers' cuppa", organisation=council, language="bilingual",
                                      for_whom="any", places=10)
    session = groups.add_session(activity, date=today + datetime.timedelta(days=7), starts_at=datetime.time(10),
                                 ends_at=datetime.time(12), venue="Chapel hall", places=10, actor=actor)
    place = groups.book(carer, activity=activity, session=session, actor=actor)
    counselling = groups.create_activity(actor=actor, areas=[], kind="counselling", name="Counselling",
                                         organisation=council, language="english", for_whom="any", places=1,
                                         ongoing=True)
    waiting = groups.join_waiting_list(counselling, person=carer, actor=actor, note="Prefers mornings")
    pack = groups.issue_pack(carer, issued_on=today, format="printed", language="en", actor=actor)
    return {"caring": caring, "plan": plan, "allowance": allowance, "booking": booking, "agreement": agreement,
            "contingency_plan": contingency, "card": card, "activity": activity, "session": session,
            "group_booking": place, "waiting": waiting, "pack": pack}


# The partnership (issue 11): a partner organisation that may open a carer's record. Consent alone
# opens nothing (decision 36): the organisation must also have accepted a referral of the carer.
def shared_with_partner(carer, organisation, actor=None, *, shared=None, urgency="routine", consent=True):
    """``carer`` referred by ``actor`` (who works with them; by default a front-door worker of the
    region's carers centre) to ``organisation`` and accepted there, under an active consent for
    referral and support (recorded now unless one is active already): the state in which a partner
    organisation may open the carer's record (people/relationships.py reason 6).

    Accepted by the first staff member of ``organisation`` (a partner worker made for it if none).
    Returns the referral. Everything goes through referrals.services, so events and versions are real.
    """
    from django.utils import timezone

    from carershub.partnership.models import Organisation

    if actor is None:
        centre = Organisation.objects.filter(kind=Organisation.Kind.CARERS_CENTRE).order_by("pk").first()
        actor = User.objects.filter(organisation=centre, roles__role=Role.FRONT_DOOR).order_by("pk").first()
        if actor is None:
            actor = User.objects.create_user(username=f"referrer{centre.pk}", organisation=centre)
            StaffRole.objects.create(user=actor, role=Role.FRONT_DOOR)

    purpose = choices.ConsentPurpose.SUPPORT_AND_REFERRAL
    if consent and not Consent.objects.active().filter(person=carer, organisation=organisation, purpose=purpose).exists():
        Consent.objects.create(
            person=carer, organisation=organisation, purpose=purpose, given_on=timezone.localdate(),
            method=choices.ConsentMethod.VERBAL, recorded_by=actor,
        )
    referral = referral_services.send(
        carer, actor=actor, to_organisation=organisation, reason="Would like peer support", urgency=urgency,
        purpose=purpose, shared=shared if shared is not None else [SharedPart.CONTACT_DETAILS, SharedPart.CARING_SITUATION],
    )
    receiver = User.objects.filter(organisation=organisation).order_by("pk").first()
    if receiver is None:
        receiver = User.objects.create_user(username=f"receiver{organisation.pk}", organisation=organisation)
        StaffRole.objects.create(user=receiver, role=Role.PARTNER_WORKER)
    return referral_services.move(referral, flow.ACCEPTED, actor=receiver, expected_version=referral.version)


def share_consented(consent, actor=None, **kwargs):
    """An accepted referral to the organisation of ``consent`` (a row from make_consent), relying on it."""
    return shared_with_partner(consent.person, consent.organisation, actor, **kwargs)


def decided_assessment(
    carer,
    *,
    actor,
    organisation,
    framework="adult_carer",
    eligible=True,
    proposed=None,
    reasons="",
    must_meet=None,
    must_meet_provision=None,
    must_meet_reasons="",
    needs_for_support=None,
    services_to_be_provided=None,
    likely_needs_after_18=None,
    needs_after_18="",
    likely_eligible_after_18=None,
    answers=None,
    decided_at=None,
    assessment_type=AssessmentType.CARER,
) -> Assessment:
    """An assessment as a practitioner's decision leaves it, with the decision's fields set directly.

    Started through the real service, filled in like ``completed_assessment``, then given the
    framework, the rules' proposal (``proposed``, by default the same as ``eligible``), the
    practitioner's decision and the ``determination`` the decision contract describes. Under a
    framework with national criteria the stored decision is the rules' own on ``answers`` (by default
    ``needs_answers`` deciding as ``proposed``); without them there is no stored decision and
    ``eligible`` is None. The status is "decided" (waiting for sign-off) where the council requires
    sign-off, "completed" otherwise. Nothing here writes the decision's events: letters and copies
    tests need the state, not the history.
    """
    from carershub.assessments import eligibility, frameworks

    assessment = assessment_services.start_assessment(
        carer=carer, assessment_type=assessment_type, organisation=organisation, actor=actor
    )
    with_criteria = frameworks.has_national_criteria(assessment.nation, framework)
    proposed = eligible if proposed is None else proposed
    assessment.caring_role = "Cares for her father every evening and overnight"
    assessment.able_to_care = "partly"
    assessment.willing_to_care = "yes"
    assessment.future_caring = "Worried about next winter"
    assessment.outcomes_wanted = "To sleep through the night twice a week"
    assessment.carer_views = "I love him but I am exhausted"
    assessment.participants = "The carer and her brother"
    assessment.work_education_leisure = "Gave up her job at the library"
    assessment.wellbeing = {"health": {"impact": "significant", "notes": ""}}
    assessment.framework = framework
    now = decided_at or timezone.now()
    if with_criteria:
        assessment.eligibility_answers = answers or needs_answers(assessment.nation, eligible=proposed)
        decision = eligibility.decide(
            CarerNeedsAnswers.from_dict({**assessment.eligibility_answers, "nation": assessment.nation}),
            framework=framework,
        )
        assessment.decision = decision.to_dict()
        assessment.rule_version = decision.rule_version
        assessment.proposed_eligible = decision.eligible
        assessment.eligible = eligible
    else:
        assessment.eligible = None
        proposed = eligible = None
    assessment.must_meet = must_meet
    assessment.determination = {
        "framework": framework,
        "proposed": proposed,
        "decided": eligible,
        "departs": with_criteria and proposed != eligible,
        "reasons": reasons,
        "wellbeing_reason": "",
        "must_meet": must_meet,
        "must_meet_provision": must_meet_provision,
        "must_meet_reasons": must_meet_reasons,
        "needs_for_support": needs_for_support,
        "services_to_be_provided": services_to_be_provided,
        "likely_eligible_after_18": likely_eligible_after_18,
    }
    # A transition assessment records the needs likely after 18 among its matters (eligibility/matters.py).
    likely_code = "likely_needs_when_child_18" if framework == "childs_carer_transition" else "likely_needs_after_18"
    if likely_needs_after_18 is not None:
        assessment.matters = {
            **(assessment.matters or {}),
            likely_code: {"answer": likely_needs_after_18, "does_not_apply": False},
            "needs_after_18": {"answer": needs_after_18 or None, "does_not_apply": False},
        }
    assessment.submitted_at = now
    assessment.decided_at, assessment.decided_by = now, actor
    if organisation.assessment_sign_off_required:
        assessment.status = AssessmentStatus.DECIDED
    else:
        assessment.status, assessment.completed_at = AssessmentStatus.COMPLETED, now
    assessment.save()
    return assessment


def pdf_facts(content: bytes) -> dict:
    """What a PDF says about its accessibility, read from its bytes (pypdf is not a dependency):
    ``{"tagged", "marked", "structure", "lang", "title", "text"}``.

    Compressed streams (WeasyPrint writes objects into object streams) are inflated first; ``structure``
    is the set of structure types used (``{"Document", "H1", "L", "LI", "P", ...}``), ``lang`` the
    catalogue's /Lang and ``title`` the document information's /Title, decoded.
    """
    import re
    import zlib

    parts = [content]
    # Each stream is inflated from its start until zlib says it has ended, not cut at the next
    # "\nendstream": a stream whose last compressed byte happened to be "\r" (one in 256) lost it
    # to the "\r?\n" before "endstream", failed to inflate, and its objects went unread.
    for match in re.finditer(rb"stream\r?\n", content):
        try:
            parts.append(zlib.decompressobj().decompress(memoryview(content)[match.end():]))
        except zlib.error:
            continue
    text = b"\n".join(parts)

    def string_after(key: bytes, within: bytes = text) -> str | None:
        found = re.search(rb"/" + key + rb"\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)", within)
        if not found:
            return None
        raw = found.group(1)
        if raw.startswith(b"<"):
            data = bytes.fromhex(raw[1:-1].decode())
        else:
            data = re.sub(rb"\\(.)", rb"\1", raw[1:-1])
        if data.startswith(b"\xfe\xff"):
            return data[2:].decode("utf-16-be")
        return data.decode("latin-1")

    return {
        "tagged": b"/StructTreeRoot" in text,
        "marked": bool(re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", text)),
        "structure": {m.decode() for m in re.findall(rb"/S\s*/([A-Za-z0-9]+)", text)},
        "lang": string_after(b"Lang"),
        # The document information's /Title (the dictionary with /Producer), not a bookmark's.
        "title": string_after(b"Title", text[max(text.rfind(b"<<", 0, text.find(b"/Producer")), 0):][:4000])
        if b"/Producer" in text
        else None,
        "display_title": bool(re.search(rb"/DisplayDocTitle\s+true", text)),
    }
