"""Who may see, write, decide and sign off carers' assessments."""

import rules

from carershub.accounts.rules import is_practitioner_or_manager, is_service_worker, is_team_manager

VIEW_ASSESSMENT = "assessments.view_assessment"
CHANGE_ASSESSMENT = "assessments.change_assessment"
DECIDE_ASSESSMENT = "assessments.decide_assessment"
SIGN_OFF_ASSESSMENT = "assessments.sign_off_assessment"
RETURN_ASSESSMENT = "assessments.return_assessment"
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


@rules.predicate
def did_not_decide_it(user, assessment):
    # Sign-off is a second person's check: whoever made the decision cannot sign it off.
    return assessment is None or assessment.decided_by_id != user.pk


rules.add_perm(VIEW_ASSESSMENT, is_service_worker)
# A council's practitioners and managers change and decide their own council's assessments only.
rules.add_perm(CHANGE_ASSESSMENT, is_practitioner_or_manager & (assessed_by_users_organisation | is_the_assessor))
rules.add_perm(DECIDE_ASSESSMENT, is_practitioner_or_manager & (assessed_by_users_organisation | is_the_assessor))
# A decision is signed off by a manager of the council that made it, who did not make it.
rules.add_perm(SIGN_OFF_ASSESSMENT, is_team_manager & assessed_by_users_organisation & did_not_decide_it)
# Any manager of that council may send it back for more work, their own decision included.
rules.add_perm(RETURN_ASSESSMENT, is_team_manager & assessed_by_users_organisation)
rules.add_perm(VIEW_TRANSITION_QUEUE, is_service_worker)

# Letters and copies (copies.py): the decision letter issued and the assessment record given to the carer
# or someone they asked, by the practitioners and managers of the council that assessed, or the assessor.
# Reading the letter and the record is VIEW_ASSESSMENT's.
GIVE_ASSESSMENT_COPY = "assessments.give_assessment_copy"
rules.add_perm(GIVE_ASSESSMENT_COPY, is_practitioner_or_manager & (assessed_by_users_organisation | is_the_assessor))
