"""Who may use the referrals pages: permissions named as constants, built on accounts.rules."""

import rules  # noqa: F401
