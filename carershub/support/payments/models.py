"""Models of payments (being built)."""

from django.db import models  # noqa: F401
