"""Who may see and change support plans and record their reviews."""

import rules

from carershub.accounts.rules import is_practitioner_or_manager, is_service_worker

VIEW_PLAN = "support.view_supportplan"
CHANGE_PLAN = "support.change_supportplan"
ADD_REVIEW = "support.add_review"

rules.add_perm(VIEW_PLAN, is_service_worker)
rules.add_perm(CHANGE_PLAN, is_practitioner_or_manager)
rules.add_perm(ADD_REVIEW, is_practitioner_or_manager)
