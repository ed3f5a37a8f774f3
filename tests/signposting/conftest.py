import pytest

from carershub.accounts.models import Role
from carershub.directory.models import DirectoryOrganisation, Phone, Service, ServiceStatus
from tests import builders


@pytest.fixture
def make_service(region):
    """make_service(name, organisation="Afon Peer Support", phone=..., partner=None, **fields) -> a directory service.

    The directory is the directory helper's; a test service is a plain row with an ORUK organisation."""

    def _make(name="Afon Carers Cuppa", *, organisation="Afon Peer Support", phone="01632 960001", partner=None, **fields):
        org = DirectoryOrganisation.objects.create(
            name=organisation, description="A test provider", website="https://peer.test.invalid", partner=partner
        )
        fields.setdefault("status", ServiceStatus.ACTIVE)
        service = Service.objects.create(name=name, organization=org, url="https://cuppa.test.invalid", **fields)
        if phone:
            Phone.objects.create(service=service, number=phone)
        return service

    return _make


@pytest.fixture
def practitioner(make_user):
    """A practitioner of the Afon council, where make_carer's carers live."""
    return make_user(Role.PRACTITIONER, organisation="council")


@pytest.fixture
def not_eligible(make_carer, practitioner, region):
    carer = make_carer(given="Nia", family="Signposttest")
    return builders.completed_assessment(carer, actor=practitioner, organisation=region["orgs"]["council"], eligible=False)
