"""The referrals pages in the route matrix (tests/accounts/test_route_matrix.py).

Each side of the matrix's world gets a referral from its council's worker to the organisation the
side's consent names, accepted there: so the matrix's partner (Test Young Carers) has the inside
record shared with it (relationships.py reason 6: consent and an accepted referral) and not the
outside one. Referral pages are for the staff of the partnership's organisations (service and
partner workers): the sender, the receiver, and service workers who work with the carer. The shared
summary is the receiving organisation's. Agreements are read by staff and the administrator, added
by team managers and the administrator, changed by a team manager of an organisation that signed.
"""

import datetime

from django.utils import timezone

from tests.routes import AD, PW, SERVICE, TM

STAFF = SERVICE | {PW}

ROUTES: dict = {
    "referrals:new": ("get", STAFF),
    "referrals:received": ("get", STAFF),
    "referrals:sent": ("get", STAFF),
    "referrals:overdue": ("get", STAFF),
    "referrals:shared": ("get", STAFF),
    "referrals:summary": ("get", {PW}),
    "referrals:detail": ("get", STAFF),
    "referrals:move": ("post", STAFF),
    "referrals:agreements": ("get", STAFF | {AD}),
    "referrals:new_agreement": ("get", {TM, AD}),
    "referrals:edit_agreement": ("get", {TM}),
}


def records(side: dict, *, worker, council) -> dict:
    """Records of this app for one side of the matrix's world (the carer is side["person"])."""
    from carershub.referrals import services
    from tests.builders import shared_with_partner

    receiver = side["consent"].organisation
    referral = shared_with_partner(side["person"], receiver, worker)
    agreement = services.create_agreement(
        actor=worker, parties=[council, receiver], title=f"Matrix agreement {council.name}",
        purposes=["support_and_referral"], review_on=timezone.localdate() + datetime.timedelta(days=200),
    )
    return {"referral": referral, "sharing_agreement": agreement}


def kwargs(name: str, records: dict) -> dict:
    """URL values for this app's routes, from the records above."""
    if name in {"referrals:detail", "referrals:move"}:
        return {"pk": records["referral"].pk}
    if name == "referrals:edit_agreement":
        return {"pk": records["sharing_agreement"].pk}
    if name == "referrals:summary":
        return {"person_pk": records["person"].pk}
    return {}
