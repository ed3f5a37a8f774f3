"""Who may do what with the register of providers of care at home (issue 13).

The register is the council's and the partnership's working list of who provides care at home:
- service workers (front door, practitioners, team managers) and commissioners see every provider's
  entry, to find care for people;
- the register is kept (providers added, details, status, checklist, workers, registration) by
  commissioners, team managers, and partner workers of an organisation that gives providers the
  secondary support service (providers.models.SupportService);
- a provider's own partner workers see their own entry and its checklist, nothing else here;
- the checklist names workers and their DBS checks: besides the provider itself, only those who keep
  the register see it;
- advice to providers is recorded by those who keep the register.
"""

import rules

from carershub.accounts.rules import is_commissioner, is_partner_worker, is_service_worker, is_team_manager

VIEW_REGISTER = "providers.view_register"
VIEW_PROVIDER = "providers.view_provider"
ADD_PROVIDER = "providers.add_provider"
MANAGE_PROVIDER = "providers.change_provider"
VIEW_CHECKLIST = "providers.view_checklist"
ADVISE = "providers.add_advice"


@rules.predicate
def works_for_support_service(user):
    if not (user.is_authenticated and user.organisation_id):
        return False
    from carershub.providers.models import SupportService

    return SupportService.objects.filter(organisation_id=user.organisation_id).exists()


@rules.predicate
def works_for_a_provider(user):
    if not (user.is_authenticated and user.organisation_id):
        return False
    from carershub.providers.models import Provider

    return Provider.objects.filter(organisation_id=user.organisation_id).exists()


@rules.predicate
def works_for_this_provider(user, provider):
    return provider is not None and bool(user.organisation_id) and provider.organisation_id == user.organisation_id


is_register_keeper = is_commissioner | is_team_manager | (is_partner_worker & works_for_support_service)
sees_whole_register = is_service_worker | is_commissioner | is_register_keeper

rules.add_perm(VIEW_REGISTER, sees_whole_register | (is_partner_worker & works_for_a_provider))
rules.add_perm(VIEW_PROVIDER, sees_whole_register | (is_partner_worker & works_for_this_provider))
rules.add_perm(ADD_PROVIDER, is_register_keeper)
rules.add_perm(MANAGE_PROVIDER, is_register_keeper)
rules.add_perm(VIEW_CHECKLIST, is_register_keeper | (is_partner_worker & works_for_this_provider))
rules.add_perm(ADVISE, is_register_keeper)


def visible_providers(user, queryset=None):
    """The providers ``user`` may see in a list: all of them, or (a provider's worker) their own."""
    from carershub.providers.models import Provider

    queryset = Provider.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if sees_whole_register(user):
        return queryset
    if is_partner_worker(user) and user.organisation_id:
        return queryset.filter(organisation_id=user.organisation_id)
    return queryset.none()
