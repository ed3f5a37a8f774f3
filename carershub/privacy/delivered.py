"""The support delivered to a person (decision 30), as parts of their subject access download.

Each part of support says what it holds about the person (``for_subject_access``); this module
says it in the download's words, marking staff and other people as ``subject_access`` does. It is
imported by ``subject_access.build`` when it runs, as it builds on that module's entries.
"""

from django.utils import formats
from django.utils.translation import gettext as _

from carershub.core import amounts
from carershub.people.models import Person
from carershub.privacy.subject_access import Entry, Part, _Builder, free
from carershub.support.breaks import services as breaks_services
from carershub.support.breaks.models import Unit
from carershub.support.emergency import services as emergency_services
from carershub.support.groups import services as group_services
from carershub.support.payments import services as payment_services


def _amount(unit: str, amount: int) -> str:
    if unit == Unit.MINUTES:
        return _("%(hours)s hours") % {"hours": amounts.hours(amount)}
    return amounts.pounds(amount)


def breaks(b: _Builder, person: Person) -> list[Part]:
    held = breaks_services.for_subject_access(person)
    allowances = [
        Entry(
            _("Short breaks allowance, %(start)s to %(end)s")
            % {"start": formats.date_format(a.starts_on, "j F Y"), "end": formats.date_format(a.ends_on, "j F Y")},
            [
                ("amount", _("How much"), _amount(a.unit, a.amount)),
                ("starts_on", _("From"), a.starts_on),
                ("ends_on", _("Until"), a.ends_on),
                ("preventative", _("Preventative break"), a.preventative),
                ("reason", _("Why"), free(a.reason)),
                ("decided_by", _("Decided by"), b.staff(a.decided_by)),
            ],
            [(
                "ledger", _("Ledger"),
                [
                    Entry(e.get_kind_display(), [
                        ("made_at", _("When"), e.made_at),
                        ("amount", _("Amount"), _amount(a.unit, e.amount)),
                        ("reason", _("Why"), free(e.reason)),
                        ("made_by", _("Who"), b.staff(e.made_by)),
                    ])
                    for e in held["ledger"] if e.allowance_id == a.pk
                ],
            )],
        )
        for a in held["allowances"]
    ]
    bookings = []
    for k in held["bookings"]:
        other = k.cared_for if k.carer_id == person.pk else k.carer
        bookings.append(Entry(k.get_kind_display(), [
            ("provider", _("Provider"), k.provider.name if k.provider_id else None),
            ("starts_at", _("Starts"), k.starts_at),
            ("ends_at", _("Ends"), k.ends_at),
            ("hours", _("Hours"), amounts.hours(k.minutes)),
            ("status", _("Status"), k.get_status_display()),
            ("with", _("Carer or person cared for"),
             b.person_name(other, _("name of the person you care for")) if other else None),
            ("notes", _("Notes"), free(k.notes)),
            ("end_reason", _("Reason"), free(k.end_reason)),
        ]))
    return [
        Part("break_allowances", _("Short breaks allowances"), allowances, _("No short breaks allowance is recorded.")),
        Part("short_breaks", _("Short breaks"), bookings, _("No short breaks are recorded.")),
    ]


def direct_payments(b: _Builder, person: Person) -> Part:
    held = payment_services.for_subject_access(person)
    dues = list(held["payments_due"])
    returns = list(held["returns"])
    entries = list(held["entries"])
    agreements = []
    for a in held["agreements"]:
        agreements.append(Entry(
            a.purpose or a.get_kind_display(),
            [
                ("kind", _("Kind of direct payment"), a.get_kind_display()),
                ("schedule", _("How often"), a.get_schedule_display() or None),
                ("amount", _("Amount of each payment"), amounts.pounds(a.amount_pence)),
                ("purpose", _("What it is for"), free(a.purpose)),
                ("starts_on", _("Start date"), a.starts_on),
                ("ends_on", _("End date"), a.ends_on),
                ("council", _("Paid by"), a.council.name),
                ("payee_name", _("Payee name"), free(a.payee_name)),
                ("decision_reason", _("Why the grant was made"), free(a.decision_reason)),
                ("status", _("Status"), a.get_status_display()),
                ("ended_on", _("Ended"), a.ended_on),
                ("end_reason", _("Why it ended"), free(a.end_reason)),
                ("created_by", _("Set up by"), b.staff(a.created_by)),
            ],
            [
                ("payments_due", _("Payments due"), [
                    Entry(formats.date_format(d.due_on, "j F Y"), [
                        ("due_on", _("Due"), d.due_on), ("amount", _("Amount"), amounts.pounds(d.amount_pence)),
                    ])
                    for d in dues if d.agreement_id == a.pk
                ]),
                ("returns", _("Monitoring returns"), [
                    Entry(_("%(start)s to %(end)s") % {"start": formats.date_format(r.period_start, "j F Y"),
                                                       "end": formats.date_format(r.period_end, "j F Y")}, [
                        ("spent", _("Amount spent"), amounts.pounds(r.spent_pence)),
                        ("unspent", _("Unspent"), amounts.pounds(r.unspent_pence)),
                        ("receipts_seen", _("Receipts seen"), r.receipts_seen),
                        ("receipts_note", _("About the receipts"), free(r.receipts_note)),
                        ("received_on", _("Date received"), r.received_on),
                    ])
                    for r in returns if r.agreement_id == a.pk
                ]),
                ("money", _("Money paid, spent and recovered"), [
                    Entry(e.get_kind_display(), [
                        ("on", _("Date"), e.on), ("amount", _("Amount"), amounts.pounds(e.amount_pence)),
                        ("note", _("Note"), free(e.note)),
                    ])
                    for e in entries if e.agreement_id == a.pk
                ]),
            ],
        ))
    return Part("direct_payments", _("Direct payments"), agreements, _("No direct payments are recorded."))


def groups(b: _Builder, person: Person) -> list[Part]:
    """Groups, courses and waiting lists, and the carers information pack."""
    held = group_services.for_subject_access(person)
    bookings = [Entry(k.activity.name, [
        ("activity", _("Group or course"), k.activity.name),
        ("organisation", _("Run by"), k.activity.organisation.name),
        ("session", _("Session"), formats.date_format(k.session.date, "j F Y") if k.session_id else _("Ongoing")),
        ("status", _("Status"), k.get_status_display()),
        ("booked_at", _("Booked"), k.booked_at),
        ("booked_by", _("Booked by"), b.staff(k.booked_by)),
        ("cancel_reason", _("Why it was cancelled"), free(k.cancel_reason)),
    ]) for k in held["bookings"]]
    waiting = [Entry(w.activity.name, [
        ("activity", _("Group or course"), w.activity.name),
        ("joined_at", _("Joined the waiting list"), w.joined_at),
        ("note", _("Note"), free(w.note)),
        ("left_at", _("Left the waiting list"), w.left_at),
        ("outcome", _("Outcome"), w.get_outcome_display() or None),
    ]) for w in held["waiting_lists"]]
    packs = [Entry(_("Carers information pack"), [
        ("issued_on", _("Date issued"), p.issued_on),
        ("format", _("Format"), p.get_format_display()),
        ("language", _("Language"), p.get_language_display()),
        ("issued_by", _("Given by"), b.staff(p.issued_by)),
    ]) for p in held["information_packs"]]
    return [
        Part("group_bookings", _("Groups and courses booked"), bookings, _("No bookings on groups or courses are recorded.")),
        Part("waiting_lists", _("Waiting lists"), waiting, _("You have not been on a waiting list.")),
        Part("information_packs", _("Carers information pack"), packs, _("No information pack is recorded.")),
    ]


def emergency(b: _Builder, person: Person) -> list[Part]:
    """The contingency plan, emergency cards and call-outs. Most of a plan is about the person cared
    for (their needs, medication, how long they can be left), so it is their data as well: marked for
    the reviewer, and withheld on release unless they agree."""
    held = emergency_services.for_subject_access(person)
    theirs = _("health and care of the person cared for")
    plans = []
    for p in held["contingency_plans"]:
        cared_for = p.cared_for.cared_for if p.cared_for_id else None
        plans.append(Entry(
            _("Contingency plan"),
            [
                ("cared_for", _("The person cared for"),
                 b.person_name(cared_for, _("name of the person you care for")) if cared_for else None),
                ("needs_and_routines", _("Their needs and daily routines"), b.other(p.needs_and_routines, theirs)),
                ("medication", _("Medication, and where it is kept"), b.other(p.medication, theirs)),
                ("allergies", _("Allergies"), b.other(p.allergies, theirs)),
                ("gp_and_pharmacy", _("GP and pharmacy"), b.other(p.gp_and_pharmacy, theirs)),
                ("care_services", _("Care services already in place"), b.other(p.care_services, theirs)),
                ("aids", _("Mobility and continence aids"), b.other(p.aids, theirs)),
                ("safe_alone", _("How long they can safely be left alone"), b.other(p.safe_alone, theirs)),
                ("communication", _("Communication and behaviour"), b.other(p.communication, theirs)),
                ("keys", _("Where the keys are"), free(p.keys)),
                ("pets", _("Pets"), free(p.pets)),
                ("carers_wishes", _("Your wishes"), free(p.carers_wishes)),
                ("review_by", _("Review by"), p.review_by),
                ("written_by", _("Written by"), b.staff(p.written_by)),
                ("updated_at", _("Last changed"), p.updated_at),
            ],
            [(
                "emergency_contacts", _("Emergency contacts"),
                [
                    Entry(_("Emergency contact %(position)s") % {"position": c.position}, [
                        ("name", _("Name"), b.name(c.name, _("name of an emergency contact"))),
                        ("relationship", _("Relationship to the person cared for"), free(c.relationship)),
                        ("phone", _("Phone number"), b.other(c.phone, _("an emergency contact's phone number"))),
                        ("availability", _("When they can come"), free(c.availability)),
                    ])
                    for c in p.contacts.all()
                ],
            )],
        ))
    cards = [
        Entry(_("Emergency card"), [
            ("number", _("Card number"), c.number),
            ("status", _("Status"), c.get_status_display()),
            ("issued_at", _("Issued"), c.issued_at),
            ("cancelled_at", _("Cancelled"), c.cancelled_at),
        ])
        for c in held["emergency_cards"]
    ]
    responses = [
        Entry(_("Emergency response"), [
            ("called_out_at", _("Called out at"), e.called_out_at),
            ("called_by", _("Who called"), free(e.called_by)),
            ("what_happened", _("What happened"), free(e.what_happened)),
            ("arranged_detail", _("What was arranged"), free(e.arranged_detail)),
            ("hours", _("Hours of emergency support"), amounts.hours(e.minutes)),
            ("outcome", _("Outcome"), e.get_outcome_display() or None),
            ("follow_up_on", _("Follow up on"), e.follow_up_on),
            ("follow_up", _("What the follow-up is"), free(e.follow_up)),
            ("closed_at", _("Closed"), e.closed_at),
            ("recorded_by", _("Recorded by"), b.staff(e.recorded_by)),
        ])
        for e in held["emergency_responses"]
    ]
    return [
        Part("contingency_plans", _("Your contingency plan"), plans, _("You have no contingency plan.")),
        Part("emergency_cards", _("Your emergency cards"), cards, _("No emergency card has been issued to you.")),
        Part("emergency_responses", _("Emergency responses"), responses,
             _("The emergency response service has not been called out for you.")),
    ]


def parts(b: _Builder, person: Person) -> list[Part]:
    return [*breaks(b, person), direct_payments(b, person), *emergency(b, person), *groups(b, person)]
