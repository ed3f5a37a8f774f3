"""Shared fixtures: a small synthetic region, staff with each role, and signed-in clients."""

import itertools
from datetime import date

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache

from carershub.accounts.models import Role, StaffRole, User
from carershub.partnership.models import Area, Nation, Organisation
from carershub.people.models import CarerProfile, Person

TEST_PASSWORD = "correct horse battery staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and used one-time codes live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def region(db):
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
    """make_user(role, ..., organisation="centre", mfa=True) -> a staff user."""

    def _make(*roles, organisation="centre", mfa=True, username=None):
        n = next(_counter)
        user = User.objects.create_user(
            username=username or f"staff{n}",
            email=f"staff{n}@test.invalid",
            password=TEST_PASSWORD,
            first_name="Test",
            last_name=f"Worker{n}",
            organisation=region["orgs"][organisation],
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
    def _make(given="Ann", family="Testcarer", dob=date(1970, 5, 17), postcode="AF1 2AB", nhs_number=None, **extra):
        person = Person.objects.create(
            given_name=given,
            family_name=family,
            date_of_birth=dob,
            postcode=postcode,
            nhs_number=nhs_number,
            area=region["areas"]["afon"],
            **extra,
        )
        CarerProfile.objects.create(person=person)
        return person

    return _make
