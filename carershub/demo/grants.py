"""Demo community grants for the synthetic region (called at the end of demo/region.py's load()).

Two rounds of the Afon Valley council's small fund for community carer groups, run by the demo team
manager with a panel of the manager, the carers centre's front door and the partner worker:

- last year's round, decided: four applications, three awarded within the budget (one for less than
  asked) and one declined; payments made; one monitoring return in, one overdue;
- this year's round, being scored: three applications, two scored by the front door, one with the
  partner's declared interest, so the manager's home page shows applications waiting for scores.

The groups are synthetic (invented names). Made through the grants services, so every application,
award, payment and return has its event.
"""

from datetime import timedelta

from carershub.grants import services
from carershub.grants.models import Application, Round
from carershub.grants.services import CriterionSpec

CRITERIA = [
    CriterionSpec("Carers shaped it (co-production)", 3, "How carers designed the project and will run it."),
    CriterionSpec("Reaches carers not yet supported", 2, "Hidden carers, young carers, carers from communities we reach less."),
    CriterionSpec("Value for money", 1, "What each carer gets for the money."),
]

GROUPS = [
    # name, Section 16 type, what for, asked (pence), carers expected
    ("Cwm Afon Carers' Cuppa Club", "user_led", "A weekly drop-in with tea and a guest speaker in the chapel vestry.", 150000, 40),
    ("Maesglas Young Carers Film Club", "other_third_sector", "Monthly film nights and transport for young carers.", 240000, 25),
    ("Tŷ Gwyrdd Growing Co-operative", "cooperative", "Raised beds and gardening mornings for carers and the people they care for.", 250000, 30),
    ("Afon Knit and Natter", "user_led", "Wool, a room and a volunteer tutor for a carers' craft circle.", 80000, 15),
    ("Pontlas Dementia Carers Walk", "user_led", "A led walk each fortnight and a café afterwards.", 120000, 20),
    ("Bryn Uchaf Men's Shed", "social_enterprise", "Tools and a workshop day for male carers.", 250000, 18),
    ("Llanfair Parent Carers Forum", "other_third_sector", "Peer sessions for parents caring for disabled children.", 200000, 35),
]


def make(*, today, staff, orgs) -> None:
    """staff: {username: User}; orgs: {name: Organisation}."""
    manager, frontdoor, partner = staff["manager"], staff["frontdoor"], staff["partner"]
    if Round.objects.filter(funder=manager.organisation).exists():
        return
    panel = [manager, frontdoor, partner]

    # Last year's round: decided, paid, monitored.
    opens = today - timedelta(days=400)
    decided = services.create_round(
        actor=manager, name="Carers community grants 2025", description="Small grants for community groups run by and for carers.",
        budget_pence=500000, max_award_pence=250000, opens_on=opens, closes_on=opens + timedelta(days=42),
        decision_on=opens + timedelta(days=70), return_months=6, panel=panel, criteria=CRITERIA,
    )
    for _n in range(3):
        services.move_on(decided, expected_version=decided.version, actor=manager)  # open, closed, scoring
    applications = []
    for n, (name, kind, purpose, asked, expected) in enumerate(GROUPS[:4]):
        applications.append(services.record_application(
            decided, actor=manager, new_group_name=name, section16_type=kind, contact_name=f"Demo Contact {n + 1}",
            contact_email=f"contact{n + 1}@demo.carershub.invalid", contact_phone="", purpose=purpose,
            requested_pence=asked, coproduction="Carers met three times to plan it and sit on its committee.",
            carers_expected=expected, received_on=opens + timedelta(days=7 + n), late_reason="",
        ))
    marks = {frontdoor: [4, 3, 4], partner: [5, 3, 3], manager: [4, 4, 3]}
    for application, offset in zip(applications, (0, 1, 0, 2), strict=True):
        for scorer, scores in marks.items():
            criteria = list(decided.criteria.all())
            services.submit_scores(application, scorer=scorer, comments={},
                                   scores={c.pk: max(0, s - offset) for c, s in zip(criteria, scores, strict=True)})
    cuppa, film, garden, knit = applications
    services.award(cuppa, amount_pence=150000, expected_version=cuppa.version, actor=manager)
    services.award(garden, amount_pence=230000, expected_version=garden.version, actor=manager)  # less than asked
    services.award(knit, amount_pence=80000, expected_version=knit.version, actor=manager)
    services.decline(film, reason="The round's budget was spent on higher-scoring applications; please apply again.",
                     expected_version=film.version, actor=manager)
    decided.refresh_from_db()
    services.move_on(decided, expected_version=decided.version, actor=manager)
    award_day = opens + timedelta(days=70)
    Application.objects.filter(round=decided, outcome="awarded").update(decided_on=award_day)
    for application in (cuppa, garden, knit):
        application.refresh_from_db()
        services.record_payment(application, amount_pence=application.awarded_pence, paid_on=award_day + timedelta(days=14),
                                reference=f"GR25-{application.pk:04d}", actor=manager)
    services.record_return(
        cuppa, actor=manager, received_on=award_day + timedelta(days=180),
        achieved="Forty-two carers came at least once; eleven now meet outside the club.", carers_reached=42,
        spent_pence=142000, coproduction_evidence="The committee of five carers chose the speakers.", unspent_pence=8000,
    )
    services.record_return(
        garden, actor=manager, received_on=award_day + timedelta(days=190),
        achieved="Six raised beds built; a harvest lunch for 28 carers.", carers_reached=28, spent_pence=230000,
        coproduction_evidence="", unspent_pence=0,
    )
    # Afon Knit and Natter's return is overdue: it shows on the round page.

    # This year's round: being scored.
    opens = today - timedelta(days=40)
    scoring = services.create_round(
        actor=manager, name="Carers community grants 2026", description="Small grants for community groups run by and for carers.",
        budget_pence=600000, max_award_pence=250000, opens_on=opens, closes_on=today - timedelta(days=5),
        decision_on=today + timedelta(days=21), return_months=6, panel=panel, criteria=CRITERIA,
    )
    for _n in range(3):
        services.move_on(scoring, expected_version=scoring.version, actor=manager)
    current = []
    for n, (name, kind, purpose, asked, expected) in enumerate(GROUPS[4:]):
        current.append(services.record_application(
            scoring, actor=manager, new_group_name=name, section16_type=kind, contact_name=f"Demo Contact {n + 5}",
            contact_email="", contact_phone="", purpose=purpose, requested_pence=asked,
            coproduction="Carers asked for it at the carers' forum and planned it with us.", carers_expected=expected,
            received_on=opens + timedelta(days=10 + n), late_reason="",
        ))
    criteria = list(scoring.criteria.all())
    for application, scores in zip(current[:2], ([5, 4, 3], [3, 2, 4]), strict=True):
        services.submit_scores(application, scorer=frontdoor, comments={},
                               scores={c.pk: s for c, s in zip(criteria, scores, strict=True)})
    services.declare_interest(current[2], member=partner, note="I volunteer with the forum.")
