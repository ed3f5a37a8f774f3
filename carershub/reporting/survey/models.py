"""Carers survey returns and the carer measures computed by their published method (issue 12)."""

from django.db import models  # noqa: F401
