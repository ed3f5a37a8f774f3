"""Who may do what here: filled in with the pages (see carershub/providers/rules.py for the register)."""

import rules  # noqa: F401
