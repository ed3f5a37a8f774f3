"""The directory's pages and its Open Referral UK API in the route matrix (tests/accounts/test_route_matrix.py).

The directory holds no carer data: service workers, partner workers, commissioners and the
administrator browse it; a partner worker proposes changes to their own organisation's service (the
matrix's service is run by the partner); only the administrator decides proposals and imports feeds.
The ORUK API is public. Nothing of the directory is "outside a relationship": the other side of the
matrix's world gets ids that do not exist, so its pages answer 404 to everyone.
"""

import uuid

from carershub.directory import services, vocabulary
from carershub.partnership.models import Organisation
from tests.routes import AD, CO, FD, PR, PUBLIC, PW, SERVICE, TM

BROWSE = SERVICE | {CO, PW, AD}

ROUTES: dict = {
    "directory:search": ("get", BROWSE),
    "directory:service": ("get", BROWSE),
    "directory:propose_change": ("get", {PW}),
    "directory:propose_service": ("get", {FD, PR, TM, PW}),
    "directory:proposals": ("get", {AD}),
    "directory:proposal": ("get", {AD}),
    "directory:import": ("get", {AD}),
    "oruk:index": ("get", PUBLIC),
    "oruk:openapi": ("get", PUBLIC),
    "oruk:services": ("get", PUBLIC),
    "oruk:service": ("get", PUBLIC),
    "oruk:service_at_locations": ("get", PUBLIC),
    "oruk:service_at_location": ("get", PUBLIC),
    "oruk:taxonomies": ("get", PUBLIC),
    "oruk:taxonomy": ("get", PUBLIC),
    "oruk:taxonomy_terms": ("get", PUBLIC),
    "oruk:taxonomy_term": ("get", PUBLIC),
}


def records(side: dict, *, worker, council) -> dict:
    if council.name != "Test Council":  # the matrix's other side
        return {"directory_service": None, "directory_proposal": None}
    partner = Organisation.objects.get(name="Test Young Carers")
    organization = services.directory_organisation_for(partner)
    service = services.add_service(
        organization=organization, name="Matrix young carers group", needs=["peer-support"],
        address={"address_1": "1 Matrix Street", "city": "Aberafon", "state_province": "Afon", "postal_code": "AF1 2AB"},
    )
    proposal = services.propose(actor=_partner_worker(partner), service=service, changes={"name": "Matrix group, renamed"})
    return {"directory_service": service, "directory_proposal": proposal}


def _partner_worker(partner):
    from carershub.accounts.models import User

    worker, _ = User.objects.get_or_create(username="matrix-directory-partner", defaults={"organisation": partner})
    return worker


def kwargs(name: str, records: dict) -> dict:
    service = records.get("directory_service")
    proposal = records.get("directory_proposal")
    if name in {"directory:service", "directory:propose_change", "oruk:service"}:
        return {"pk": service.pk if service else uuid.uuid4(), "id": str(service.pk) if service else str(uuid.uuid4())}
    if name == "directory:proposal":
        return {"pk": proposal.pk if proposal else 987654321}
    if name == "oruk:service_at_location":
        sal = service.service_at_locations.first() if service else None
        return {"id": str(sal.pk) if sal else str(uuid.uuid4())}
    if name == "oruk:taxonomy":
        return {"id": str(vocabulary.taxonomy_id(vocabulary.NEEDS_TAXONOMY))}
    if name == "oruk:taxonomy_term":
        return {"id": str(vocabulary.need("breaks"))}
    return {}
