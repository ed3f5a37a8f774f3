"""Who may read what carers sent in and start an assessment from it.

The public pages need no permission: anybody may send a self-assessment, and nothing
already held is ever shown on them.
"""

import rules

from carershub.accounts.rules import is_practitioner_or_manager

REVIEW_SELF_ASSESSMENTS = "selfassessment.review_selfassessment"
# Whoever reviews what was sent may throw away junk (spam, tests, abuse), giving a reason.
DISCARD_SELF_ASSESSMENT = "selfassessment.discard_selfassessment"

rules.add_perm(REVIEW_SELF_ASSESSMENTS, is_practitioner_or_manager)
rules.add_perm(DISCARD_SELF_ASSESSMENT, is_practitioner_or_manager)
