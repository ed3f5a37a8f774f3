"""A legitimate relationship, not the whole region: who may open, change and decide what (issue 14)."""

import datetime
import re

import pytest
from django.db.models import Q
from django.utils import timezone

from carershub.accounts.models import Role, StaffRole
from carershub.audit.models import AccessAction, AccessEvent, AccessPart
from carershub.people.models import AccessGrant, CaringRelationship, Person
from carershub.partnership.models import Organisation
from carershub.referrals.models import SharedPart
from tests import builders
from tests.pages import Page
from tests.builders import share_consented



@pytest.fixture
def marches_carer(make_carer, region):
    carer = make_carer(given="Mared", family="Elsewhere", postcode="MR1 2AB")
    Person.objects.filter(pk=carer.pk).update(area=region["areas"]["marches"])
    carer.refresh_from_db()
    return carer


@pytest.fixture
def afon_practitioner(client_for):
    return client_for(Role.PRACTITIONER, organisation="council")


def test_a_council_practitioner_opens_the_records_of_their_own_councils_residents(afon_practitioner, make_carer):
    carer = make_carer()

    assert afon_practitioner.get(f"/people/{carer.pk}/").status_code == 200


def test_a_record_of_another_councils_resident_asks_why_before_it_opens(afon_practitioner, marches_carer):
    response = afon_practitioner.get(f"/people/{marches_carer.pk}/")

    assert response.status_code == 302
    assert response.url == f"/people/{marches_carer.pk}/why/?next=%2Fpeople%2F{marches_carer.pk}%2F"
    assert not AccessEvent.objects.filter(person_ref=marches_carer.pk, part=AccessPart.RECORD).exists()


def test_they_still_find_them_in_a_search_marked_as_not_theirs(afon_practitioner, marches_carer):
    page = Page(afon_practitioner.get("/people/", {"q": "Elsewhere"}))

    assert "Mared Elsewhere" in page.text
    assert "Not one of your records" in page.text


def _statements_on_people(client, path, params=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries if 'FROM "people_person"' in q["sql"]]


def test_the_search_page_before_a_search_builds_no_relationship_filter(afon_practitioner, monkeypatch):
    # Building the filter of every reason cost more Python than the rest of the page, for no rows.
    from carershub.people import relationships

    built = []
    real = relationships.related_q
    monkeypatch.setattr(relationships, "related_q", lambda user: built.append(user) or real(user))

    assert _statements_on_people(afon_practitioner, "/people/") == []
    assert built == []


def test_somebody_who_opens_every_record_is_never_told_a_result_is_not_theirs(front_door, marches_carer):
    statements = _statements_on_people(front_door, "/people/", {"q": "Elsewhere"})

    page = Page(front_door.get("/people/", {"q": "Elsewhere"}))
    assert "Mared Elsewhere" in page.text and "Not one of your records" not in page.text
    # Which of the page's results are theirs would be asked by their ids, selecting nothing else;
    # the search reads the same ids with the columns it shows.
    asked = [s for s in statements if re.match(r'SELECT "people_person"\."id"( AS "pk")? FROM', s) and '"id" IN (' in s]
    assert statements and not asked


def test_a_councils_search_reads_from_each_row_whether_the_user_works_with_them(
    afon_practitioner, make_carer, marches_carer, monkeypatch
):
    # Residents of the council's area, and a carer elsewhere whose case worker is the user, are
    # theirs without building the filter of every reason (decision 59), as when each is opened.
    from carershub.people import relationships
    from carershub.people.models import CarerProfile

    make_carer(given="Ann", family="Ownarea")
    allocated = make_carer(given="Bryn", family="Ownarea", area=marches_carer.area, postcode="MR4 1AA")
    CarerProfile.objects.filter(person=allocated).update(case_worker=afon_practitioner.user)
    built, asked = [], []
    real, real_open_among = relationships.related_q, relationships.open_among
    monkeypatch.setattr(relationships, "related_q", lambda user: built.append(user) or real(user))
    monkeypatch.setattr(relationships, "open_among", lambda user, pks: asked.append(pks) or real_open_among(user, pks))

    page = Page(afon_practitioner.get("/people/", {"q": "Ownarea"}))

    assert "Ann Ownarea" in page.text and "Bryn Ownarea" in page.text
    assert "Not one of your records" not in page.text
    assert built == [] and asked == []

    page = Page(afon_practitioner.get("/people/", {"q": "Elsewhere"}))

    assert "Not one of your records" in page.text, "the database is still asked about the others"
    assert asked == [[marches_carer.pk]]


def test_a_short_or_empty_reason_is_explained_on_the_field(afon_practitioner, marches_carer):
    page = Page(afon_practitioner.post(f"/people/{marches_carer.pk}/why/", {"reason": "need"}))

    assert page.error_for("reason") == "Say in a sentence why you need to open this record"
    assert not AccessGrant.objects.exists()


def test_giving_a_reason_opens_the_record_for_the_day_logged_with_the_reason(afon_practitioner, marches_carer):
    reason = "The carer phoned the duty line and their case worker is on leave"

    response = afon_practitioner.post(
        f"/people/{marches_carer.pk}/why/", {"reason": reason, "next": f"/people/{marches_carer.pk}/"}
    )

    assert response.status_code == 302 and response.url == f"/people/{marches_carer.pk}/"
    assert afon_practitioner.get(f"/people/{marches_carer.pk}/").status_code == 200
    logged = AccessEvent.objects.get(person_ref=marches_carer.pk, action=AccessAction.BREAK_GLASS)
    assert (logged.purpose, logged.actor) == (reason, afon_practitioner.user)
    grant = AccessGrant.objects.get()
    assert grant.expires_at - grant.granted_at == datetime.timedelta(hours=12)


def test_a_broken_glass_lets_one_look_but_not_change(afon_practitioner, marches_carer):
    afon_practitioner.post(f"/people/{marches_carer.pk}/why/", {"reason": "Duty call from the carer about a crisis"})

    assert afon_practitioner.get(f"/people/{marches_carer.pk}/edit/details/").status_code == 403


def test_an_expired_reason_asks_again(afon_practitioner, marches_carer):
    afon_practitioner.post(f"/people/{marches_carer.pk}/why/", {"reason": "Duty call from the carer about a crisis"})
    AccessGrant.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    assert afon_practitioner.get(f"/people/{marches_carer.pk}/").status_code == 302


def test_the_reason_page_goes_back_only_to_this_site(afon_practitioner, marches_carer):
    response = afon_practitioner.post(
        f"/people/{marches_carer.pk}/why/",
        {"reason": "Duty call from the carer about a crisis", "next": "https://elsewhere.example/steal"},
    )

    assert response.url == f"/people/{marches_carer.pk}/"


def test_the_manager_of_their_organisation_reviews_the_reasons(afon_practitioner, marches_carer, client_for, new_client, make_user):
    afon_practitioner.post(f"/people/{marches_carer.pk}/why/", {"reason": "Duty call from the carer about a crisis"})
    manager = new_client(make_user(Role.TEAM_MANAGER, organisation="council"))
    other_manager = new_client(make_user(Role.TEAM_MANAGER, organisation="centre"))

    page = Page(manager.get("/people/access-reasons/"))
    home = Page(manager.get("/"))

    assert "Duty call from the carer about a crisis" in page.text
    assert "Records opened outside a relationship, to review 1" in home.text
    assert "Duty call" not in Page(other_manager.get("/people/access-reasons/")).text
    grant = AccessGrant.objects.get()
    assert not AccessGrant.objects.to_review_by(afon_practitioner.user).exists(), "nobody reviews their own reason"
    manager.post("/people/access-reasons/", {"grant": grant.pk, "note": "Checked with the duty team"})
    grant.refresh_from_db()
    assert (grant.reviewed_by, grant.review_note) == (manager.user, "Checked with the duty team")
    assert "Duty call" not in Page(manager.get("/people/access-reasons/")).text


def test_a_partner_is_never_offered_to_break_the_glass(client_for, marches_carer):
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    assert partner.get(f"/people/{marches_carer.pk}/").status_code == 404
    assert partner.get(f"/people/{marches_carer.pk}/why/").status_code == 404


def test_the_case_workers_team_works_with_the_carer_wherever_they_live(client_for, make_user, marches_carer, region):
    trust = Organisation.objects.create(
        name="Test Hospitals Trust", kind=Organisation.Kind.NHS_TRUST, sector=Organisation.Sector.STATUTORY
    )
    colleague = make_user(Role.PRACTITIONER, organisation="gp")
    stranger = client_for(Role.PRACTITIONER, organisation="gp")
    for user in (colleague, stranger.user):
        user.organisation = trust
        user.save()
    assert stranger.get(f"/people/{marches_carer.pk}/").status_code == 302  # not theirs yet

    marches_carer.carer.case_worker = colleague
    marches_carer.carer.save()

    assert stranger.get(f"/people/{marches_carer.pk}/").status_code == 200


def test_the_carers_centre_works_region_wide(client_for, marches_carer):
    for role in (Role.FRONT_DOOR, Role.PRACTITIONER, Role.TEAM_MANAGER):
        assert client_for(role, organisation="centre").get(f"/people/{marches_carer.pk}/").status_code == 200


def test_an_assessing_council_works_with_the_carer_it_assessed(client_for, make_user, marches_carer, region):
    practitioner = make_user(Role.PRACTITIONER, organisation="council")
    builders.completed_assessment(marches_carer, actor=practitioner, organisation=region["orgs"]["council"])
    afon_manager = client_for(Role.TEAM_MANAGER, organisation="council")

    assert afon_manager.get(f"/people/{marches_carer.pk}/").status_code == 200


def test_a_practitioner_cannot_decide_or_change_another_councils_assessment(
    client_for, make_user, make_carer, marches_council
):
    carer = make_carer()
    marches_worker = make_user(Role.PRACTITIONER, organisation="centre")
    assessment = builders.completed_assessment(carer, actor=marches_worker, organisation=marches_council)
    assessment.status = "submitted"
    assessment.save()
    afon = client_for(Role.PRACTITIONER, organisation="council")

    page = Page(afon.get(f"/assessments/{assessment.pk}/"))
    refused = afon.post(f"/assessments/{assessment.pk}/decide/", {"version": assessment.version})

    assert "Decide eligibility" not in page.text
    assert refused.status_code == 403
    assert afon.get(f"/assessments/{assessment.pk}/caring/").status_code == 403


def test_a_council_practitioner_assesses_for_their_own_council_only(afon_practitioner, make_carer, marches_council):
    carer = make_carer()

    page = Page(afon_practitioner.get(f"/assessments/new/{carer.pk}/"))
    refused = afon_practitioner.post(
        f"/assessments/new/{carer.pk}/", {"assessment_type": "carer", "assessing_organisation": marches_council.pk}
    )

    assert "Test Marches Council" not in page.text
    assert Page(refused).error_for("assessing_organisation")


def test_a_partner_sees_a_shared_carer_but_not_the_cared_for_persons_health(client_for, make_carer, make_consent):
    carer = make_carer(given="Shared", family="Carertest")
    cared_for = make_carer(given="Private", family="Healthtest")
    CaringRelationship.objects.create(
        carer=carer, cared_for=cared_for, relationship="parent", condition_groups=["dementia"],
        conditions_detail="Vascular dementia since 2021",
    )
    consent = make_consent(carer, "partner")
    share_consented(consent, shared=[SharedPart.CARING_SITUATION])
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    page = Page(partner.get(f"/people/{carer.pk}/"))

    assert "What was shared" in page.text and "Private Healthtest" in page.text
    assert "Dementia" not in page.text and "Vascular" not in page.text
    # Only what a referral shared: once the carer agrees to share the cared-for person's health, it shows.
    share_consented(consent, shared=[SharedPart.CARED_FOR_HEALTH])
    assert "Dementia" in Page(partner.get(f"/people/{carer.pk}/")).text


def test_everybody_shown_on_a_carers_page_gets_their_own_access_entry(afon_practitioner, make_carer):
    carer = make_carer(given="Logged", family="Carertest")
    cared_for = make_carer(given="Alsologged", family="Caredtest")
    CaringRelationship.objects.create(carer=carer, cared_for=cared_for, relationship="parent")

    afon_practitioner.get(f"/people/{carer.pk}/")

    entry = AccessEvent.objects.get(person_ref=cared_for.pk)
    assert entry.part == AccessPart.CARING_RELATIONSHIPS


def test_an_unknown_caller_shown_on_a_contact_page_is_logged_against_the_contact(client_for, make_contact):
    contact = make_contact(given_name="Nameless", family_name="Callertest")
    front_door = client_for(Role.FRONT_DOOR)

    front_door.get(f"/contacts/{contact.pk}/")

    entry = AccessEvent.objects.get(contact_ref=contact.pk)
    assert (entry.person_ref, entry.part) == (None, AccessPart.CONTACT)


def test_the_decision_letter_pdf_is_logged_as_a_download(afon_practitioner, make_carer, region):
    carer = make_carer()
    assessment = builders.completed_assessment(carer, actor=afon_practitioner.user, organisation=region["orgs"]["council"])

    afon_practitioner.get(f"/assessments/{assessment.pk}/letter.pdf")

    assert AccessEvent.objects.filter(person_ref=carer.pk, action=AccessAction.EXPORT, part=AccessPart.DECISION_LETTER).exists()


def test_a_superuser_is_granted_none_of_the_services_permissions(make_user, make_carer):
    admin = make_user(Role.ADMINISTRATOR)
    admin.is_superuser = admin.is_staff = True
    admin.save()
    carer = make_carer()

    assert admin.has_perm("accounts.change_user")  # the admin site still works
    assert not admin.has_perm("people.view_person", carer)
    assert not admin.has_perm("people.add_person")
    assert not admin.has_perm("support.view_supportplan")
    assert not Person.objects.visible_to(admin).exists()


def test_a_consent_opens_the_carer_but_not_the_people_they_care_for(client_for, make_carer, make_consent, region):
    carer = make_carer(given="Consented", family="Carertest", postcode="MR1 2AB")
    cared_for = make_carer(given="Notconsented", family="Caredtest", postcode="MR1 2AB")
    Person.objects.filter(pk__in=[carer.pk, cared_for.pk]).update(area=region["areas"]["marches"])
    CaringRelationship.objects.create(carer=carer, cared_for=cared_for, relationship="parent")
    share_consented(make_consent(carer, "gp"))
    surgery_practitioner = client_for(Role.PRACTITIONER, organisation="gp")

    assert surgery_practitioner.get(f"/people/{carer.pk}/").status_code == 200
    assert surgery_practitioner.get(f"/people/{cared_for.pk}/").status_code == 302  # asked why


def test_the_cared_for_person_of_a_carer_worked_with_opens_too(afon_practitioner, make_carer, marches_carer):
    carer = make_carer(given="Afon", family="Carertest")
    CaringRelationship.objects.create(carer=carer, cared_for=marches_carer, relationship="parent")

    assert afon_practitioner.get(f"/people/{marches_carer.pk}/").status_code == 200


@pytest.fixture
def every_reason(make_user, make_carer, make_consent, marches_council, region):
    """Somebody for every reason of people/relationships.py, and a user of every role.

    Returns (users, people by first name, the council practitioner whose reasons the names are)."""
    afon, marches = region["areas"]["afon"], region["areas"]["marches"]
    practitioner = make_user(Role.PRACTITIONER, organisation="council")
    colleague = make_user(Role.PRACTITIONER, organisation="council")
    people = {}

    def person(name, area=marches, **extra):
        made = make_carer(given=name, family="Reasons", postcode="AF1 2AB" if area == afon else "MR1 2AB", **extra)
        Person.objects.filter(pk=made.pk).update(area=area)
        people[name] = made
        return made

    person("Resident", area=afon)  # reason 4
    person("Stranger")  # no reason at all
    case = person("Caseload")  # reason 2
    case.carer.case_worker = practitioner
    case.carer.save()
    team = person("Team")  # reason 3
    team.carer.case_worker = colleague
    team.carer.save()
    other_team = person("Otherteam")  # another council's caseload: no reason for this one
    other_team.carer.case_worker = make_user(Role.PRACTITIONER, organisation=marches_council)
    other_team.carer.save()
    assessed = person("Assessed")  # reason 5
    builders.completed_assessment(assessed, actor=practitioner, organisation=region["orgs"]["council"])
    shared = person("Shared")  # reason 6, for the partner only
    share_consented(make_consent(shared))
    share_consented(make_consent(shared, organisation="council"))
    cared_for = person("Caredfor")  # reason 7, through the caseload carer
    CaringRelationship.objects.create(carer=case, cared_for=cared_for, relationship="parent")
    carer_of_resident = person("Carerofresident")  # reason 7, the other way
    CaringRelationship.objects.create(carer=carer_of_resident, cared_for=people["Resident"], relationship="parent")
    through_consent = person("Throughconsent")  # not reason 7: consent does not carry
    CaringRelationship.objects.create(carer=shared, cared_for=through_consent, relationship="parent")
    nowhere = person("Nowhere", area=None)  # no area known: only the other reasons can say
    nowhere.carer.case_worker = practitioner
    nowhere.carer.save()
    opened = person("Opened")  # reason 8
    AccessGrant.objects.create(
        person=opened, user=practitioner, reason="Duty line call while the case worker is away",
        granted_at=timezone.now(), expires_at=timezone.now() + datetime.timedelta(hours=1),
    )

    users = [
        practitioner,
        make_user(Role.TEAM_MANAGER, organisation="council"),
        make_user(Role.PARTNER_WORKER, organisation="partner"),
        make_user(Role.FRONT_DOOR),
        make_user(Role.COMMISSIONER),
        make_user(Role.PRACTITIONER, organisation=marches_council),
        _without_organisation(make_user(Role.PRACTITIONER)),
    ]
    return users, people, practitioner


def _without_organisation(user):
    user.organisation = None
    user.save(update_fields=["organisation"])
    return user


def test_the_two_ways_of_asking_who_a_user_works_with_agree_for_every_reason(every_reason):
    """A person's own queries ask Person.objects.related_to/visible_to; other apps' queries ask
    relationships.about_related on their link to the person. Every reason, every role: the same people."""
    from carershub.people import relationships

    users, people, practitioner = every_reason
    for user in users:
        for kind in ("related", "visible"):
            own = set(getattr(Person.objects, f"{kind}_to")(user).values_list("pk", flat=True))
            link = relationships.about_related(user, "pk", opened=kind == "visible")
            linked = Person.objects.all() if link is None else Person.objects.filter(link)
            assert set(linked.values_list("pk", flat=True)) == own, (user, kind)
    practitioners_people = set(Person.objects.related_to(practitioner).values_list("given_name", flat=True))
    assert {"Resident", "Caseload", "Team", "Assessed", "Shared", "Caredfor", "Carerofresident"} <= practitioners_people
    assert not {"Stranger", "Otherteam", "Throughconsent", "Opened"} & practitioners_people
    assert "Opened" in set(Person.objects.visible_to(practitioner).values_list("given_name", flat=True))


def test_asking_which_of_some_people_a_user_may_open_agrees_with_visible_to(every_reason, monkeypatch):
    """relationships.open_among (a search's "Not one of your records"), compiled once per user, day
    and size, answers as Person.objects.visible_to for every reason and role, whatever the number of
    people asked about and however often; a reason that ends is ended at once (the database's clock)."""
    import random

    from carershub.people import relationships

    monkeypatch.setattr(relationships, "_KEPT_FILTERS", {})
    users, people, practitioner = every_reason
    everybody = sorted(p.pk for p in people.values())
    rng = random.Random(4)
    for _round in range(2):
        for user in users:
            for count in (1, 2, 3, 5, 8, 9, len(everybody)):
                pks = rng.sample(everybody, count)
                expected = set(Person.objects.visible_to(user).filter(pk__in=pks).values_list("pk", flat=True))
                assert relationships.open_among(user, pks) == expected, (user, count)
    assert people["Opened"].pk in relationships.open_among(practitioner, [people["Opened"].pk])
    AccessGrant.objects.filter(person=people["Opened"]).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert relationships.open_among(practitioner, [people["Opened"].pk, people["Stranger"].pk]) == set()
    assert relationships.open_among(practitioner, []) == set()


def test_the_person_page_opens_whom_the_rules_say_however_it_got_its_answer(every_reason, new_client):
    """visible_person_or_404 answers from the person's own row when it can (reasons 2 to 4), and the
    people they care for through that (reason 7) without asking again: through the page, for every
    reason and every role, the same answer as the rules' query. The page opens, asks why, or is
    not found; a cared-for person is a link only where they may be opened."""
    from carershub.people import relationships

    users, people, _practitioner = every_reason
    for user in users:
        browser = new_client(user)
        visible = set(Person.objects.visible_to(user).values_list("pk", flat=True))
        findable = set(Person.objects.findable_by(user).values_list("pk", flat=True))
        for name, person in people.items():
            response = browser.get(f"/people/{person.pk}/")
            expected = 200 if person.pk in visible else 302 if person.pk in findable else 404
            assert response.status_code == expected, (user.username, name)
            if response.status_code != 200:
                continue
            page = response.content.decode()
            caring = CaringRelationship.objects.filter(Q(carer=person) | Q(cared_for=person)).select_related(
                "carer", "cared_for"
            )
            for relationship in caring:
                other = relationship.cared_for if relationship.carer_id == person.pk else relationship.carer
                assert (f'href="/people/{other.pk}/"' in page) == (other.pk in visible), (user.username, name, other)
        # The row's answer is never "yes" where the rules' query says no.
        related = set(Person.objects.related_to(user).values_list("pk", flat=True))
        loaded = Person.objects.select_related("carer__case_worker")
        for person in loaded.filter(pk__in=[p.pk for p in people.values()]):
            if relationships.works_with_on_record(user, person):
                assert person.pk in related, (user.username, person.given_name)


def test_a_resident_of_their_area_opens_without_the_query_of_every_reason(every_reason, new_client):
    """The council practitioner's resident and caseload carer are answered from their own row: the page
    asks the database nothing about relationships (no EXISTS of the other reasons)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    users, people, practitioner = every_reason
    browser = new_client(practitioner)
    for name in ("Resident", "Caseload", "Team"):
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(f"/people/{people[name].pk}/").status_code == 200
        asked = [q["sql"] for q in queries.captured_queries if "people_accessgrant" in q["sql"]]
        assert asked == [], name
    # Somebody opened with a reason is asked about in full.
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(f"/people/{people['Opened'].pk}/").status_code == 200
    assert any("people_accessgrant" in q["sql"] for q in queries.captured_queries)


def test_a_users_filter_of_every_reason_is_built_once_and_follows_their_organisation(
    afon_practitioner, marches_carer, region, monkeypatch
):
    """Kept for later requests (decision 75), and built again when what it is built from changes."""
    from carershub.people import relationships

    monkeypatch.setattr(relationships, "_KEPT_FILTERS", {})
    built = []
    real = relationships._related_q
    monkeypatch.setattr(relationships, "_related_q", lambda user: built.append(user.pk) or real(user))

    for _ in range(2):
        assert "Not one of your records" in Page(afon_practitioner.get("/people/", {"q": "Elsewhere"})).text
    assert built == [afon_practitioner.user.pk]

    # Given the partner worker's role as well: a new filter from the next request.
    StaffRole.objects.create(user=afon_practitioner.user, role=Role.PARTNER_WORKER)
    assert "Not one of your records" in Page(afon_practitioner.get("/people/", {"q": "Elsewhere"})).text
    assert len(built) == 2
    # Their council now covers the Marches: the carer is theirs from the next request.
    Organisation.objects.filter(pk=region["orgs"]["council"].pk).update(area=region["areas"]["marches"])
    assert "Not one of your records" not in Page(afon_practitioner.get("/people/", {"q": "Elsewhere"})).text
    assert afon_practitioner.get(f"/people/{marches_carer.pk}/").status_code == 200


def test_a_kept_filter_is_a_days_a_consent_ending_today_closes_the_record_tomorrow(
    client_for, make_carer, make_consent, monkeypatch
):
    from carershub.people import relationships

    monkeypatch.setattr(relationships, "_KEPT_FILTERS", {})
    today = timezone.localdate()
    carer = make_carer(given="Shared", family="Untiltoday")
    share_consented(make_consent(carer, "partner", expires_on=today))
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")
    assert partner.get(f"/people/{carer.pk}/").status_code == 200

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + datetime.timedelta(days=1))
    assert partner.get(f"/people/{carer.pk}/").status_code == 404
