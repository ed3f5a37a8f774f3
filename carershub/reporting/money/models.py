"""Budgets, contracts and spend on carers' services, by service line and funder (issue 12)."""

from django.db import models  # noqa: F401
