"""The groups pages in the route matrix (tests/accounts/test_route_matrix.py).

Activities are service workers' business: every service role sees what is offered where they work
(the carers centre, region-wide, sees everything) and books the carers it works with; the council
that runs the matrix's activity keeps its sessions and registers (the front door at the centre does
not). Partners, commissioners, responders and the administrator have no page here. An activity of
another council's area, run by that council, is not shown to the Afon council at all (404).
"""

import datetime

from django.utils import timezone

from carershub.support.groups import services
from tests.routes import COUNCIL, SERVICE

ROUTES: dict = {
    "groups:activities": ("get", SERVICE),
    "groups:new_activity": ("get", SERVICE),
    "groups:activity": ("get", SERVICE),
    "groups:edit_activity": ("get", COUNCIL),
    "groups:new_session": ("get", COUNCIL),
    "groups:book_place": ("get", SERVICE),
    "groups:join_waiting_list": ("get", SERVICE),
    "groups:session": ("get", SERVICE),
    "groups:register": ("post", COUNCIL),
    "groups:book": ("get", SERVICE),
    "groups:cancel_booking": ("get", SERVICE),
    "groups:leave_waiting_list": ("get", SERVICE),
    "groups:carer": ("get", SERVICE),
    "groups:book_carer": ("get", SERVICE),
    "groups:new_pack": ("get", SERVICE),
}


def records(side: dict, *, worker, council) -> dict:
    """Records of this app for one side of the matrix's world (the carer is side["person"])."""
    person = side["person"]
    common = {"organisation": council, "language": "bilingual", "for_whom": "any"}
    group = services.create_activity(actor=worker, kind="peer_support", name="Matrix group", places=8,
                                     areas=[council.area] if council.area_id else [], **common)
    ongoing = services.create_activity(actor=worker, kind="counselling", name="Matrix counselling", places=2,
                                       ongoing=True, areas=[council.area] if council.area_id else [], **common)
    session = services.add_session(
        group, date=timezone.localdate() + datetime.timedelta(days=1), starts_at=datetime.time(10),
        ends_at=datetime.time(12), venue="Matrix hall", places=8, actor=worker,
    )
    booking = services.book(person, activity=group, session=session, actor=worker)
    entry = services.join_waiting_list(ongoing, person=person, actor=worker)
    return {"group_activity": group, "group_ongoing": ongoing, "group_session": session, "group_booking": booking,
            "group_entry": entry}


def kwargs(name: str, records: dict) -> dict:
    """URL values for this app's routes, from the records above."""
    if name in {"groups:activity", "groups:edit_activity", "groups:new_session", "groups:join_waiting_list"}:
        return {"pk": records["group_activity"].pk}
    if name == "groups:book_place":
        return {"pk": records["group_ongoing"].pk}
    if name in {"groups:session", "groups:register", "groups:book"}:
        return {"pk": records["group_session"].pk}
    if name == "groups:cancel_booking":
        return {"pk": records["group_booking"].pk}
    if name == "groups:leave_waiting_list":
        return {"pk": records["group_entry"].pk}
    return {}
