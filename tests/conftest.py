"""Shared fixtures: a small synthetic region, staff with each role, and signed-in clients."""

import ast
import inspect
import itertools
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache

from carershub.accounts.models import Role, StaffRole, User
from carershub.partnership.models import Area, Nation, Organisation
from carershub.people.models import CarerProfile, Person

TEST_PASSWORD = "correct horse battery staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_counter = itertools.count(1)
_carer_names = itertools.count(1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests sign in often and need no protection.
    # PBKDF2 stays second so any password hashed the production way still checks.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _english_unless_asked():
    # A test that activates Welsh (a letter, a Welsh page rendered outside a request) must not leave
    # the next test in the same process reading Welsh.
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and used one-time codes live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def region(db):
    return build_region()


def build_region() -> dict:
    """The region's areas and organisations (the ``region`` fixture's; also built once for a module)."""
    afon = Area.objects.create(name="Test Afon", code="W06999801", nation=Nation.WALES)
    marches = Area.objects.create(name="Test Marches", code="E06999801", nation=Nation.ENGLAND)
    K, S = Organisation.Kind, Organisation.Sector
    orgs = {
        "council": Organisation.objects.create(name="Test Council", kind=K.COUNCIL, sector=S.STATUTORY, area=afon),
        "centre": Organisation.objects.create(name="Test Carers Centre", kind=K.CARERS_CENTRE, sector=S.OTHER_THIRD_SECTOR),
        "partner": Organisation.objects.create(name="Test Young Carers", kind=K.THIRD_SECTOR, sector=S.USER_LED, area=afon),
        "other_partner": Organisation.objects.create(
            name="Test Befriending", kind=K.THIRD_SECTOR, sector=S.SOCIAL_ENTERPRISE, area=marches
        ),
        "gp": Organisation.objects.create(name="Test Surgery", kind=K.GP_PRACTICE, sector=S.STATUTORY, area=afon),
    }
    return {"areas": {"afon": afon, "marches": marches}, "orgs": orgs}


@pytest.fixture
def make_user(region):
    return user_maker(region)


def user_maker(region):
    """make_user(role, ..., organisation=None, mfa=True) -> a staff user.

    ``organisation`` is a key of the region's organisations ("council", "partner", ...) or an Organisation.

    Without an organisation, practitioners and team managers work for the council of the
    "afon" area (where make_carer's carers live, so they have a relationship with them);
    everybody else works at the region-wide carers centre.
    """

    def _make(*roles, organisation=None, mfa=True, username=None):
        if organisation is None:
            council_roles = {Role.PRACTITIONER, Role.TEAM_MANAGER}
            organisation = "council" if council_roles.intersection(roles) else "centre"
        n = next(_counter)
        user = User.objects.create_user(
            username=username or f"staff{n}",
            email=f"staff{n}@test.invalid",
            password=TEST_PASSWORD,
            first_name="Test",
            last_name=f"Worker{n}",
            organisation=region["orgs"][organisation] if isinstance(organisation, str) else organisation,
        )
        for role in roles:
            StaffRole.objects.create(user=user, role=role)
        if mfa:
            TOTP.activate(user, TOTP_SECRET)
        return user

    return _make


@pytest.fixture
def client_for(client, make_user):
    """client_for(role, ...) -> a test client signed in (with MFA set up) as a new user of that role."""

    def _client(*roles, **kwargs):
        user = make_user(*roles, **kwargs)
        client.force_login(user)
        client.user = user
        return client

    return _client


@pytest.fixture
def front_door(client_for):
    return client_for(Role.FRONT_DOOR)


@pytest.fixture
def make_carer(region, db):
    return carer_maker(region)


def carer_maker(region):
    def _make(given="Ann", family="Testcarer", dob=date(1970, 5, 17), postcode="AF1 2AB", nhs_number=None, **extra):
        person = Person.objects.create(
            given_name=given,
            family_name=family,
            date_of_birth=dob,
            postcode=postcode,
            nhs_number=nhs_number,
            **{"area": region["areas"]["afon"], **extra},
        )
        CarerProfile.objects.create(person=person)
        return person

    return _make


@pytest.fixture
def marches_council(region):
    """The council of the region's English area (the Test Council is Afon's, where make_carer's carers live)."""
    return Organisation.objects.create(
        name="Test Marches Council",
        kind=Organisation.Kind.COUNCIL,
        sector=Organisation.Sector.STATUTORY,
        area=region["areas"]["marches"],
    )


@pytest.fixture
def marches_carer(another_carer, region):
    """marches_carer(**fields) -> a new carer living in the Marches, whom the Test Council's staff do not work with."""

    def _make(**fields):
        fields.setdefault("postcode", "MR1 2AB")
        return another_carer(area=region["areas"]["marches"], **fields)

    return _make


@pytest.fixture
def another_carer(make_carer):
    """another_carer(**fields) -> a new carer whose name no other carer made this way shares."""

    def _make(**fields):
        n = next(_carer_names)
        fields.setdefault("given", f"Carer{chr(64 + n % 26 or 26)}{n}")
        fields.setdefault("family", f"Queuetest{n}")
        return make_carer(**fields)

    return _make


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows now for this secret."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    # A code read just before the authenticator ticks over may be stale when the server checks it.
    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 2:
        time.sleep(left + 0.05)
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def wrong_totp_code(secret: str = TOTP_SECRET) -> str:
    """A six-digit code that no counter in the accepted window produces."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    valid = {format_hotp_value(hotp_value(secret, c)) for c in yield_hotp_counters_from_time()}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def imported_packages(module) -> set[str]:
    """The top-level packages a module's source imports: ``django`` for ``from django.db import models``.

    The pure rules (decision 2) must not import Django; their tests check it with this.
    """
    imported = set()
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    return imported


@pytest.fixture
def new_client(db):
    """new_client(user=None) -> another, independent browser; signed in (force_login) when a user is given."""
    from django.test import Client

    def _client(user=None):
        c = Client()
        if user is not None:
            c.force_login(user)
            c.user = user
        return c

    return _client


@pytest.fixture
def make_consent(region):
    return consent_maker(region)


def consent_maker(region):
    """make_consent(person, organisation="partner", given_on=today, expires_on=None, withdrawn_on=None)."""
    from django.utils import timezone

    from carershub.people import choices
    from carershub.people.models import Consent

    def _make(person, organisation="partner", *, given_on=None, expires_on=None, withdrawn_on=None,
              purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL):
        return Consent.objects.create(
            person=person,
            organisation=region["orgs"][organisation],
            purpose=purpose,
            given_on=given_on or timezone.localdate(),
            method=choices.ConsentMethod.VERBAL,
            expires_on=expires_on,
            withdrawn_on=withdrawn_on,
        )

    return _make


@pytest.fixture
def make_contact(make_user):
    return contact_maker(make_user)


def contact_maker(make_user):
    """make_contact(person=None, **fields) -> a contact logged by a front-door worker."""
    from carershub.contacts.models import CallerRole, Channel, Contact, Outcome

    recorder = []

    def _make(person=None, **fields):
        if not recorder:
            recorder.append(make_user(Role.FRONT_DOOR))
        defaults = {
            "channel": Channel.PHONE,
            "caller_role": CallerRole.CARER,
            "what_matters": "Wants a break from caring at weekends",
            "outcomes": [Outcome.IDENTIFIED_AS_CARER],
            "recorded_by": recorder[0],
            "organisation": recorder[0].organisation,
        }
        defaults.update(fields)
        return Contact.objects.create(person=person, **defaults)

    return _make


@pytest.fixture(autouse=True)
def _document_storage(settings, tmp_path_factory):
    """Documents a test stores go to a folder of its own, never the laptop's var/documents (decision 27)."""
    return documents_in(settings, tmp_path_factory.mktemp("documents"))


def documents_storage(root) -> dict:
    """The "documents" storage, keeping files in ``root``."""
    return {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}}


def documents_in(settings, root):
    """Point pytest-django's ``settings`` at ``root`` for stored documents; returns ``root``."""
    settings.STORAGES = {**settings.STORAGES, "documents": documents_storage(root)}
    settings.CARERSHUB_DOCUMENT_ROOT = root
    return root
