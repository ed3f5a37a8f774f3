"""Who may use the grants pages: permissions named as constants, built on accounts.rules."""

import rules  # noqa: F401
