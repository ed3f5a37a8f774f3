"""Everything held about one person, for a subject access request (UK GDPR Article 15).

The document is built once, as plain data, then written as a PDF to read and a JSON file for
another system. Both come in two versions:

- **for review**: everything, with other people's details highlighted, for the team manager to
  check before anything is sent;
- **for release**: the same, with other people's details replaced by "[withheld: why]".

Article 15(4) says the right to a copy "shall not adversely affect the rights and freedoms of
others", and the Data Protection Act 2018 Schedule 2 paragraphs 16-17 say information that
identifies another person need not be disclosed without their consent unless it is reasonable to
do so (the paragraph numbers are from memory of the Act; they were not re-checked). So what
identifies somebody else is marked, and a person decides. We treat as other people's details:

- the cared-for person's name, their health (conditions and what was written about them, the
  assessment's "cared-for person's needs") and who else took part in an assessment;
- the carers of a cared-for person, when the request is from the cared-for person;
- the name and organisation of anybody who got in touch who is not the person themselves;
- the name of somebody who filled in a self-assessment for the person, and of a representative;
- staff names. Staff appear by role and organisation, which are released; their names are
  withheld on release. Staff acting in their work often may be named, so the reviewer can
  release a name by hand where that is reasonable.

Free text (what matters to them, the carer's views, notes) is the person's own information, but
it can mention others: every known name above is found in it and marked the same way. A name the
system does not know (a neighbour mentioned in passing) cannot be found, so the review version
says the free text must still be read before release.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML

from carershub.assessments import wellbeing
from carershub.assessments.models import Assessment
from carershub.audit.services import access_events_for
from carershub.contacts.models import CallerRole, Outcome
from carershub.casework import services as casework_services
from carershub.documents import services as document_services
from carershub.people.models import CaringRelationship, Consent, Person
from carershub.privacy.models import DataRightsRequest
from carershub.selfassessment.models import SelfAssessment
from carershub.support.models import SupportOption, SupportPlan

FOR_REVIEW, FOR_RELEASE = "for_review", "for_release"


@dataclass(frozen=True)
class Withheld:
    """Somebody else's details: shown highlighted for review, replaced by a marker for release."""

    value: str
    reason: str


@dataclass(frozen=True)
class Text:
    """Free text, in parts: plain strings and any other person's name found in it."""

    parts: tuple


@dataclass(frozen=True)
class _Free:
    """Free text to search for other people's names once every name is known."""

    value: str


@dataclass
class Entry:
    title: str
    fields: list[tuple[str, str, object]]  # (key, label, value)
    children: list[tuple[str, str, list[Entry]]] = field(default_factory=list)  # (key, title, entries)


@dataclass
class Part:
    key: str
    title: str
    entries: list[Entry]
    empty_text: str = ""


@dataclass
class Document:
    person: Person
    produced_at: datetime.datetime
    parts: list[Part]
    request: DataRightsRequest | None = None


def free(text: str | None) -> _Free | None:
    return _Free(text) if text else None


def _tokens(*names) -> list[str]:
    return [t for name in names if name for t in re.split(r"[\s,]+", name) if len(t.strip("-'.")) >= 2]


class _Builder:
    """Collects the parts, and every other person's name, then marks those names in the free text."""

    def __init__(self, person: Person):
        self.person = person
        self.own = {t.casefold() for t in _tokens(person.given_name, person.family_name, person.preferred_name)}
        # Another person's name, word by word as written -> why it is withheld. Matched with its case,
        # so a name that is also a word ("May", "Will") is found as a name, not in every sentence.
        self.names: dict[str, str] = {}
        self.staff_cache: dict[int, Text] = {}

    # --- other people -------------------------------------------------------------
    def other(self, value: str, reason: str) -> Withheld | None:
        """Somebody else's details (their health, who took part): withheld whole on release."""
        return Withheld(value, reason) if value else None

    def name(self, name: str, reason: str) -> Withheld | None:
        """Somebody else's name: withheld here, and wherever free text mentions it."""
        if not name:
            return None
        for token in _tokens(name):
            if token.casefold() not in self.own:
                self.names.setdefault(token, reason)
        return Withheld(name, reason)

    def person_name(self, other: Person, reason: str) -> Withheld | None:
        return self.name(other.full_name, reason)

    def staff(self, user) -> Text | None:
        """A member of staff: the name withheld on release, the role and organisation not."""
        if user is None:
            return None
        if user.pk not in self.staff_cache:
            name = self.name(user.get_full_name() or user.username, _("name of a member of staff"))
            work = ", ".join([*user.role_labels, *([user.organisation.name] if user.organisation_id else [])])
            self.staff_cache[user.pk] = Text((name, f" ({work})" if work else ""))
        return self.staff_cache[user.pk]

    # --- finishing --------------------------------------------------------------------
    def _mark(self, text: str) -> Text | str:
        if not text or not self.names:
            return text
        pattern = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(self.names, key=len, reverse=True)) + r")(?!\w)"
        )
        parts, last = [], 0
        for match in pattern.finditer(text):
            parts += [text[last:match.start()], Withheld(match.group(0), self.names[match.group(0)])]
            last = match.end()
        if not parts:
            return text
        return Text(tuple(p for p in [*parts, text[last:]] if p != ""))

    def _resolve(self, value):
        if isinstance(value, _Free):
            return self._mark(value.value)
        if isinstance(value, list):
            return [self._resolve(v) for v in value]
        return value

    def finish(self, parts: list[Part]) -> list[Part]:
        def walk(entries):
            for entry in entries:
                entry.fields = [(key, label, self._resolve(value)) for key, label, value in entry.fields]
                for _key, _title, children in entry.children:
                    walk(children)

        for part in parts:
            walk(part.entries)
        return parts


def _display(obj, name):
    return getattr(obj, f"get_{name}_display")() or None


def _labels(codes, choices) -> list[str]:
    labels = dict(choices)
    return [str(labels.get(code, code)) for code in codes or []]


# --- the parts, one per kind of record -------------------------------------------------------


def _record(b: _Builder, person: Person) -> list[Part]:
    p = person
    fields = [
        ("given_name", _("First name"), p.given_name),
        ("family_name", _("Last name"), p.family_name),
        ("preferred_name", _("Preferred name"), p.preferred_name or None),
        ("date_of_birth", _("Date of birth"), p.date_of_birth),
        ("nhs_number", _("NHS number"), p.nhs_number),
        ("address", _("Address"), ", ".join(x for x in (p.address_line_1, p.address_line_2, p.town, p.postcode) if x) or None),
        ("area", _("Council area"), p.area.name if p.area_id else None),
        ("phone", _("Phone"), p.phone or None),
        ("email", _("Email"), p.email or None),
        ("preferred_contact_method", _("Preferred way to be contacted"), _display(p, "preferred_contact_method")),
        ("preferred_language", _("Preferred language"), _display(p, "preferred_language")),
        ("communication_needs", _("Communication needs"), free(p.communication_needs)),
        ("sex", _("Sex"), _display(p, "sex")),
        ("gender_same_as_sex", _("Gender identity the same as sex registered at birth"), _display(p, "gender_same_as_sex")),
        ("ethnic_group", _("Ethnic group"), _display(p, "ethnic_group")),
        ("religion", _("Religion"), _display(p, "religion")),
        ("sexual_orientation", _("Sexual orientation"), _display(p, "sexual_orientation")),
        ("disability", _("Disability"), _display(p, "disability")),
        ("gp_practice", _("GP practice"), p.gp_practice.name if p.gp_practice_id else None),
        ("school", _("School or college"), p.school.name if p.school_id else None),
        ("employer", _("Employer"), p.employer or None),
        ("created_at", _("Record made"), p.created_at),
        ("updated_at", _("Last changed"), p.updated_at),
    ]
    parts = [Part("record", _("Your record"), [Entry(p.full_name, fields)])]
    if hasattr(person, "carer"):
        carer = person.carer
        parts.append(
            Part(
                "carer",
                _("You as a carer"),
                [
                    Entry(
                        _("Carer details"),
                        [
                            ("carer_type", _("Type of carer"), carer.get_carer_type_display()),
                            ("identified_on", _("Identified as a carer on"), carer.identified_on),
                            ("is_parent_carer", _("Parent carer of a disabled child"), carer.is_parent_carer),
                            ("caring_ended_on", _("Caring ended on"), carer.caring_ended_on),
                            ("case_worker", _("Case worker"), b.staff(carer.case_worker)),
                        ],
                    )
                ],
            )
        )
    return parts


def _caring(b: _Builder, person: Person) -> Part:
    entries = []
    for rel in CaringRelationship.objects.filter(carer=person).select_related("cared_for"):
        entries.append(
            Entry(
                _("Somebody you care for"),
                [
                    ("cared_for", _("Name"), b.person_name(rel.cared_for, _("name of the person you care for"))),
                    ("relationship", _("Who they are to you"), rel.get_relationship_display()),
                    ("lives_with_carer", _("Lives with you"), rel.lives_with_carer),
                    ("caring_since", _("Caring since"), rel.caring_since),
                    ("hours_per_week", _("Hours of care a week"), rel.hours_per_week),
                    (
                        "condition_groups",
                        _("Main conditions"),
                        b.other(", ".join(rel.get_condition_groups_display()), _("health of the person you care for")),
                    ),
                    (
                        "conditions_detail",
                        _("More about their conditions"),
                        b.other(rel.conditions_detail, _("health of the person you care for")),
                    ),
                    ("ended_on", _("Caring ended on"), rel.ended_on),
                ],
            )
        )
    for rel in CaringRelationship.objects.filter(cared_for=person).select_related("carer"):
        entries.append(
            Entry(
                _("Somebody who cares for you"),
                [
                    ("carer", _("Name"), b.person_name(rel.carer, _("name of a person who cares for you"))),
                    ("relationship", _("Who you are to them"), rel.get_relationship_display()),
                    ("lives_with_carer", _("Lives with them"), rel.lives_with_carer),
                    ("hours_per_week", _("Hours of care a week"), rel.hours_per_week),
                    ("condition_groups", _("Main conditions"), ", ".join(rel.get_condition_groups_display()) or None),
                    ("conditions_detail", _("More about your conditions"), free(rel.conditions_detail)),
                ],
            )
        )
    return Part("caring", _("Caring"), entries, _("No caring relationships are recorded."))


def _contacts(b: _Builder, person: Person) -> Part:
    entries = []
    for c in person.contacts.select_related("referred_to", "recorded_by__organisation").order_by("received_at", "pk"):
        not_them = c.caller_role != CallerRole.CARER
        why = _("name of the person who got in touch for you")
        entries.append(
            Entry(
                formats.date_format(timezone.localtime(c.received_at), "j F Y"),
                [
                    ("received_at", _("When"), c.received_at),
                    ("channel", _("How they got in touch"), c.get_channel_display()),
                    ("caller_role", _("Who got in touch"), c.get_caller_role_display()),
                    ("caller_name", _("Their name"), b.name(c.caller_name, why) if not_them else (c.caller_name or None)),
                    (
                        "caller_organisation",
                        _("Their organisation"),
                        b.other(c.caller_organisation, _("organisation of the person who got in touch"))
                        if not_them
                        else (c.caller_organisation or None),
                    ),
                    ("cared_for_summary", _("Who you care for"), b.other(c.cared_for_summary, _("about the person you care for"))),
                    ("what_matters", _("What matters to you"), free(c.what_matters)),
                    ("information_given", _("Information and advice given"), free(c.information_given)),
                    ("signposted_to", _("Signposted to"), free(c.signposted_to)),
                    ("outcomes", _("Outcome"), _labels(c.outcomes, Outcome.choices)),
                    ("referred_to", _("Referred to"), c.referred_to.name if c.referred_to_id else None),
                    ("urgent_details", _("What was urgent and what was done"), free(c.urgent_details)),
                    ("recorded_by", _("Recorded by"), b.staff(c.recorded_by)),
                ],
            )
        )
    return Part("contacts", _("Contacts with the service"), entries, _("No contacts are recorded."))


def _consents(b: _Builder, person: Person) -> Part:
    entries = [
        Entry(
            str(c.organisation),
            [
                ("organisation", _("Organisation"), c.organisation.name),
                ("purpose", _("Purpose"), c.get_purpose_display()),
                ("given_on", _("Given on"), c.given_on),
                ("method", _("How it was given"), c.get_method_display()),
                ("expires_on", _("Ends on"), c.expires_on),
                ("withdrawn_on", _("Withdrawn on"), c.withdrawn_on),
                ("recorded_by", _("Recorded by"), b.staff(c.recorded_by)),
            ],
        )
        for c in Consent.objects.filter(person=person).select_related("organisation", "recorded_by__organisation")
    ]
    return Part("consents", _("Consent to share"), entries, _("No consent to share is recorded."))


def _wellbeing(assessment_or_answers: dict, nation: str) -> list[Entry]:
    areas = wellbeing.AREAS_BY_NATION.get(nation, {})
    return [
        Entry(
            _(areas[code]) if code in areas else code,
            [
                ("area", _("Area of life"), _(areas[code]) if code in areas else code),
                ("impact", _("Impact"), _(wellbeing.IMPACT_LEVELS[a["impact"]]) if a.get("impact") in wellbeing.IMPACT_LEVELS else None),
                ("notes", _("What was said"), free(a.get("notes"))),
            ],
        )
        for code, a in (assessment_or_answers or {}).items()
    ]


def _decision_entries(assessment: Assessment) -> list[Entry]:
    decision = assessment.stored_decision()
    if decision is None:
        return []
    return [
        Entry(
            c.citation,
            [
                ("explanation", _("Condition"), c.explanation),
                ("citation", _("Law"), c.citation),
                ("met", _("Met"), c.met),
            ],
        )
        for c in decision.criteria
    ]


def _assessments(b: _Builder, assessments: list[Assessment]) -> Part:
    entries = []
    for a in assessments:
        decision = a.stored_decision()
        cared_for = [b.person_name(p, _("name of the person you care for")) for p in a.cared_for.all()]
        entries.append(
            Entry(
                f"{a.get_assessment_type_display()}, {formats.date_format(timezone.localtime(a.started_at), 'j F Y')}",
                [
                    ("assessment_type", _("Type of assessment"), a.get_assessment_type_display()),
                    ("nation", _("Law applied"), a.get_nation_display()),
                    ("assessing_organisation", _("Assessing council"), a.assessing_organisation.name),
                    ("status", _("Status"), a.get_status_display()),
                    ("source", _("Started by"), a.get_source_display()),
                    ("started_at", _("Started"), a.started_at),
                    ("submitted_at", _("Submitted"), a.submitted_at),
                    ("decided_at", _("Decided"), a.decided_at),
                    ("completed_at", _("Completed"), a.completed_at),
                    ("assessor", _("Assessor"), b.staff(a.assessor)),
                    ("decided_by", _("Decided by"), b.staff(a.decided_by)),
                    ("signed_off_by", _("Signed off by"), b.staff(a.signed_off_by)),
                    ("cared_for", _("Cared-for people"), cared_for or None),
                    ("caring_role", _("The care you give"), free(a.caring_role)),
                    (
                        "cared_for_needs",
                        _("The cared-for person's needs as they affect you"),
                        b.other(a.cared_for_needs, _("health of the person you care for")),
                    ),
                    ("able_to_care", _("Able to care now"), _display(a, "able_to_care")),
                    ("willing_to_care", _("Willing to care now"), _display(a, "willing_to_care")),
                    ("future_caring", _("Caring in future"), free(a.future_caring)),
                    ("outcomes_wanted", _("Outcomes you want"), free(a.outcomes_wanted)),
                    (
                        "work_education_leisure",
                        _("Work, education, training and leisure"),
                        free(a.work_education_leisure),
                    ),
                    ("carer_views", _("Your views, in your words"), free(a.carer_views)),
                    ("participants", _("Who took part"), b.other(a.participants, _("may name other people who took part"))),
                    ("eligibility_answers", _("Answers to the eligibility questions"), a.eligibility_answers or None),
                    ("eligible", _("Eligible for support"), a.eligible),
                    ("rule_version", _("Rules applied"), a.rule_version or None),
                    ("decision", _("What was decided"), decision.explanation if decision else None),
                    (
                        "prevention_advice",
                        _("Advice given"),
                        decision.prevention_advice_explanation if decision else None,
                    ),
                ],
                [
                    ("wellbeing", _("How caring affects your life"), _wellbeing(a.wellbeing, a.nation)),
                    ("decision_criteria", _("Each condition in the regulations"), _decision_entries(a)),
                ],
            )
        )
    return Part("assessments", _("Assessments and eligibility decisions"), entries, _("No assessments are recorded."))


def _letters(b: _Builder, person: Person, assessments: list[Assessment]) -> Part:
    """The decision letters: each is made from the stored decision, so its content is shown as sent."""
    entries = []
    for a in assessments:
        decision = a.stored_decision()
        if decision is None:
            continue
        entries.append(
            Entry(
                _("Decision letter about your %(type)s") % {"type": a.get_assessment_type_display().lower()},
                [
                    ("from", _("From"), a.assessing_organisation.name),
                    ("to", _("To"), person.full_name),
                    ("decided_at", _("Decision date"), a.decided_at),
                    ("what_we_decided", _("What we decided"), decision.explanation),
                    (
                        "why",
                        _("Why"),
                        [
                            f"{_('Met') if c.met else _('Not met') if c.met is False else _('Not known')}: {c.explanation}"
                            for c in decision.criteria
                        ],
                    ),
                    ("advice", _("Advice and information"), decision.prevention_advice_explanation),
                    ("signed_by", _("Signed by"), b.staff(a.decided_by)),
                    ("reference", _("Reference"), a.pk),
                ],
            )
        )
    return Part("letters", _("Decision letters"), entries, _("No decision letters have been made."))


def _support_plans(b: _Builder, person: Person) -> Part:
    options = dict(SupportOption.choices)
    entries = []
    plans = (
        SupportPlan.objects.filter(carer=person)
        .select_related("agreed_by__organisation", "created_by__organisation")
        .prefetch_related("actions__organisation", "reviews__reviewed_by__organisation")
        .order_by("plan_version")
    )
    for plan in plans:
        actions = [
            Entry(
                action.description or _("Action"),
                [
                    ("description", _("Action"), free(action.description)),
                    ("who", _("Who will do it"), action.get_who_display()),
                    ("organisation", _("Organisation"), action.organisation.name if action.organisation_id else None),
                    ("due_by", _("By when"), action.due_by),
                ],
            )
            for action in plan.actions.all()
        ]
        reviews = [
            Entry(
                formats.date_format(review.reviewed_on, "j F Y"),
                [
                    ("reviewed_on", _("Date of the review"), review.reviewed_on),
                    ("was_due_on", _("It was due on"), review.was_due_on),
                    ("outcome", _("Outcome"), review.get_outcome_display()),
                    ("notes", _("What was discussed"), free(review.notes)),
                    ("reviewed_by", _("Reviewed by"), b.staff(review.reviewed_by)),
                ],
            )
            for review in plan.reviews.all()
        ]
        entries.append(
            Entry(
                _("Support plan, version %(version)s") % {"version": plan.plan_version},
                [
                    ("plan_version", _("Version"), plan.plan_version),
                    ("status", _("Status"), plan.get_status_display()),
                    ("outcomes", _("Your outcomes"), free(plan.outcomes)),
                    ("support_options", _("Support chosen"), [str(options.get(o, o)) for o in plan.support_options]),
                    ("personal_budget", _("Personal budget (£ a year)"), plan.personal_budget),
                    ("review_date", _("Review date"), plan.review_date),
                    ("agreed_at", _("Agreed"), plan.agreed_at),
                    ("agreed_by", _("Agreed by"), b.staff(plan.agreed_by)),
                    ("ended_on", _("Support ended on"), plan.ended_on),
                    ("created_by", _("Written by"), b.staff(plan.created_by)),
                ],
                [("actions", _("What will happen"), actions), ("reviews", _("Reviews"), reviews)],
            )
        )
    return Part("support_plans", _("Support plans and reviews"), entries, _("No support plans are recorded."))


def _self_assessments(b: _Builder, person: Person) -> Part:
    entries = []
    for sa in SelfAssessment.objects.filter(assessment__carer=person).select_related("area").order_by("submitted_at"):
        answers = sa.answers or {}
        entries.append(
            Entry(
                _("Self-assessment sent on %(date)s") % {"date": formats.date_format(timezone.localtime(sa.submitted_at), "j F Y")},
                [
                    ("submitted_at", _("Sent"), sa.submitted_at),
                    ("reference", _("Reference"), sa.reference),
                    ("made_by", _("Filled in by"), sa.get_made_by_display()),
                    ("helper_name", _("Name of the person who filled it in"), b.name(sa.helper_name, _("name of the person who filled it in for you"))),
                    ("given_name", _("First name"), sa.given_name or None),
                    ("family_name", _("Last name"), sa.family_name or None),
                    ("date_of_birth", _("Date of birth"), sa.date_of_birth),
                    ("postcode", _("Postcode"), sa.postcode or None),
                    ("email", _("Email"), sa.email or None),
                    ("phone", _("Phone"), sa.phone or None),
                    ("area", _("Council area"), sa.area.name if sa.area_id else None),
                    ("caring_role", _("The care you give"), free(answers.get("caring_role"))),
                    (
                        "cared_for_needs",
                        _("The person you care for"),
                        b.other(answers.get("cared_for_needs") or "", _("health of the person you care for")),
                    ),
                    ("able_to_care", _("Able to keep caring"), answers.get("able_to_care") or None),
                    ("willing_to_care", _("Want to keep caring"), answers.get("willing_to_care") or None),
                    ("future_caring", _("What might change"), free(answers.get("future_caring"))),
                    ("outcomes_wanted", _("What you would like to be different"), free(answers.get("outcomes_wanted"))),
                    (
                        "work_education_leisure",
                        _("Work, studies and free time"),
                        free(answers.get("work_education_leisure")),
                    ),
                    ("carer_views", _("Anything else"), free(answers.get("carer_views"))),
                ],
                [("wellbeing", _("How caring affects your life"), _wellbeing(answers.get("wellbeing"), answers.get("nation")))],
            )
        )
    return Part("self_assessments", _("Self-assessments you sent"), entries, _("No self-assessments are linked to your assessments."))


def _documents(b: _Builder, person: Person) -> Part:
    """What is known of each document on the record (withdrawn ones too). The files themselves are
    the person's data as well: the reviewer downloads them from the record's documents page (each
    download is logged) and sends them with this."""
    entries = []
    for d in document_services.for_subject_access(person):
        info = d.file_type_info
        entries.append(
            Entry(
                d.title or d.get_kind_display(),
                [
                    ("kind", _("What kind of document"), d.get_kind_display()),
                    ("title", _("Title"), free(d.title)),
                    ("description", _("Description"), free(d.description)),
                    ("file_name", _("File name"), free(d.original_name)),
                    ("file_type", _("Type of file"), _(info.label) if info else d.file_type),
                    ("size", _("Size in bytes"), d.size),
                    ("uploaded_at", _("Added"), d.uploaded_at),
                    ("uploaded_by", _("Added by"), b.staff(d.uploaded_by)),
                    ("restricted", _("Seen only by the organisation that added it"), d.restricted),
                    ("withdrawn_at", _("Withdrawn"), d.withdrawn_at),
                    ("withdrawn_by", _("Withdrawn by"), b.staff(d.withdrawn_by)),
                    ("withdrawal_reason", _("Why it was withdrawn"), free(d.withdrawal_reason)),
                ],
            )
        )
    return Part("documents", _("Documents on your record"), entries, _("No documents are on your record."))


def _casework(b: _Builder, person: Person) -> list[Part]:
    """Case notes (restricted ones too: the reviewer decides what is withheld), tasks and alerts."""
    held = casework_services.for_subject_access(person)
    notes = [
        Entry(
            f"{n.get_category_display()}, {formats.date_format(n.happened_on, 'j F Y')}",
            [
                ("category", _("What kind of note"), n.get_category_display()),
                ("happened_on", _("Date"), n.happened_on),
                ("text", _("Note"), free(n.text)),
                ("addendum_to", _("Adds to the note of"), formats.date_format(n.addendum_to.happened_on, "j F Y") if n.addendum_to_id else None),
                ("restricted", _("Restricted to the organisation that wrote it"), n.restricted),
                ("concern", _("Concern raised"), n.get_concern_display() or None),
                ("written_at", _("Written"), n.written_at),
                ("author", _("Written by"), b.staff(n.author)),
            ],
        )
        for n in held["notes"]
    ]
    tasks = [
        Entry(
            t.title or t.get_kind_display(),
            [
                ("kind", _("What kind of task"), t.get_kind_display()),
                ("title", _("What needed doing"), free(t.title)),
                ("details", _("Details"), free(t.details)),
                ("due_on", _("Due"), t.due_on),
                ("created_by", _("Added by"), b.staff(t.created_by)),
                ("completed_at", _("Done"), t.completed_at),
                ("outcome", _("What was done"), free(t.outcome)),
            ],
        )
        for t in held["tasks"]
    ]
    alerts = [
        Entry(
            a.get_kind_display(),
            [
                ("kind", _("What kind of alert"), a.get_kind_display()),
                ("summary", _("What the concern was"), free(a.summary)),
                ("raised_at", _("Raised"), a.raised_at),
                ("raised_by", _("Raised by"), b.staff(a.raised_by)),
                ("decision", _("Decision"), a.get_decision_display() or None),
                ("decision_reason", _("Reason and what was done"), free(a.decision_reason)),
                ("ended_at", _("Ended"), a.ended_at),
                ("end_reason", _("Why it ended"), free(a.end_reason)),
            ],
        )
        for a in held["alerts"]
    ]
    return [
        Part("case_notes", _("Case notes"), notes, _("No case notes are on your record.")),
        Part("tasks", _("Tasks about you"), tasks, _("No tasks are recorded about you.")),
        Part("alerts", _("Alerts on your record"), alerts, _("No alerts have been on your record.")),
    ]


def _requests(b: _Builder, person: Person) -> Part:
    entries = [
        Entry(
            r.get_kind_display(),
            [
                ("kind", _("What was asked for"), r.get_kind_display()),
                ("received_on", _("Received"), r.received_on),
                ("due_on", _("Respond by"), r.due_on),
                ("extended_to", _("Respond by, extended"), r.extended_to),
                ("extension_reason", _("Why more time was needed"), free(r.extension_reason)),
                ("requested_by", _("Who asked"), r.get_requested_by_display()),
                ("representative_name", _("Representative"), b.name(r.representative_name, _("name of your representative"))),
                ("representative_capacity", _("How they act for you"), free(r.representative_capacity)),
                ("status", _("Status"), r.get_status_display()),
                ("completed_on", _("Completed or closed"), r.completed_on),
                ("restriction_lifted_on", _("Restriction lifted"), r.restriction_lifted_on),
                ("notes", _("Notes"), free(r.notes)),
                ("recorded_by", _("Recorded by"), b.staff(r.recorded_by)),
            ],
        )
        for r in DataRightsRequest.objects.filter(person_ref=person.pk).select_related("recorded_by__organisation").order_by("received_on", "pk")
    ]
    return Part("data_rights_requests", _("Your requests about your information"), entries, _("No requests are recorded."))


def _access_log(b: _Builder, person: Person) -> Part:
    entries = [
        Entry(
            formats.date_format(timezone.localtime(e.at), "j F Y, H:i"),
            [
                ("at", _("When"), e.at),
                ("actor", _("Who"), b.staff(e.actor)),
                ("action", _("What"), e.get_action_display()),
                ("part", _("Which part"), e.get_part_display()),
                ("purpose", _("Why, or what was searched for"), free(e.purpose)),
            ],
        )
        for e in access_events_for(person.pk).select_related("actor__organisation").order_by("at", "pk")
    ]
    return Part("access_log", _("Who has looked at your record"), entries, _("Nobody has looked at your record."))


def _delivered():
    from carershub.privacy import delivered

    return delivered


def _partnership():
    from carershub.privacy import partnership

    return partnership


def _care_at_home():
    from carershub.privacy import care_at_home

    return care_at_home


def build(person: Person, *, request: DataRightsRequest | None = None) -> Document:
    """Everything held about ``person``, other people's details marked, ready to write out."""
    builder = _Builder(person)
    assessments = list(
        Assessment.objects.filter(carer=person)
        .select_related(
            "assessing_organisation", "assessor__organisation", "decided_by__organisation", "signed_off_by__organisation"
        )
        .prefetch_related("cared_for")
        .order_by("started_at", "pk")
    )
    parts = [
        *_record(builder, person),
        _caring(builder, person),
        _contacts(builder, person),
        _consents(builder, person),
        _assessments(builder, assessments),
        _letters(builder, person, assessments),
        _support_plans(builder, person),
        _self_assessments(builder, person),
        _documents(builder, person),
        *_casework(builder, person),
        # The support delivered (decision 30), said in this module's words by privacy/delivered.py,
        # which builds on the entries above (hence imported here, when the download is built).
        *_delivered().parts(builder, person),
        # Referrals between partners and signposting (issue 11): privacy/partnership.py, likewise.
        *_partnership().parts(builder, person),
        # Care at home arranged with providers, and requests to find it (issue 13): privacy/care_at_home.py.
        *_care_at_home().parts(builder, person),
        _requests(builder, person),
        _access_log(builder, person),
    ]
    return Document(person=person, produced_at=timezone.now(), parts=builder.finish(parts), request=request)


# --- writing it out ------------------------------------------------------------------------


def marker(withheld: Withheld) -> str:
    return _("[withheld: %(reason)s]") % {"reason": withheld.reason}


def json_value(value, version: str):
    release = version == FOR_RELEASE
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Withheld):
        if release:
            return marker(value)
        return {"value": value.value, "withheld_on_release": True, "reason": value.reason}
    if isinstance(value, Text):
        if release:
            return "".join(marker(p) if isinstance(p, Withheld) else p for p in value.parts if p is not None)
        marked = [{"text": p.value, "reason": p.reason} for p in value.parts if isinstance(p, Withheld)]
        text = "".join(p.value if isinstance(p, Withheld) else p for p in value.parts if p is not None)
        return {"text": text, "withheld_on_release": marked} if marked else text
    if isinstance(value, (list, tuple)):
        return [json_value(v, version) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v, version) for k, v in value.items()}
    return str(value)


def _entry_json(entry: Entry, version: str) -> dict:
    data = {key: json_value(value, version) for key, _label, value in entry.fields}
    for key, _title, children in entry.children:
        data[key] = [_entry_json(child, version) for child in children]
    return data


def as_json(document: Document, version: str) -> dict:
    request = document.request
    return {
        "about": _("Everything %(service)s holds about this person, for a subject access request (UK GDPR Article 15).")
        % {"service": _service_name()},
        "version": version,
        "version_explained": VERSION_TEXT[version](),
        "produced_at": timezone.localtime(document.produced_at).isoformat(),
        "person_id": document.person.pk,
        "request": None
        if request is None
        else {"id": request.pk, "received_on": request.received_on.isoformat(), "respond_by": request.respond_by.isoformat()},
        **{part.key: [_entry_json(e, version) for e in part.entries] for part in document.parts},
    }


def as_html(document: Document, version: str) -> str:
    """The document as one HTML page, the source of the PDF."""
    return render_to_string(
        "privacy/subject_access_pdf.jinja",
        {
            "document": document,
            "version": version,
            "version_text": VERSION_TEXT[version](),
            "value": lambda v: html_value(v, version),
            "service_name": _service_name(),
        },
    )


def as_pdf(document: Document, version: str) -> bytes:
    # No base_url: the document uses no external files, so nothing is fetched while rendering.
    return HTML(string=as_html(document, version)).write_pdf(pdf_variant="pdf/ua-1")  # tagged, with language and title


def html_value(value, version: str):
    """One value as safe HTML for the PDF: other people's details marked or replaced."""
    release = version == FOR_RELEASE
    if value is None or value == [] or value == "":
        return mark_safe(f'<span class="none">{escape(_("Not recorded"))}</span>')
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, Withheld):
        if release:
            return mark_safe(f'<span class="withheld">{escape(marker(value))}</span>')
        why = _("withheld on release: %(reason)s") % {"reason": value.reason}
        return mark_safe(f'<mark>{_lines(value.value)}</mark> <span class="why">({escape(why)})</span>')
    if isinstance(value, Text):
        return mark_safe("".join(str(html_value(p, version)) if isinstance(p, Withheld) else _lines(p) for p in value.parts if p))
    if isinstance(value, (list, tuple)):
        return mark_safe("<br>".join(str(html_value(v, version)) for v in value))
    if isinstance(value, dict):
        return mark_safe("<br>".join(f"{escape(k)}: {html_value(v, version)}" for k, v in value.items()))
    return _lines(str(value))


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in str(text).splitlines()) if text else ""


def _service_name() -> str:
    return settings.CARERSHUB_SERVICE_NAME


VERSION_TEXT = {
    FOR_REVIEW: lambda: _(
        "FOR REVIEW. Not to be sent. Other people's details are shown and highlighted: check each one, and read all free "
        "text for anybody else it mentions, before making the version for release."
    ),
    FOR_RELEASE: lambda: _(
        "For release. Other people's details have been replaced by [withheld] and the reason. Check it before it is sent."
    ),
}
