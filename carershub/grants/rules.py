"""Who may do what with the community grants fund.

A round is run by its funding organisation: that organisation's commissioners and team managers set
it up, record applications, decide, pay and record monitoring returns. The staff named on a round's
panel (of any organisation) see the round and its applications and score them, unless they declared
an interest in one. Nobody else sees a round. No carer's record is involved.
"""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_ROUNDS = "grants.view_round"
ADD_ROUND = "grants.add_round"
VIEW_ROUND = "grants.view_round_detail"
MANAGE_ROUND = "grants.change_round"
SCORE = "grants.add_scoresheet"

is_fund_manager = is_commissioner | is_team_manager


@rules.predicate
def on_a_panel(user):
    """The user is on the panel of a round that is not yet decided, or was."""
    return user.is_authenticated and user.grant_panels.exists()


@rules.predicate
def runs_round(user, round_):
    """The user's organisation funds the round (with no round, a menu: the role decides)."""
    return round_ is None or (bool(user.organisation_id) and round_.funder_id == user.organisation_id)


@rules.predicate
def on_panel(user, round_):
    return round_ is not None and user.is_authenticated and round_.panel.filter(pk=user.pk).exists()


rules.add_perm(VIEW_ROUNDS, is_fund_manager | on_a_panel)
rules.add_perm(ADD_ROUND, is_fund_manager)
rules.add_perm(MANAGE_ROUND, is_fund_manager & runs_round)
rules.add_perm(VIEW_ROUND, (is_fund_manager & runs_round) | on_panel)
rules.add_perm(SCORE, on_panel)
