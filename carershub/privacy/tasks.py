"""Background tasks (Django's tasks framework; the database backend from django-tasks-db in production).

``daily_retention_review`` is enqueued once a day (see the ``retention_review`` command) and run by
the worker (``manage.py db_worker``). Tests and ``manage.py retention_review`` without ``--enqueue``
run it at once.
"""

import logging

from django.tasks import task

from carershub.privacy import retention_review

logger = logging.getLogger(__name__)


@task
def daily_retention_review() -> dict[str, int]:
    """List the records past their retention period for a manager's review; returns counts only."""
    counts = retention_review.refresh()
    logger.info("Retention review: %s", counts)
    return counts
