"""Who may do what. Views check these on every request; querysets apply the same rule."""

import rules

from carershub.accounts.models import SERVICE_ROLES, Role


@rules.predicate
def is_service_worker(user):
    return user.is_authenticated and user.has_role(*SERVICE_ROLES)


@rules.predicate
def is_front_door_or_practitioner(user):
    return user.is_authenticated and user.has_role(Role.FRONT_DOOR, Role.PRACTITIONER, Role.TEAM_MANAGER)


@rules.predicate
def is_team_manager(user):
    return user.is_authenticated and user.has_role(Role.TEAM_MANAGER)


@rules.predicate
def is_partner_worker(user):
    return user.is_authenticated and user.has_role(Role.PARTNER_WORKER)


@rules.predicate
def is_administrator(user):
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)


@rules.predicate
def person_is_shared_with_users_organisation(user, person):
    from carershub.people.models import Consent

    if person is None or not user.organisation_id:
        return False
    return Consent.objects.active().filter(person=person, organisation_id=user.organisation_id).exists()


can_see_person = is_service_worker | (is_partner_worker & person_is_shared_with_users_organisation)

rules.add_perm("people.search_people", is_service_worker | is_partner_worker)
rules.add_perm("people.view_person", can_see_person)
rules.add_perm("people.add_person", is_service_worker)
rules.add_perm("people.change_person", is_service_worker)
rules.add_perm("people.manage_consent", is_service_worker)
rules.add_perm("people.export_person", is_team_manager)
rules.add_perm("audit.view_access_history", is_team_manager)
rules.add_perm("contacts.add_contact", is_front_door_or_practitioner)
rules.add_perm("contacts.view_contact_list", is_service_worker)
rules.add_perm("accounts.manage_staff", is_administrator)


@rules.predicate
def can_see_contact(user, contact):
    if contact is None:
        return False
    if contact.person_id is None:
        return is_service_worker(user)
    return can_see_person(user, contact.person)


rules.add_perm("contacts.view_contact", can_see_contact)
rules.add_perm("contacts.change_contact", is_service_worker)


@rules.predicate
def is_practitioner_or_manager(user):
    return user.is_authenticated and user.has_role(Role.PRACTITIONER, Role.TEAM_MANAGER)


rules.add_perm("assessments.view_assessment", is_service_worker)
rules.add_perm("assessments.change_assessment", is_practitioner_or_manager)
rules.add_perm("assessments.decide_assessment", is_practitioner_or_manager)


@rules.predicate
def assessed_by_users_organisation(user, assessment):
    # Without an assessment (a menu or a count) the question is only whether the role allows it.
    if assessment is None:
        return True
    return bool(user.organisation_id) and assessment.assessing_organisation_id == user.organisation_id


# A decision is signed off by a manager of the council that made it.
rules.add_perm("assessments.sign_off_assessment", is_team_manager & assessed_by_users_organisation)


@rules.predicate
def is_commissioner(user):
    return user.is_authenticated and user.has_role(Role.COMMISSIONER)


# Counts only, no personal data: commissioners see them as well as the team's managers.
rules.add_perm("assessments.view_team_figures", is_team_manager | is_commissioner)

# Support plans, their reviews and the young carers' transition queue.
rules.add_perm("assessments.view_supportplan", is_service_worker)
rules.add_perm("assessments.change_supportplan", is_practitioner_or_manager)
rules.add_perm("assessments.add_review", is_practitioner_or_manager)
rules.add_perm("assessments.view_transition_queue", is_service_worker)
