"""Models of groups (being built)."""

from django.db import models  # noqa: F401
