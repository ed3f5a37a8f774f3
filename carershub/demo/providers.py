"""Demo care at home for the synthetic region (issue 13; called at the end of demo/region.py's load()).

Afon Valley keeps a register of providers of care at home, with a secondary support service (the
Afon Micro-care Support Co-operative, whose worker signs in as ``support``):

- a micro-enterprise at each status: Tŷ Seren Support (enquiry), Bryn Companions (developing, its
  insurance not yet seen), Gofal Glan yr Afon (active, Welsh-speaking, at its limit of four people,
  its application to register with Care Inspectorate Wales waiting), Helping Hands Pontafon (active,
  a sole trader, one worker's DBS check expiring in three weeks: on the reminders queue), Pontlas
  Home Helpers (paused: its insurance lapsed) and Old Mill Care (closed);
- Cwm Care Co-operative (registered, so the four-person rule does not bind it) and the council's own
  home care team;
- arrangements for people cared for in Afon Valley, some begun in earlier quarters, so the provider
  mix counted from arrangements has a history;
- requests for care at home: one matched (introduced to two providers, care agreed with one), one
  open with two introductions waiting, one open and not yet introduced (a person with a direct
  payment, for the demo walk);
- advice the support service gave providers (HR, tendering, safeguarding);
- provider mix returns: Afon Valley's quarterly hours for the last six quarters, and the ADSS Cymru
  report's Table 2 (2018-19) for the 22 Welsh councils.

Names are invented. Everything is made through the apps' services, so each change has its event.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.management import call_command

from carershub.partnership.models import Area, Organisation
from carershub.people.models import CaringRelationship, Person
from carershub.providers import checklist
from carershub.providers import services as provider_services
from carershub.providers.arrangements import services as arrangement_services
from carershub.providers.matching import services as matching_services
from carershub.providers.matching.models import IntroductionOutcome
from carershub.providers.mix import services as mix_services
from carershub.providers.mix import shares
from carershub.providers.models import Provider, SupportService

SUPPORT_SERVICE = "Afon Micro-care Support Co-operative"
AT_LIMIT = "Gofal Glan yr Afon"
EXPIRING = "Helping Hands Pontafon"

EVERYDAY = ["personal_care", "meals", "medication", "companionship"]
WEEKDAY_MORNINGS = [f"{d}:morning" for d in ("mon", "tue", "wed", "thu", "fri")]
WEEKDAY_AFTERNOONS = [f"{d}:afternoon" for d in ("mon", "tue", "wed", "thu", "fri")]

# name, type, status, Welsh spoken, services, days and times, workers, checklist ("complete",
# "no_insurance", "insurance_lapsed", "none"), registered
PROVIDERS = [
    ("Tŷ Seren Support", "micro_enterprise", "enquiry", True, ["companionship", "shopping"], WEEKDAY_AFTERNOONS,
     ["Seren Howells"], "none", False),
    ("Bryn Companions", "micro_enterprise", "developing", False, ["companionship", "community_access", "sitting"],
     WEEKDAY_AFTERNOONS + ["sat:morning"], ["Alun Pritchard", "Beth Rees"], "no_insurance", False),
    (AT_LIMIT, "micro_enterprise", "active", True, EVERYDAY + ["dementia"], WEEKDAY_MORNINGS + WEEKDAY_AFTERNOONS,
     ["Mererid Evans", "Huw Bevan"], "complete", False),
    (EXPIRING, "sole_trader", "active", False, EVERYDAY + ["domestic"], WEEKDAY_MORNINGS + ["sat:morning", "sun:morning"],
     ["Karen Walker"], "complete", False),
    ("Pontlas Home Helpers", "micro_enterprise", "paused", False, ["domestic", "shopping", "meals"], WEEKDAY_MORNINGS,
     ["Dai Morgan"], "insurance_lapsed", False),
    ("Old Mill Care", "micro_enterprise", "closed", False, ["companionship"], WEEKDAY_MORNINGS, [], "none", False),
    ("Cwm Care Co-operative", "cooperative", "active", True, EVERYDAY + ["overnight", "sitting", "domestic"],
     WEEKDAY_MORNINGS + WEEKDAY_AFTERNOONS + [f"{d}:evening" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")],
     ["Ceri Jones", "Owain Lewis", "Rhian Thomas"], "complete", True),
    ("Afon Valley Council Home Care", "in_house", "active", True, EVERYDAY + ["overnight"],
     WEEKDAY_MORNINGS + WEEKDAY_AFTERNOONS, ["Team Leader Afon"], "complete", True),
]

# Afon Valley's quarterly hours by sector, oldest first: the Section 16 share grows.
AFON_HOURS = [
    {"in_house": 5200, "private": 19800, "micro": 120, "cooperative": 600, "third_sector": 300},
    {"in_house": 5150, "private": 19500, "micro": 260, "cooperative": 700, "third_sector": 320},
    {"in_house": 5100, "private": 19100, "micro": 420, "cooperative": 820, "third_sector": 350, "user_led": 80},
    {"in_house": 5050, "private": 18700, "micro": 610, "cooperative": 900, "third_sector": 380, "user_led": 140},
    {"in_house": 5000, "private": 18300, "micro": 790, "cooperative": 1010, "third_sector": 410, "user_led": 190,
     "social_enterprise": 60},
    {"in_house": 4950, "private": 17900, "micro": 960, "cooperative": 1150, "third_sector": 440, "user_led": 230,
     "social_enterprise": 120},
]


def _checklist(provider, how, actor, today):
    if how == "none":
        return
    for item in checklist.ITEMS:
        workers = list(provider.workers.all()) if item.per_worker else [None]
        for worker in workers:
            expires = today + timedelta(days=330) if item.expires else None
            checked = today - timedelta(days=30)
            if item.code == "insurance" and how == "no_insurance":
                continue
            if item.code == "insurance" and how == "insurance_lapsed":
                checked, expires = today - timedelta(days=400), today - timedelta(days=35)
            if provider.name == EXPIRING and item.code == "dbs":
                checked, expires = today - timedelta(days=1074), today + timedelta(days=21)
            provider_services.record_check(
                provider, actor=actor, item=item.code, outcome=checklist.MET, checked_on=checked,
                expires_on=expires, worker=worker, evidence="Seen at a visit; a copy is held on file.",
            )


def _cared_for_in_afon(afon, manager, count):
    """People cared for in Afon Valley whom the demo team manager may open, none already arranged."""
    visible = Person.objects.visible_to(manager).filter(area=afon)
    cared_for = CaringRelationship.objects.filter(cared_for__in=visible).values_list("cared_for_id", flat=True)
    return list(Person.objects.filter(pk__in=cared_for).order_by("pk")[:count])


def make(*, today, staff, orgs) -> None:
    """staff: {username: User}; orgs: {name: Organisation}."""
    manager = staff["manager"]
    afon = Area.objects.get(code="W06999901")
    if Provider.objects.filter(areas=afon).exists():
        return
    support_org = orgs.get(SUPPORT_SERVICE) or Organisation.objects.get(name=SUPPORT_SERVICE)
    SupportService.objects.get_or_create(organisation=support_org)
    support_worker = staff.get("support", manager)

    providers = {}
    for name, kind, status, welsh, offered, slots, workers, how, registered in PROVIDERS:
        existing = Organisation.objects.filter(name=name).first()
        fields = {
            "provider_type": kind, "status": status, "welsh_spoken": welsh, "services": offered,
            "availability": slots, "hours_per_week": 30 + 10 * len(workers),
            "contact_name": workers[0] if workers else "", "phone": "01632 960 000",
            "email": "hello@" + name.lower().replace(" ", "").replace("ŷ", "y") + ".demo.carershub.invalid",
            "postcode_districts": "AF1, AF2", "wards": "Aberafon, Cwmfelin, Pontafon",
        }
        if registered:
            fields.update(registered_on=today - timedelta(days=800), registration_number=f"SIN-{len(providers) + 7001}")
        provider = provider_services.create_provider(
            actor=manager, areas=[afon], organisation=existing, name="" if existing else name, **fields
        )
        for n, worker in enumerate(workers):
            provider_services.add_worker(provider, actor=manager, name=worker, role="Care worker",
                                         started_on=today - timedelta(days=400 + 30 * n))
        _checklist(provider, how, support_worker, today)
        providers[name] = provider

    # Gofal Glan yr Afon has applied to register (it wants a fifth person): the decision is weeks away.
    provider_services.submit_registration(
        providers[AT_LIMIT], actor=manager, submitted_on=today - timedelta(days=35), reference="CIW-DEMO-0412"
    )

    people = _cared_for_in_afon(afon, manager, 12)
    if len(people) == 12:  # a small demo (a few carers) has too few cared-for people: no care arranged
        _arrange_and_match(providers, people, manager, today)
    _advise(providers, support_worker, today)
    _mix(afon, manager, today)


def _arrange_and_match(providers, people, manager, today):
    """Arrangements over the last year and a half, and requests for care matched, introduced and new."""
    at_limit = providers[AT_LIMIT]
    # Four people with Gofal Glan yr Afon, begun over the last year: it is at its limit.
    for n, person in enumerate(people[:4]):
        arrangement_services.start_arrangement(
            provider=at_limit, person=person, starts_on=today - timedelta(days=330 - 80 * n),
            hours_per_week=Decimal(6 + n), funded_by="direct_payment", actor=manager, confirmed_limit=True,
        )
    # Others with Helping Hands, the co-operative and the council's team; one ended last quarter.
    for person, name, days, hours in [
        (people[4], EXPIRING, 250, Decimal("7.5")),
        (people[5], "Cwm Care Co-operative", 400, Decimal(14)),
        (people[6], "Cwm Care Co-operative", 120, Decimal(10)),
        (people[7], "Afon Valley Council Home Care", 500, Decimal(21)),
    ]:
        arrangement_services.start_arrangement(
            provider=providers[name], person=person, starts_on=today - timedelta(days=days), hours_per_week=hours,
            funded_by="council", actor=manager,
        )
    ended = arrangement_services.start_arrangement(
        provider=providers[EXPIRING], person=people[8], starts_on=today - timedelta(days=300), hours_per_week=Decimal(5),
        funded_by="direct_payment", actor=manager,
    )
    arrangement_services.end_arrangement(ended, expected_version=ended.version, ends_on=today - timedelta(days=100),
                                         reason="Moved into a care home.", actor=manager)

    # Requests for care at home: matched, introduced and waiting, and one new (for the demo walk).
    everyday = {"services": ["personal_care", "meals"], "times": ["mon:morning", "wed:morning", "fri:morning"],
                "hours_per_week": Decimal(6), "other_language": "", "preferences": ""}
    matched = matching_services.open_request(
        people[9], actor=manager, welsh_needed=True, direct_payment=True,
        **{**everyday, "preferences": "Would like the same worker each visit, and to speak Welsh."},
    )
    first = matching_services.introduce(matched, providers["Cwm Care Co-operative"], actor=manager)
    second = matching_services.introduce(matched, providers[EXPIRING], actor=manager)
    matching_services.record_outcome(
        first, outcome=IntroductionOutcome.AGREED, expected_version=first.version, actor=manager,
        starts_on=today - timedelta(days=10), hours_per_week=Decimal(6), setting="in_home",
        notes="Met the worker at home; starting on Monday.",
    )
    matching_services.record_outcome(
        second, outcome=IntroductionOutcome.DECLINED_BY_PERSON, expected_version=second.version, actor=manager,
        notes="Chose the co-operative for Welsh-speaking workers.",
    )
    waiting = matching_services.open_request(
        people[10], actor=manager, welsh_needed=False, direct_payment=False,
        **{**everyday, "services": ["companionship", "domestic"], "times": ["tue:afternoon", "thu:afternoon"]},
    )
    for provider in (providers[EXPIRING], providers["Cwm Care Co-operative"]):
        matching_services.introduce(waiting, provider, actor=manager)
    matching_services.open_request(
        people[11], actor=manager, welsh_needed=False, direct_payment=True,
        **{**everyday, "preferences": "Mornings before the day centre bus."},
    )


def _advise(providers, support_worker, today):
    """Advice from the secondary support service: to the business, never about anyone's care."""
    for name, topic, days, summary in [
        (AT_LIMIT, "legal", 40, "Explained the registration route with Care Inspectorate Wales and the documents needed."),
        (EXPIRING, "hr", 20, "Went through contracts of employment and holiday pay for a first employee."),
        ("Bryn Companions", "safeguarding", 12, "Shared a model safeguarding policy and the local reporting route."),
        ("Cwm Care Co-operative", "tendering", 5, "Helped read the council's tender for the Pontafon round."),
    ]:
        provider_services.record_advice(providers[name], actor=support_worker, topic=topic,
                                        given_on=today - timedelta(days=days), summary=summary, confirmed=True)


def _mix(afon, manager, today):
    """Provider mix: Afon Valley's last six quarters of hours, then the report's Table 2."""
    # The six quarters before the one we are in (a quarter's return comes in after it ends).
    quarters = shares.quarters_up_to(today, 7)[:-1]
    for (year, number), amounts in zip(quarters, AFON_HOURS, strict=True):
        period = shares.quarter(year, number)
        mix_services.enter_return(
            actor=manager, council_name=afon.name, council_code=afon.code, area=afon, period=period,
            basis="hours", amounts={k: Decimal(v) for k, v in amounts.items()},
            source="Afon Valley commissioning team, quarterly return",
        )
    call_command("load_provider_mix_report", stdout=_Quiet(), stderr=_Quiet())


class _Quiet:
    def write(self, text):
        pass

    def flush(self):
        pass
