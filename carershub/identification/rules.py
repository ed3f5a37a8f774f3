"""Who may use the identification pages: permissions named as constants, built on accounts.rules."""

import rules  # noqa: F401
