"""Who may use the identification pages: permissions named as constants, built on accounts.rules.

Service workers (front door, practitioners, team managers) record settings, engagement, champions
and training, and see settings where their organisation works (all of them at a region-wide
organisation). Commissioners see the coverage list and counts only: no champions' names, and counts
of carers identified below 5 hidden (coverage.py). Partner workers, emergency responders and the
administrator have no page here. No page of this app names a carer.
"""

import rules

from carershub.accounts.rules import is_commissioner, is_service_worker

VIEW_SETTINGS = "identification.view_settings"  # the coverage list, with counts
VIEW_SETTING = "identification.view_setting"  # a setting's page: engagement, champions (names), training
ADD_SETTING = "identification.add_setting"
CHANGE_SETTING = "identification.change_setting"
RECORD_ENGAGEMENT = "identification.add_engagement"
MANAGE_CHAMPIONS = "identification.change_champion"
RECORD_TRAINING = "identification.add_training"

rules.add_perm(VIEW_SETTINGS, is_service_worker | is_commissioner)
rules.add_perm(VIEW_SETTING, is_service_worker)
rules.add_perm(ADD_SETTING, is_service_worker)
rules.add_perm(CHANGE_SETTING, is_service_worker)
rules.add_perm(RECORD_ENGAGEMENT, is_service_worker)
rules.add_perm(MANAGE_CHAMPIONS, is_service_worker)
rules.add_perm(RECORD_TRAINING, is_service_worker)
