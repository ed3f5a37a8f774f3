"""Background tasks of the figures (Django's tasks framework; run by ``manage.py db_worker``)."""

import logging

from django.tasks import task

logger = logging.getLogger(__name__)


@task
def recount(name: str, choices: dict) -> str:
    """Count one figures page's choices again and keep the result (reporting/prepared.py); returns the key kept."""
    from carershub.reporting import prepared

    kept = prepared.count_now(name, choices)
    # In the message itself: the JSON log writes no extra fields (core/logformat.py), nor does the text one.
    logger.info("figures counted: %s %s in %.1f s", name, prepared.key_of(choices), kept.seconds)
    return kept.key
