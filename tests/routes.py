"""The roles of the route matrix (tests/accounts/test_route_matrix.py), shared with the route tables
that apps keep beside their own tests (tests/<app>/routes.py)."""

from carershub.accounts.models import Role

FD, PR, TM, CO, PW, AD, ER = (
    Role.FRONT_DOOR,
    Role.PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.COMMISSIONER,
    Role.PARTNER_WORKER,
    Role.ADMINISTRATOR,
    Role.EMERGENCY_RESPONDER,
)
ROLES = [FD, PR, TM, CO, PW, AD, ER]
# Front door at the region-wide carers centre; practitioner and manager at the Afon council,
# where the records live; the partner holds consent for the inside record only. The emergency
# responder works for the carers centre's emergency response service.
ORGANISATION = {FD: "centre", PR: "council", TM: "council", CO: "centre", PW: "partner", AD: "centre", ER: "centre"}
SERVICE = {FD, PR, TM}
COUNCIL = {PR, TM}
PUBLIC = "public"
SIGNED_IN = set(ROLES)
