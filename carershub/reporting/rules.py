"""Who may see the figures: counts only, no personal data."""

import rules

from carershub.accounts.rules import is_commissioner, is_team_manager

VIEW_FIGURES = "reporting.view_figures"

# Commissioners see them as well as the team's managers.
rules.add_perm(VIEW_FIGURES, is_team_manager | is_commissioner)
