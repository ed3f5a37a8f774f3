"""Who someone is at work: the role predicates every app's rules are built from, and staff administration.

Each app declares its own permissions in its own ``rules.py``, named by constants there,
from these predicates. Views check them on every request; querysets apply the same rule.
"""

import rules

from carershub.accounts.models import SERVICE_ROLES, Role

MANAGE_STAFF = "accounts.manage_staff"


@rules.predicate
def is_service_worker(user):
    return user.is_authenticated and user.has_role(*SERVICE_ROLES)


@rules.predicate
def is_front_door_or_practitioner(user):
    return user.is_authenticated and user.has_role(Role.FRONT_DOOR, Role.PRACTITIONER, Role.TEAM_MANAGER)


@rules.predicate
def is_practitioner_or_manager(user):
    return user.is_authenticated and user.has_role(Role.PRACTITIONER, Role.TEAM_MANAGER)


@rules.predicate
def is_team_manager(user):
    return user.is_authenticated and user.has_role(Role.TEAM_MANAGER)


@rules.predicate
def is_partner_worker(user):
    return user.is_authenticated and user.has_role(Role.PARTNER_WORKER)


@rules.predicate
def is_commissioner(user):
    return user.is_authenticated and user.has_role(Role.COMMISSIONER)


@rules.predicate
def is_administrator(user):
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)


@rules.predicate
def is_emergency_responder(user):
    return user.is_authenticated and user.has_role(Role.EMERGENCY_RESPONDER)


rules.add_perm(MANAGE_STAFF, is_administrator)
