"""Who may do what with payments."""

import rules  # noqa: F401
