"""Who may use the directory pages: permissions named as constants, built on accounts.rules."""

import rules  # noqa: F401
