"""Who may signpost and see what was signposted: permissions named as constants, built on accounts.rules.

Service workers (front door, practitioners, team managers) signpost the carers they work with, and
the callers of contacts they may see. Each pick is also checked against the place it is made from:
the contact must be one the user sees and logs (``contacts`` VIEW_CONTACT and CHANGE_CONTACT), the
assessment one they change (``assessments`` CHANGE_ASSESSMENT), the plan one they change (``support``
CHANGE_PLAN); the view asks those apps' permissions (signposting/views.py ``_source``). Who has seen a
record may read what the carer was pointed to (a broken glass lets one look). Partner workers,
commissioners (who count the events in the figures), responders and administrators have no page here.
"""

import rules

from carershub.accounts.rules import is_service_worker
from carershub.people.rules import record_opened, works_with

SIGNPOST = "signposting.add_signpost"
VIEW_SIGNPOSTS = "signposting.view_signpost"

# SIGNPOST with a person: the user works with them (a broken glass only lets one look). Without one
# (a menu, or an unknown caller's contact, checked against the contact itself) the role decides.
rules.add_perm(SIGNPOST, is_service_worker & works_with)
rules.add_perm(VIEW_SIGNPOSTS, is_service_worker & record_opened)
