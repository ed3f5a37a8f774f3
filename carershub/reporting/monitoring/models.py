"""Contract KPIs with targets, actuals counted from events, RAG status and quarterly returns (issue 12)."""

from django.db import models  # noqa: F401
