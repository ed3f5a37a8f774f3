"""Background tasks of the base (Django's tasks framework; run by ``manage.py db_worker``)."""

import logging
import time

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.tasks import task
from django.utils import translation

from carershub.core import workqueues

logger = logging.getLogger(__name__)


@task
def count_home_items(user_pk: int, language: str) -> int:
    """Count a user's home-page queues in ``language`` and keep them (core/workqueues.py).

    Returns how many items were kept: 0 when the account is gone or no longer active.
    """
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None:
        return 0
    started = time.perf_counter()
    with transaction.atomic(), translation.override(language):
        if connection.vendor == "postgresql":
            # Nobody waits for this count, so it takes one core, not three: PostgreSQL's parallel
            # workers would finish it sooner by taking CPU from the pages being served meanwhile.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        items = workqueues.count_and_keep(user, language)
    logger.info("home counts kept in %.3f s", time.perf_counter() - started)
    return len(items)
