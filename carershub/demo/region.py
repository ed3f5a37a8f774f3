"""A fictional two-authority region with synthetic people, for demos and manual testing.

Every name, address, NHS number (the 999 test range) and postcode (made-up AF and MR
areas that do not exist) is invented. Running it twice changes nothing.
"""

import base64
import hashlib
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone

from carershub.accounts.models import Role, StaffRole, User
from carershub.activity.models import Event, EventKind
from carershub.assessments import eligibility, services, wellbeing
from carershub.assessments.models import Assessment
from carershub.demo import breaks as demo_breaks
from carershub.demo import directory as demo_directory
from carershub.demo import emergency as demo_emergency
from carershub.demo import frameworks as demo_frameworks
from carershub.demo import grants as demo_grants
from carershub.demo import groups as demo_groups
from carershub.demo import identification as demo_identification
from carershub.demo import payments as demo_payments
from carershub.demo import actionplans as demo_actionplans
from carershub.demo import appraisal as demo_appraisal
from carershub.demo import coverage as demo_coverage
from carershub.demo import money as demo_money
from carershub.demo import monitoring as demo_monitoring
from carershub.demo import providers as demo_providers
from carershub.demo import survey as demo_survey
from carershub.demo import referrals as demo_referrals
from carershub.demo import signposting as demo_signposting
from carershub.contacts.models import CallerRole, Channel, Contact, Outcome
from carershub.partnership.models import Area, Nation, Organisation, PostcodeDistrict
from carershub.people import choices
from carershub.people.models import CarerProfile, CaringRelationship, Consent, Person
from carershub.selfassessment import services as self_services
from carershub.support import services as plan_services
from carershub.support.models import SupportOption

DEMO_PASSWORD = "carers-hub-demo"

AREAS = [
    ("Afon Valley", "W06999901", Nation.WALES, "AF"),
    ("Marchester", "E06999901", Nation.ENGLAND, "MR"),
]

K, S = Organisation.Kind, Organisation.Sector
ORGANISATIONS = [
    ("Afon Valley County Borough Council", K.COUNCIL, S.STATUTORY, "Afon Valley"),
    ("Marchester City Council", K.COUNCIL, S.STATUTORY, "Marchester"),
    ("Afon and Marches Carers Centre", K.CARERS_CENTRE, S.OTHER_THIRD_SECTOR, None),
    ("Afon and Marches University Health Board", K.HEALTH_BOARD, S.STATUTORY, "Afon Valley"),
    ("Marchester Integrated Care Board", K.HEALTH_BOARD, S.STATUTORY, "Marchester"),
    ("Marchester Hospitals NHS Trust", K.NHS_TRUST, S.STATUTORY, "Marchester"),
    ("Valleys Young Carers Project", K.THIRD_SECTOR, S.USER_LED, "Afon Valley"),
    ("Cwm Care Co-operative", K.CARE_PROVIDER, S.COOPERATIVE, "Afon Valley"),
    ("Marchester Befriending Social Enterprise", K.THIRD_SECTOR, S.SOCIAL_ENTERPRISE, "Marchester"),
    ("Riverside Dementia Support", K.THIRD_SECTOR, S.OTHER_THIRD_SECTOR, "Marchester"),
    ("Heol Fach Surgery", K.GP_PRACTICE, S.STATUTORY, "Afon Valley"),
    ("Tŷ Coch Medical Centre", K.GP_PRACTICE, S.STATUTORY, "Afon Valley"),
    ("Canal Street Practice", K.GP_PRACTICE, S.STATUTORY, "Marchester"),
    ("Northgate Health Centre", K.GP_PRACTICE, S.STATUTORY, "Marchester"),
    ("Ysgol Gyfun Afon", K.SCHOOL, S.STATUTORY, "Afon Valley"),
    ("Marchester Academy", K.SCHOOL, S.STATUTORY, "Marchester"),
    # The secondary support service for Afon Valley's providers of care at home (issue 13).
    ("Afon Micro-care Support Co-operative", K.THIRD_SECTOR, S.COOPERATIVE, "Afon Valley"),
]

# username, first, last, organisation, roles
STAFF = [
    ("frontdoor", "Ffion", "Morgan", "Afon and Marches Carers Centre", [Role.FRONT_DOOR]),
    ("practitioner", "Priya", "Shah", "Marchester City Council", [Role.PRACTITIONER]),
    ("manager", "Gareth", "Lloyd", "Afon Valley County Borough Council", [Role.TEAM_MANAGER, Role.PRACTITIONER]),
    # Decides Afon Valley's assessments, so that a second person (the manager) signs each off.
    ("socialworker", "Elin", "Pugh", "Afon Valley County Borough Council", [Role.PRACTITIONER]),
    ("commissioner", "Helen", "Okafor", "Marchester Integrated Care Board", [Role.COMMISSIONER]),
    ("partner", "Dylan", "Price", "Valleys Young Carers Project", [Role.PARTNER_WORKER]),
    ("admin", "Sam", "Taylor", "Afon and Marches Carers Centre", [Role.ADMINISTRATOR]),
    ("responder", "Rhys", "Bevan", "Afon and Marches Carers Centre", [Role.EMERGENCY_RESPONDER]),
    ("support", "Nia", "Rowlands", "Afon Micro-care Support Co-operative", [Role.PARTNER_WORKER]),
    # The carers centre as a provider under contract: writes its quarterly monitoring returns (issue 12).
    ("provider", "Carys", "Evans", "Afon and Marches Carers Centre", [Role.PARTNER_WORKER]),
]

# Demo staff who read the service in Welsh (accounts.User.preferred_language); the rest use English.
WELSH_SPEAKING_STAFF = {"partner"}

GIVEN = [
    "Ann", "Bethan", "Carys", "David", "Eleri", "Frank", "Gwen", "Harry", "Iwan", "Jane", "Kevin", "Lowri",
    "Mair", "Neil", "Owen", "Pat", "Rhys", "Sian", "Tom", "Urmila", "Vera", "Wyn", "Yusuf", "Zara",
    "Amira", "Bilal", "Chloe", "Deepak", "Emma", "Fatima", "Grace", "Hamza", "Isla", "Jack", "Kemi", "Leon",
]
FAMILY = [
    "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Lewis", "Morgan", "Griffiths",
    "Smith", "Taylor", "Brown", "Wilson", "Khan", "Patel", "Begum", "Okoro", "Nowak", "Clarke", "Walker",
    "Wright", "Hall", "Green", "Edwards", "Powell", "Pritchard", "Bevan", "Rees", "Howells",
]
STREETS = ["Heol y Bryn", "Station Road", "Chapel Street", "Mill Lane", "Park View", "High Street", "Church Road"]
TOWNS = {"AF": ["Aberafon", "Cwmfelin", "Pontafon"], "MR": ["Marchester", "Northgate", "Ashby Marches"]}
CONDITIONS = [c for c, _label in choices.ConditionGroup.choices]
RELATIONSHIPS = [c for c, _label in choices.Relationship.choices]


def demo_totp_secret(username: str) -> str:
    """A fixed authenticator key per demo user, so the README can list it."""
    digest = hashlib.sha256(f"carershub-demo-totp-{username}".encode()).digest()
    return base64.b32encode(digest).decode()[:32]


def synthetic_nhs_number(rng: random.Random) -> str:
    # 999 numbers are reserved for testing and never issued to a patient.
    while True:
        first_nine = "999" + "".join(str(rng.randint(0, 9)) for _ in range(6))
        total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
        check = 11 - (total % 11)
        if check == 11:
            check = 0
        if check != 10:
            return first_nine + str(check)


def synthetic_postcode(rng: random.Random, area_prefix: str) -> str:
    inward_letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"{area_prefix}{rng.randint(1, 9)} {rng.randint(0, 9)}{rng.choice(inward_letters)}{rng.choice(inward_letters)}"


def _dob(rng, today, low, high):
    return today - timedelta(days=rng.randint(low * 365, high * 365))


@transaction.atomic
def load(*, carers: int = 300, seed: int = 2026) -> dict:
    rng = random.Random(seed)
    today = timezone.localdate()
    areas = {}
    for name, code, nation, prefix in AREAS:
        areas[prefix], _ = Area.objects.get_or_create(code=code, defaults={"name": name, "nation": nation})
        # A new person's council area is filled in from their postcode (partnership.PostcodeDistrict).
        PostcodeDistrict.objects.get_or_create(prefix=prefix, defaults={"area": areas[prefix]})
    area_by_name = {a.name: a for a in areas.values()}
    orgs = {}
    for name, kind, sector, area_name in ORGANISATIONS:
        orgs[name], _ = Organisation.objects.get_or_create(
            name=name, kind=kind, defaults={"sector": sector, "area": area_by_name.get(area_name)}
        )
    staff = {}
    for username, first, last, org_name, roles in STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.carershub.invalid",
                "organisation": orgs[org_name],
                "is_staff": Role.ADMINISTRATOR in roles,
                "is_superuser": Role.ADMINISTRATOR in roles,
                "preferred_language": "cy" if username in WELSH_SPEAKING_STAFF else "en-gb",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            for role in roles:
                StaffRole.objects.create(user=user, role=role)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, demo_totp_secret(username))
            RecoveryCodes.activate(user)
        staff[username] = user

    # The councils' details for letters (invented: the .invalid domain and Ofcom's drama phone numbers).
    Organisation.objects.filter(name="Afon Valley County Borough Council", address="").update(
        address="Canolfan Ddinesig, Stryd y Bont\nAberafon\nAF1 1AA",
        phone="029 2018 0999",
        email="gofalwyr@afonvalley.invalid",
        website="https://afonvalley.invalid/carers",
        complaints_contact="Complaints team, Canolfan Ddinesig, Aberafon AF1 1AA; 029 2018 0998; cwynion@afonvalley.invalid",
    )
    Organisation.objects.filter(name="Marchester City Council", address="").update(
        address="Town Hall, Market Square\nMarchester\nMR1 1AA",
        phone="0161 496 0999",
        email="carers@marchester.invalid",
        website="https://marchester.invalid/carers",
        complaints_contact="Customer Feedback Team, Town Hall, Marchester MR1 1AA; 0161 496 0998",
    )
    # The Welsh council writes to everyone in Welsh and English, Welsh first (Welsh Language Standards).
    Organisation.objects.filter(name="Afon Valley County Borough Council").update(bilingual_correspondence=True)
    if Person.objects.filter(created_by__username__in=[s[0] for s in STAFF]).exists():
        return {"created": False, "staff": staff}
    # The Welsh council asks a team manager to sign off each decision, to show that step.
    Organisation.objects.filter(name="Afon Valley County Borough Council").update(assessment_sign_off_required=True)
    _make_people(rng, today, carers, areas, orgs, staff)
    _make_assessments(rng, today, staff)
    # Young carers and parent carers in each nation, each assessed under their own law (issue 15).
    demo_frameworks.make(
        today=today, staff=staff, areas=areas, orgs=orgs, answers=lambda nation: _answers(nation, rng, eligible=True)
    )
    _make_self_assessments(areas)
    _make_casework(today, areas, staff)
    _make_documents(today, areas, staff)
    # Support delivered (issue 10): each part makes its own demo records from the carers above.
    for part in (demo_breaks, demo_payments, demo_emergency, demo_groups):
        part.make(today=today, staff=staff, orgs=orgs)
    # The partnership (issue 11): the directory first (referrals and signposting pick from it), then
    # referrals between partners, signposting, the settings that identify carers, the grants fund.
    for part in (demo_directory, demo_referrals, demo_signposting, demo_identification, demo_grants):
        part.make(today=today, staff=staff, orgs=orgs)
    # Care at home through providers (issue 13): the register, arrangements, matching, the provider mix.
    demo_providers.make(today=today, staff=staff, orgs=orgs)
    # Commissioning intelligence (issue 12): the Census first (money's spend per head reads it),
    # then money (its two contracts), contract monitoring on those contracts, the carers survey,
    # an options appraisal and an action plan.
    for part in (demo_coverage, demo_money, demo_monitoring, demo_survey, demo_appraisal, demo_actionplans):
        part.make(today=today, staff=staff, orgs=orgs)
    return {"created": True, "staff": staff}


def _make_people(rng, today, carers, areas, orgs, staff):
    gps = {p: [o for o in orgs.values() if o.kind == Organisation.Kind.GP_PRACTICE and o.area == a] for p, a in areas.items()}
    schools = {p: [o for o in orgs.values() if o.kind == Organisation.Kind.SCHOOL and o.area == a] for p, a in areas.items()}
    workers = [staff["frontdoor"], staff["practitioner"], staff["manager"]]
    partner_org = orgs["Valleys Young Carers Project"]
    used_nhs = set()

    def person(prefix, dob, *, family=None):
        nhs = synthetic_nhs_number(rng) if rng.random() < 0.7 else None
        if nhs in used_nhs:
            nhs = None
        used_nhs.add(nhs)
        p = Person(
            given_name=rng.choice(GIVEN),
            family_name=family or rng.choice(FAMILY),
            date_of_birth=dob,
            nhs_number=nhs,
            address_line_1=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
            town=rng.choice(TOWNS[prefix]),
            postcode=synthetic_postcode(rng, prefix),
            area=areas[prefix],
            phone=f"+4477009{rng.randint(0, 99999):05d}",
            preferred_contact_method=rng.choice(["phone", "text", "email", "letter"]),
            preferred_language="cy" if prefix == "AF" and rng.random() < 0.2 else "en",
            sex=rng.choice(["female", "female", "male", "prefer_not_to_say"]),
            ethnic_group=rng.choice(["white_british"] * 6 + ["asian_pakistani", "black_african", "mixed_other", "prefer_not_to_say", ""]),
            gp_practice=rng.choice(gps[prefix]),
            created_by=rng.choice(workers),
        )
        p.refresh_search_keys()
        return p

    for _ in range(carers):
        prefix = rng.choice(["AF", "MR"])
        kind = rng.random()
        if kind < 0.1:
            dob = _dob(rng, today, 10, 18)  # some are 17: the transition queue has work
        elif kind < 0.2:
            dob = _dob(rng, today, 18, 25)
        else:
            dob = _dob(rng, today, 26, 88)
        carer = person(prefix, dob)
        if dob > today - timedelta(days=18 * 365):
            carer.school = rng.choice(schools[prefix])
        carer.save()
        identified = today - timedelta(days=rng.randint(0, 700))
        profile = CarerProfile.objects.create(
            person=carer,
            identified_on=identified,
            is_parent_carer=kind > 0.2 and rng.random() < 0.1,
            case_worker=rng.choice(workers + [None]),
        )
        when = timezone.make_aware(datetime.combine(identified, time(rng.randint(9, 16), rng.randint(0, 59))))
        _event(EventKind.PERSON_CREATED, carer, carer.created_by, when)
        _event(EventKind.CARER_IDENTIFIED, carer, carer.created_by, when, {"carer_type": profile.carer_type(identified)})

        for _n in range(1 if rng.random() < 0.85 else 2):
            cared_dob = _dob(rng, today, 3, 95)
            cared = person(prefix, cared_dob, family=carer.family_name if rng.random() < 0.6 else None)
            cared.save()
            _event(EventKind.PERSON_CREATED, cared, carer.created_by, when)
            rel = CaringRelationship.objects.create(
                carer=carer,
                cared_for=cared,
                relationship=rng.choice(RELATIONSHIPS),
                lives_with_carer=rng.random() < 0.6,
                caring_since=identified - timedelta(days=rng.randint(30, 3000)),
                hours_per_week=rng.choice([5, 8, 12, 15, 20, 30, 40, 50, 70, 100]),
                condition_groups=rng.sample(CONDITIONS, rng.randint(1, 2)),
            )
            _event(EventKind.CARING_ADDED, carer, carer.created_by, when, {"hours_band": rel.hours_band}, obj=rel)

        for _n in range(rng.randint(1, 3)):
            received = when + timedelta(days=rng.randint(0, 200), minutes=rng.randint(0, 300))
            if received > timezone.now():
                received = when
            outcomes = rng.choice(
                [[Outcome.INFORMATION_ONLY], [Outcome.IDENTIFIED_AS_CARER, Outcome.ASSESSMENT_OFFERED], [Outcome.REFERRAL], [Outcome.IDENTIFIED_AS_CARER]]
            )
            recorder = rng.choice(workers)
            contact = Contact.objects.create(
                received_at=received,
                channel=rng.choice([c for c, _label in Channel.choices]),
                caller_role=rng.choice([CallerRole.CARER] * 4 + [CallerRole.PROFESSIONAL, CallerRole.FAMILY_FRIEND]),
                person=carer,
                what_matters=rng.choice(
                    [
                        "Not sleeping because of getting up in the night. Wants a break now and then.",
                        "Worried about keeping their job while caring. Wants to know about flexible working.",
                        "Feels alone since the diagnosis. Would like to meet other carers.",
                        "Money is tight. Wants a benefits check.",
                        "Wants to plan what happens if they are taken ill.",
                    ]
                ),
                information_given="Carers information pack sent. Explained the right to a carer's assessment.",
                outcomes=outcomes,
                referred_to=partner_org if Outcome.REFERRAL in outcomes else None,
                recorded_by=recorder,
                organisation=recorder.organisation,
            )
            _event(
                EventKind.CONTACT_LOGGED, carer, recorder, received, {"channel": contact.channel, "outcomes": outcomes}, obj=contact
            )

        if dob > today - timedelta(days=26 * 365) and rng.random() < 0.5:
            consent = Consent.objects.create(
                person=carer,
                organisation=partner_org,
                purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL,
                given_on=identified,
                method=rng.choice(["verbal", "written", "online"]),
                recorded_by=staff["frontdoor"],
            )
            _event(
                EventKind.CONSENT_GIVEN, carer, staff["frontdoor"], when, {"organisation_id": partner_org.pk}, obj=consent
            )

    # Two callers not yet linked to a record: the front door's work queue.
    for given, family, postcode in (("Morwenna", "Pryce", "AF3 2BD"), ("Colin", "Ashworth", "MR5 7HT")):
        Contact.objects.create(
            channel=Channel.PHONE,
            caller_role=CallerRole.CARER,
            given_name=given,
            family_name=family,
            postcode=postcode,
            cared_for_summary="Looks after a parent who has had a stroke",
            what_matters="Did not know there was help for carers. Wants to talk to someone about a break.",
            outcomes=[Outcome.IDENTIFIED_AS_CARER, Outcome.ASSESSMENT_OFFERED],
            recorded_by=staff["frontdoor"],
            organisation=staff["frontdoor"].organisation,
        )


def _answers(nation, rng, eligible: bool) -> dict:
    """Eligibility answers of the kind a practitioner records; ``eligible`` steers the outcome."""
    codes = eligibility.OUTCOMES_BY_NATION[eligibility.Nation(nation)]
    struggling = set(rng.sample(codes, rng.randint(1, 3))) if eligible else set()
    outcomes = []
    for code in codes:
        if code in struggling:
            outcomes.append({"code": code, "achievable": rng.choice(["only_with_assistance", "with_significant_pain_distress_anxiety"]),
                             "others_or_community_can_meet": False, "others_or_community": "no",
                             "personal_outcomes_unlikely_without_council": True})
        else:
            outcomes.append({"code": code, "achievable": "yes"})
    answers = {
        "nation": nation,
        "cared_for": "adult",
        "needs_arise_from_providing_care": True,
        "outcomes": outcomes,
        "needs_fluctuate": False,
    }
    if nation == "england":
        answers.update(provides_necessary_care=True, health_deteriorating_or_at_risk=False, significant_impact_on_wellbeing=eligible)
    return answers


def _make_assessments(rng, today, staff):
    """Assessments at every stage, with plans whose reviews fall due, so every queue has work in it."""
    councils = {o.area_id: o for o in Organisation.objects.filter(kind=Organisation.Kind.COUNCIL)}
    carers = list(
        Person.objects.filter(carer__isnull=False, date_of_birth__lte=today - timedelta(days=19 * 365))
        .select_related("area")
        .order_by("pk")[:48]
    )
    left_for_sign_off = 2
    for i, carer in enumerate(carers):
        worker = staff["socialworker"] if carer.area.nation == Nation.WALES else staff["practitioner"]
        started = timezone.now() - timedelta(days=rng.randint(40, 300))
        assessment = services.start_assessment(
            carer=carer, assessment_type="carer", organisation=councils[carer.area_id], actor=worker
        )
        wellbeing_areas = list(wellbeing.AREAS_BY_NATION[assessment.nation])
        assessment.caring_role = "Helps with washing, dressing, meals and medicines every day, and is up most nights."
        assessment.cared_for_needs = "Memory is getting worse; cannot be left alone for long."
        assessment.able_to_care, assessment.willing_to_care = rng.choice(["yes", "partly"]), "yes"
        assessment.future_caring = "Wants to carry on, but worried about managing if their own health gets worse."
        assessment.outcomes_wanted = "A regular break, and time to see friends."
        assessment.wellbeing = {code: {"impact": rng.choice(["none", "some", "significant"]), "notes": ""} for code in wellbeing_areas}
        assessment.carer_views = "I want to keep caring, but I need some time for me."
        assessment.participants = "The carer"
        assessment.eligibility_answers = _answers(assessment.nation, rng, eligible=rng.random() < 0.6)
        assessment.work_education_leisure = "Works three mornings a week; has given up the choir."
        assessment.matters = demo_frameworks.matters_answers(assessment)
        if i % 8 == 0:
            assessment.carer_views = ""  # still being written
        assessment.save()
        if i % 8 != 0:
            services.submit(assessment, expected_version=assessment.version, actor=worker)
            if i % 8 != 1:
                services.decide(
                    assessment,
                    expected_version=assessment.version,
                    actor=worker,
                    determination=services.agreeing_with_proposal(
                        assessment, reasons="As the rules propose, from what the carer told us."
                    ),
                )
                if assessment.status == "decided":
                    if left_for_sign_off:
                        left_for_sign_off -= 1  # waiting in the team manager's sign-off queue
                    else:
                        services.sign_off(assessment, expected_version=assessment.version, actor=staff["manager"])
        if assessment.status == "completed" and (assessment.eligible or i % 2):
            plan = plan_services.create_plan(
                assessment,
                data={
                    "outcomes": "A regular break each week; to feel less alone.",
                    "support_options": [SupportOption.SHORT_BREAKS, SupportOption.PREVENTATIVE]
                    if assessment.eligible
                    else [SupportOption.PREVENTATIVE],
                    "personal_budget": Decimal(rng.choice([300, 450, 600, 900])) if assessment.eligible else None,
                    "review_date": today + timedelta(days=365),
                },
                actions=[{"description": "Join the Tuesday carers' group", "who": "carer", "organisation_id": None, "due_by": None}],
                actor=worker,
            )
            plan_services.agree(plan, expected_version=plan.version, actor=worker)
            # Spread review dates so the queues have overdue, due and later reviews.
            review_date = today + timedelta(days=rng.choice([-20, -5, 3, 10, 21, 90, 200]))
            type(plan).objects.filter(pk=plan.pk).update(review_date=review_date)
        _backdate(assessment, started)


def _backdate(assessment, started):
    """Make a demo assessment look as if it happened over the past months, events included."""
    shift = timezone.now() - started
    fields = {"started_at": started}
    for name in ("submitted_at", "decided_at", "signed_off_at", "completed_at"):
        value = getattr(assessment, name)
        if value:
            fields[name] = value - shift + timedelta(days=7)
    Assessment.objects.filter(pk=assessment.pk).update(**fields)
    for event in Event.objects.filter(object_type="assessments.assessment", object_id=assessment.pk):
        Event.objects.filter(pk=event.pk).update(occurred_at=event.occurred_at - shift + timedelta(days=7))


def _make_self_assessments(areas):
    for given, family, postcode, prefix in (("Bronwen", "Watkins", "AF2 4NP", "AF"), ("Tariq", "Hussain", "MR3 8DL", "MR")):
        area = areas[prefix]
        self_services.receive(
            details={"given_name": given, "family_name": family, "date_of_birth": date(1968, 3, 14), "postcode": postcode, "email": ""},
            answers={
                "caring_role": "I look after my mum since her stroke. I do her shopping, cooking and help her wash.",
                "cared_for_needs": "She cannot walk far and gets confused in the evenings.",
                "able_to_care": "partly",
                "willing_to_care": "yes",
                "outcomes_wanted": "To keep my part-time job and have one evening a week to myself.",
                "wellbeing": {code: {"impact": "some", "notes": ""} for code in wellbeing.AREAS_BY_NATION[area.nation]},
                "work_education_leisure": "I work three days a week in a shop.",
                "carer_views": "I am tired all the time and I do not want to lose my job.",
            },
            area=area,
            made_by="self",
        )


def _make_documents(today, areas, staff):
    """A signed consent form, scanned to PDF, on the record of an Afon carer who gave consent."""
    from carershub.documents import samples
    from carershub.documents import services as documents

    consent = (
        Consent.objects.filter(person__carer__isnull=False, person__area=areas["AF"])
        .select_related("person", "organisation")
        .order_by("person_id")
        .first()
    )
    if consent is None:
        return
    carer, signed = consent.person, consent.given_on
    content = samples.pdf(
        [
            "Consent to share information",
            f"Name: {carer.full_name}",
            f"I agree that the carers service may share my record with {consent.organisation.name}",
            "so that they can support me as a carer. I can withdraw this consent at any time.",
            f"Signed: {carer.full_name} (signature on the paper form)",
            f"Date: {signed:%d/%m/%Y}",
            "Synthetic demonstration document: every name in it is invented.",
        ],
        title="Consent to share information",
    )
    documents.attach(
        carer, content, f"consent-{signed:%Y-%m-%d}.pdf", actor=staff["frontdoor"], kind="signed_consent",
        title=f"Consent form signed {signed.day} {signed:%B %Y}",
    )


def _make_casework(today, areas, staff):
    """Notes, tasks due and overdue, and an open safeguarding concern, on a few Afon carers, so
    "My work", the concerns queue and a record's timeline have something in them."""
    from carershub.casework import services as casework

    frontdoor, manager = staff["frontdoor"], staff["manager"]
    carers = list(Person.objects.filter(carer__isnull=False, area=areas["AF"]).order_by("pk")[:4])
    if len(carers) < 4:
        return
    first, second, third, fourth = carers
    casework.write_note(
        first, category="phone_call", happened_on=today - timedelta(days=6), actor=frontdoor,
        text="Rang to ask about a break at weekends. Her mother's dementia is worse at night; she has not slept "
        "properly for weeks. Talked through the sitting service and a carer's assessment.",
    )
    casework.write_note(
        first, category="visit", happened_on=today - timedelta(days=2), actor=manager,
        text="Home visit. House well kept; she is exhausted. Agreed to start a carer's assessment next week.",
    )
    casework.write_note(
        second, category="professional_discussion", happened_on=today - timedelta(days=1), actor=manager,
        restricted=True, text="Discussed with the GP (by phone) a family matter she asked us to keep within the council.",
    )
    casework.create_task(
        title=f"Call back {first.full_name} about the sitting service", kind="call_back", person=first,
        due_on=today + timedelta(days=1), assigned_to=frontdoor, actor=frontdoor, priority="high",
    )
    casework.create_task(
        title="Send the carer's emergency plan form", person=second, due_on=today - timedelta(days=4),
        assigned_to=manager, actor=manager,
    )
    casework.create_task(
        title="Chase the GP's letter about the cared-for person's discharge", person=third,
        due_on=today - timedelta(days=1), actor=manager,
    )
    # A safeguarding concern the front door raised by phone, waiting for the council's decision.
    casework.write_note(
        fourth, category="phone_call", happened_on=today, actor=frontdoor, concern="adult_safeguarding",
        text="Said her son has been taking her husband's money and shouting at him; she is frightened to stop "
        "him. Safe tonight. Told her we would pass this to the council's safeguarding team today.",
    )


def _event(kind, person, actor, when, data=None, obj=None):
    """The event the product writes for this change; ``obj`` is what it is about (the person by
    default), so the timeline links to the contact or consent as it does for a real one."""
    obj = obj if obj is not None else person
    Event.objects.create(
        kind=kind,
        occurred_at=when,
        actor=actor,
        organisation_id=actor.organisation_id if actor else None,
        person=person,
        area_id=person.area_id,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        data=data or {},
    )
