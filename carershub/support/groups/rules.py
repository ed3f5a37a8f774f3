"""Who may do what with groups."""

import rules  # noqa: F401
