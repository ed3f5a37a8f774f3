"""Models of emergency (being built)."""

from django.db import models  # noqa: F401
