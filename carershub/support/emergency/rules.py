"""Who may see and write contingency plans, issue emergency cards, look plans up and record call-outs.

A contingency plan is health data about the person cared for, under the same rules as the record:
the service's workers who may open the carer's record read it; those who work with the carer (not
through a broken glass) write it and issue cards. The emergency responder never opens a record: they
look one plan up by card number, with a reason (services.look_up), and record call-outs for plans
they looked up in the last hours.
"""

import rules

from carershub.accounts.rules import is_emergency_responder, is_service_worker
from carershub.people.rules import record_opened, works_with

VIEW_CONTINGENCY_PLAN = "emergency.view_contingencyplan"
CHANGE_CONTINGENCY_PLAN = "emergency.change_contingencyplan"
MANAGE_CARDS = "emergency.manage_cards"
LOOK_UP_CARD = "emergency.look_up_card"
VIEW_EMERGENCY_QUEUE = "emergency.view_queue"
RECORD_EPISODE = "emergency.add_emergencyepisode"


rules.add_perm(VIEW_CONTINGENCY_PLAN, is_service_worker & record_opened)
rules.add_perm(CHANGE_CONTINGENCY_PLAN, is_service_worker & works_with)
rules.add_perm(MANAGE_CARDS, is_service_worker & works_with)
rules.add_perm(LOOK_UP_CARD, is_emergency_responder)
rules.add_perm(VIEW_EMERGENCY_QUEUE, is_service_worker)
# The responder's own check (a recent look-up of that plan) is services.responder_may_record.
rules.add_perm(RECORD_EPISODE, is_service_worker | is_emergency_responder)
