"""Who may see and change support plans and record their reviews."""

import rules

from carershub.accounts.rules import is_practitioner_or_manager, is_service_worker

VIEW_PLAN = "support.view_supportplan"
CHANGE_PLAN = "support.change_supportplan"
ADD_REVIEW = "support.add_review"

@rules.predicate
def plan_made_by_users_council(user, plan_or_assessment):
    """A plan is the council's that assessed the carer: its staff (or the assessor) change and review it.

    Takes a plan, or the assessment a new plan would rest on; without either, the role decides.
    """
    if plan_or_assessment is None:
        return True
    assessment = getattr(plan_or_assessment, "assessment", plan_or_assessment)
    same_council = bool(user.organisation_id) and assessment.assessing_organisation_id == user.organisation_id
    return same_council or assessment.assessor_id == user.pk


rules.add_perm(VIEW_PLAN, is_service_worker)
rules.add_perm(CHANGE_PLAN, is_practitioner_or_manager & plan_made_by_users_council)
rules.add_perm(ADD_REVIEW, is_practitioner_or_manager & plan_made_by_users_council)
