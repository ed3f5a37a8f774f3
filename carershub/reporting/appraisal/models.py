"""Options appraisals: options against weighted criteria, rated or scored, compared and ranked (issue 12)."""

from django.db import models  # noqa: F401
