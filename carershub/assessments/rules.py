"""Who may see, write, decide and sign off carers' assessments."""

import rules

from carershub.accounts.rules import is_practitioner_or_manager, is_service_worker, is_team_manager

VIEW_ASSESSMENT = "assessments.view_assessment"
CHANGE_ASSESSMENT = "assessments.change_assessment"
DECIDE_ASSESSMENT = "assessments.decide_assessment"
SIGN_OFF_ASSESSMENT = "assessments.sign_off_assessment"
VIEW_TRANSITION_QUEUE = "assessments.view_transition_queue"


@rules.predicate
def assessed_by_users_organisation(user, assessment):
    # Without an assessment (a menu or a count) the question is only whether the role allows it.
    if assessment is None:
        return True
    return bool(user.organisation_id) and assessment.assessing_organisation_id == user.organisation_id


@rules.predicate
def is_the_assessor(user, assessment):
    # A delegated assessor (say, at the carers centre) works on the assessments they carry out.
    return assessment is not None and assessment.assessor_id == user.pk


rules.add_perm(VIEW_ASSESSMENT, is_service_worker)
# A council's practitioners and managers change and decide their own council's assessments only.
rules.add_perm(CHANGE_ASSESSMENT, is_practitioner_or_manager & (assessed_by_users_organisation | is_the_assessor))
rules.add_perm(DECIDE_ASSESSMENT, is_practitioner_or_manager & (assessed_by_users_organisation | is_the_assessor))
# A decision is signed off by a manager of the council that made it.
rules.add_perm(SIGN_OFF_ASSESSMENT, is_team_manager & assessed_by_users_organisation)
rules.add_perm(VIEW_TRANSITION_QUEUE, is_service_worker)
