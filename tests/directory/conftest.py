"""Builders for the directory's tests: a partner's service with everything ORUK can say about it."""

import datetime
from decimal import Decimal

import pytest

from carershub.directory import services
from carershub.partnership.models import PostcodeDistrict


@pytest.fixture
def make_service(region):
    """make_service(partner="partner", name=..., **kwargs) -> a Service of that region organisation."""

    def _make(partner="partner", name="Young carers peer group", **kwargs):
        org = region["orgs"][partner] if isinstance(partner, str) else partner
        defaults = {
            "description": "Meet other young carers, have fun and get a break.",
            "needs": ["peer-support", "young-carers"],
            "carer_groups": ["young-carers"],
            "schedules": [{"byday": "TU", "opens_at": datetime.time(16), "closes_at": datetime.time(18),
                           "description": "Tuesdays after school"}],
            "address": {"address_1": "1 Chapel Street", "city": "Aberafon", "state_province": "Afon Valley",
                        "postal_code": "AF1 2AB"},
            "location_name": "Aberafon Youth Centre",
            "areas": [region["areas"]["afon"]],
            "phone": "01234 567890",
            "languages": [("en", "English"), ("cy", "Welsh")],
            "costs": [{"option": "Each session", "amount": Decimal("2.50")}],
            "minimum_age": 8,
            "maximum_age": 17,
            "url": "https://example.org/young-carers",
            "email": "group@example.org",
        }
        defaults.update(kwargs)
        if partner is None:
            from carershub.directory.models import DirectoryOrganisation

            organization = DirectoryOrganisation.objects.create(name="Not a partner", description="A community group")
        else:
            organization = services.directory_organisation_for(org)
        return services.add_service(organization=organization, name=name, **defaults)

    return _make


@pytest.fixture
def afon_postcodes(region):
    PostcodeDistrict.objects.get_or_create(prefix="AF", defaults={"area": region["areas"]["afon"]})
    PostcodeDistrict.objects.get_or_create(prefix="MR", defaults={"area": region["areas"]["marches"]})
