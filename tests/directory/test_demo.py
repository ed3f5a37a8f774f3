"""The demo directory: about 25 services of the demo region's partners and community groups; the
young carers' peer group of the Valleys Young Carers Project is found by a local search and can be
referred to; what no partner runs, or a commissioner runs, can only be signposted to; it validates."""

from django.utils import timezone

from carershub.accounts.models import Role
from carershub.demo import directory as demo_directory
from carershub.demo.region import ORGANISATIONS
from carershub.directory import services
from carershub.directory.models import Service
from carershub.partnership.models import Area, Organisation, PostcodeDistrict


def test_the_demo_directory(db, make_user):
    areas = {
        "Afon Valley": Area.objects.create(name="Afon Valley", code="W06999901", nation="wales"),
        "Marchester": Area.objects.create(name="Marchester", code="E06999901", nation="england"),
    }
    PostcodeDistrict.objects.create(prefix="AF", area=areas["Afon Valley"])
    PostcodeDistrict.objects.create(prefix="MR", area=areas["Marchester"])
    orgs = {
        name: Organisation.objects.create(name=name, kind=kind, sector=sector, area=areas.get(area))
        for name, kind, sector, area in ORGANISATIONS
    }
    made = demo_directory.make(today=timezone.localdate(), staff={"admin": make_user(Role.ADMINISTRATOR)}, orgs=orgs)
    assert 22 <= len(made) <= 30
    assert demo_directory.make(today=timezone.localdate(), staff={}, orgs=orgs) == []  # made once

    found = services.search(text="peer", postcode="AF1 4XY", age=13, carer_group="young-carers")
    first = found.first()
    assert first.name == "Young Carers Peer Group (Aberafon)"
    assert services.referable_organisation(first) == orgs["Valleys Young Carers Project"]
    assert services.referable_organisation(Service.objects.get(name="Carers Health Information")) is None
    assert services.referable_organisation(Service.objects.get(name="Parent Carers Coffee Morning")) is None
    assert services.search(term=services.vocabulary.need("welsh-language")).get().languages.get().code == "cy"
