"""Action plans: priorities, workstreams and actions with owners, due quarters and RAG status (issue 12)."""

from django.db import models  # noqa: F401
