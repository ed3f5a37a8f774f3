"""Known carers against the Census 2021 unpaid-care counts, by area and hours band (issue 12)."""

from django.db import models  # noqa: F401
