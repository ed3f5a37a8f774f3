"""Who may do what with emergency."""

import rules  # noqa: F401
