"""What every signed-in page costs the database: one load of the user, no writes nobody needs.

Not timings: which statements a page sends, so a change that adds a query or a commit to every
request fails here instead of showing up months later at scale.
"""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.functional import LazyObject

from carershub.accounts.middleware import ACTIVITY_WRITE_SECONDS, SESSION_SEEN_KEY
from carershub.accounts.models import Role, User
from carershub.audit.models import AccessEvent
from tests.builders import casework, completed_assessment


def _statements(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response
    return [q["sql"] for q in captured.captured_queries]


def _writes(statements):
    return [s for s in statements if s.split()[0] in {"INSERT", "UPDATE", "DELETE"}]


def _tables(statements, table):
    return [s for s in statements if f'"{table}"' in s]


@pytest.fixture
def practitioner(client_for):
    return client_for(Role.PRACTITIONER)


def test_a_page_loads_the_user_with_organisation_roles_and_authenticator_in_one_statement(practitioner):
    practitioner.get("/people/")

    statements = _statements(practitioner, "/people/")

    user_loads = [s for s in statements if ' FROM "accounts_user"' in s]
    assert len(user_loads) == 1
    assert '"mfa_authenticator"' in user_loads[0] and '"accounts_staffrole"' in user_loads[0]
    assert '"partnership_organisation"' in user_loads[0]
    assert len(_tables(statements, "partnership_organisation")) == 1, "the organisation comes with the user"
    assert len(_tables(statements, "mfa_authenticator")) == 1
    assert len(_tables(statements, "accounts_staffrole")) == 1


def test_pages_seen_within_a_minute_write_neither_the_session_nor_where_you_are_signed_in(practitioner):
    practitioner.get("/")

    statements = _statements(practitioner, "/people/")

    assert not _tables(_writes(statements), "django_session")
    assert not _tables(_writes(statements), "usersessions_usersession")


def test_a_session_in_use_is_kept_alive_once_a_minute(practitioner):
    practitioner.get("/")
    key = practitioner.session.session_key
    expiry = Session.objects.get(session_key=key).expire_date
    session = practitioner.session
    session[SESSION_SEEN_KEY] = int(time.time()) - ACTIVITY_WRITE_SECONDS - 1
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=expiry)

    statements = _statements(practitioner, "/people/")

    assert _tables(_writes(statements), "django_session")
    assert Session.objects.get(session_key=key).expire_date > expiry, "idle expiry moved on"
    assert UserSession.objects.get(session_key=key).last_seen_at is not None


def test_losing_the_authenticator_mid_session_sends_the_user_to_set_one_up(practitioner):
    assert practitioner.get("/people/").status_code == 200
    Authenticator.objects.filter(user=practitioner.user).delete()

    response = practitioner.get("/people/")

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"


def test_roles_loaded_with_the_user_are_the_ones_the_rules_check(practitioner, new_client, make_user):
    manager = new_client()
    manager.force_login(make_user(Role.TEAM_MANAGER, Role.PRACTITIONER))

    assert manager.get("/people/access-reasons/").status_code == 200
    assert practitioner.get("/people/access-reasons/").status_code in (403, 404)


@pytest.mark.parametrize("lives", ["afon", "marches"])
def test_a_person_page_asks_who_may_see_them_once_and_writes_its_access_log_in_one_insert(
    practitioner, make_carer, region, lives
):
    from carershub.people.models import Person

    carer = make_carer()
    Person.objects.filter(pk=carer.pk).update(area=region["areas"][lives])
    completed_assessment(carer, actor=practitioner.user, organisation=region["orgs"]["council"])
    practitioner.get(f"/people/{carer.pk}/")

    statements = _statements(practitioner, f"/people/{carer.pk}/")

    writes = _writes(statements)
    assert len(writes) == 1 and writes[0].startswith('INSERT INTO "audit_accessevent"'), writes
    # (Not the page's one question about what the record holds, which names the consents table too.)
    holdings = "SELECT (EXISTS (SELECT 1 FROM"
    relationship_checks = [
        s for s in statements if '"people_consent"' in s and "EXISTS" in s and not s.startswith(holdings)
    ]
    if lives == "afon":
        # A resident of the practitioner's council: their own row says so (decision 59).
        assert relationship_checks == []
    else:
        # Elsewhere, assessed by the council: every reason is asked, once.
        assert len(relationship_checks) == 1
    assert AccessEvent.objects.filter(person_ref=carer.pk).count() == 2


def test_a_person_page_with_everything_on_it_reads_nothing_twice(practitioner, make_carer, region):
    # A carer with a cared-for person, a decided assessment, an alert and its task: the banner, the
    # glances and the sections all show some of the same rows, and read them once between them.
    from carershub.people.models import CaringRelationship, Person

    carer = make_carer()
    mother = Person.objects.create(given_name="Mair", family_name="Testcaredfor", area=carer.area)
    CaringRelationship.objects.create(carer=carer, cared_for=mother, relationship="parent")
    completed_assessment(carer, actor=practitioner.user, organisation=region["orgs"]["council"])
    casework(carer, actor=practitioner.user)
    practitioner.get(f"/people/{carer.pk}/")

    statements = _statements(practitioner, f"/people/{carer.pk}/")

    repeated = {s for s in statements if statements.count(s) > 1}
    assert not repeated, repeated

    def reading(table):  # statements that read the table's rows (not those testing it in an EXISTS)
        return [s for s in statements if s.startswith(f'SELECT "{table}"') or s.startswith(f'SELECT COUNT(*) AS "__count" FROM "{table}"')]

    assert len(reading("people_caringrelationship")) == 1, "both ways in one statement"
    current_alerts = [s for s in reading("casework_alert") if '"ended_at" IS NULL' in s]
    assert len(current_alerts) == 1, "the banner and the glance share the current alerts"
    open_tasks = [s for s in reading("casework_task") if '"completed_at" IS NULL' in s]
    assert len(open_tasks) == 1, "the glance and the section share the open tasks"
    assert not reading("people_carerprofile"), "the profile and case worker come with the person"
    newest = [s for s in reading("assessments_assessment") if '"assessments_assessment"."id" IN' not in s]
    assert len(newest) == 1, "the glance and the section share the newest ten (the timeline reads its own by id)"


@pytest.mark.parametrize("role", [Role.FRONT_DOOR, Role.PRACTITIONER, Role.TEAM_MANAGER, Role.COMMISSIONER])
def test_the_home_page_counts_each_queue_once(client_for, role):
    client = client_for(role)
    client.get("/")

    counts = [s for s in _statements(client, "/") if s.startswith("SELECT COUNT")]

    assert len(counts) == len(set(counts)), "a queue was counted twice"


def _unlinked_count(page) -> str:
    """The number beside "Contacts not yet linked to a record" on the home page."""
    from tests.pages import Page

    text = Page(page).text
    at = text.index("Contacts not yet linked to a record")
    return " ".join(text[max(0, at - 40) : at + 60].split())


def test_the_home_pages_counts_are_kept_for_a_minute_per_user_and_language(
    client_for, new_client, make_user, make_contact, settings
):
    from django.core.cache import cache

    settings.CARERSHUB_QUEUE_COUNT_SECONDS = 60
    cache.clear()
    front_door = client_for(Role.FRONT_DOOR)
    before = _unlinked_count(front_door.get("/"))
    make_contact()

    assert _unlinked_count(front_door.get("/")) == before, "kept: no count asked within the minute"
    assert not [s for s in _statements(front_door, "/") if s.startswith("SELECT COUNT")]
    colleague = new_client(make_user(Role.FRONT_DOOR))
    assert _unlinked_count(colleague.get("/")) != before, "another user's counts are their own, and fresh"
    cache.clear()  # as when the minute is up
    assert _unlinked_count(front_door.get("/")) != before


def test_views_are_handed_the_signed_in_user_itself_not_a_lazy_stand_in(practitioner):
    response = practitioner.get("/people/")

    assert response.status_code == 200
    user = response.wsgi_request.user
    assert not isinstance(user, LazyObject), "every request.user.anything would pass through the stand-in"
    assert type(user) is User and user.pk == practitioner.user.pk


def test_signing_out_still_replaces_the_user_and_nobody_signed_in_is_the_anonymous_user(practitioner):
    response = practitioner.post("/accounts/logout/")
    assert response.status_code == 302
    assert isinstance(response.wsgi_request.user, AnonymousUser)

    response = practitioner.get("/accounts/login/")
    assert response.status_code == 200
    assert isinstance(response.wsgi_request.user, AnonymousUser)
