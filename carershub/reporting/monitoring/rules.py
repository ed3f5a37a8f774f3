"""Who may see and change contract monitoring (issue 12). Counts and commissioning records only, no personal data.

- Commissioners see every contract of the region (comparing providers is their work, and the region's
  commissioners plan together: the Marchester ICB's commissioner reads the Afon Valley contract's RAG);
  team managers see the contracts their organisation commissions or provides; partner workers see the
  contracts their organisation provides. ``services.visible_contracts`` is the same rule as a queryset.
- KPIs are set, and returns accepted or sent back, by the commissioning organisation's commissioners
  and team managers.
- Returns are written and submitted by the provider organisation's partner workers.
"""

import rules

from carershub.accounts.rules import is_commissioner, is_partner_worker, is_team_manager

VIEW_MONITORING = "monitoring.view_monitoring"
VIEW_MONITORING_CONTRACT = "monitoring.view_contract"
ADD_MONITORING_KPI = "monitoring.add_kpi"
WRITE_MONITORING_RETURN = "monitoring.write_return"
DECIDE_MONITORING_RETURN = "monitoring.decide_return"


@rules.predicate
def of_commissioning_organisation(user, contract):
    return contract is not None and bool(user.organisation_id) and user.organisation_id == contract.commissioner_id


@rules.predicate
def of_providing_organisation(user, contract):
    return contract is not None and bool(user.organisation_id) and user.organisation_id == contract.provider_id


is_contract_keeper = (is_commissioner | is_team_manager) & of_commissioning_organisation

rules.add_perm(VIEW_MONITORING, is_commissioner | is_team_manager | is_partner_worker)
rules.add_perm(
    VIEW_MONITORING_CONTRACT,
    is_commissioner
    | (is_team_manager & (of_commissioning_organisation | of_providing_organisation))
    | (is_partner_worker & of_providing_organisation),
)
rules.add_perm(ADD_MONITORING_KPI, is_contract_keeper)
rules.add_perm(WRITE_MONITORING_RETURN, is_partner_worker & of_providing_organisation)
rules.add_perm(DECIDE_MONITORING_RETURN, is_contract_keeper)
