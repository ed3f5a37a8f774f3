"""Who may do what with breaks."""

import rules  # noqa: F401
