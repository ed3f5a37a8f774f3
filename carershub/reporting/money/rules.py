"""Who may see and change budgets, contracts and spend (issue 12). Counts and commissioning records only, no personal data.

Commissioners and team managers see every organisation's budgets, spend and contracts in the region: they
are the partnership's money, not any person's, and the region's figures are read side by side. Entering
and changing them is for the commissioning organisation: a commissioner enters for their own
organisation, a team manager only for their own council; each row is changed only by staff of the
organisation it is recorded for (its ``organisation`` or a contract's ``commissioner``).
"""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_MONEY = "money.view_money"
ENTER_MONEY = "money.enter_money"
CHANGE_MONEY = "money.change_money"


@rules.predicate
def works_for_a_council(user):
    organisation = getattr(user, "organisation", None)
    return organisation is not None and organisation.kind == "council"


@rules.predicate
def of_own_organisation(user, record):
    if record is None or not getattr(user, "organisation_id", None):
        return False
    owner = getattr(record, "commissioner_id", None) or getattr(record, "organisation_id", None)
    return owner == user.organisation_id


is_money_keeper = is_commissioner | (is_team_manager & works_for_a_council)

rules.add_perm(VIEW_MONEY, is_commissioner | is_team_manager)
rules.add_perm(ENTER_MONEY, is_money_keeper)
rules.add_perm(CHANGE_MONEY, is_money_keeper & of_own_organisation)
