"""Statutory exports derived from events: Client Level Data, SALT LTS003, the Welsh measures (issue 12)."""

from django.db import models  # noqa: F401
