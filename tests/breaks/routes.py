"""The breaks pages in the route matrix (tests/accounts/test_route_matrix.py)."""

import datetime

from django.utils import timezone

from carershub.partnership.models import Organisation
from carershub.support.breaks import services
from tests.routes import COUNCIL, SERVICE, TM

# Service workers who may open the record see its breaks; the council's practitioners and managers
# who work with the carer grant, book and move bookings on; only a team manager adjusts.
ROUTES: dict = {
    "breaks:queue": ("get", COUNCIL),
    "breaks:for_carer": ("get", SERVICE),
    "breaks:grant": ("get", COUNCIL),
    "breaks:new_booking": ("get", COUNCIL),
    "breaks:adjust": ("get", {TM}),
    "breaks:booking": ("get", SERVICE),
    "breaks:confirm": ("post", COUNCIL),
    "breaks:deliver": ("post", COUNCIL),
    "breaks:cancel": ("post", COUNCIL),
    "breaks:no_show": ("post", COUNCIL),
}


def records(side: dict, *, worker, council) -> dict:
    """Records of this app for one side of the matrix's world (the carer is side["person"])."""
    start, end = services.default_period()
    allowance = services.grant_allowance(
        side["person"], unit="minutes", amount=2400, starts_on=start, ends_on=end, reason="Matrix", plan=side["plan"],
        actor=worker,
    )
    provider = Organisation.objects.create(
        name=f"Matrix Provider {council.pk}", kind=Organisation.Kind.CARE_PROVIDER, sector=Organisation.Sector.PRIVATE
    )
    day = max(timezone.localdate() - datetime.timedelta(days=3), start)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    booking = services.request_booking(
        allowance, provider=provider, kind="sitting", starts_at=starts, ends_at=starts + datetime.timedelta(hours=3),
        actor=worker,
    )
    return {"allowance": allowance, "break_booking": booking}


def kwargs(name: str, records: dict) -> dict:
    """URL values for this app's routes, from the records above."""
    if name in {"breaks:new_booking", "breaks:adjust"}:
        return {"pk": records["allowance"].pk}
    if name in {"breaks:booking", "breaks:confirm", "breaks:deliver", "breaks:cancel", "breaks:no_show"}:
        return {"pk": records["break_booking"].pk}
    return {}
