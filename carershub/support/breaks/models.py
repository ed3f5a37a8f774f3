"""Models of breaks (being built)."""

from django.db import models  # noqa: F401
