"""Who may signpost and see what was signposted: permissions named as constants, built on accounts.rules."""

import rules  # noqa: F401
