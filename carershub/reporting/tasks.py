"""Background tasks of the figures (Django's tasks framework; run by ``manage.py db_worker``)."""

import logging

from django.tasks import task

logger = logging.getLogger(__name__)


@task
def recount(name: str, choices: dict) -> str:
    """Count one figures page's choices again and keep the result (reporting/prepared.py); returns the key kept."""
    from carershub.reporting import prepared

    kept = prepared.count_now(name, choices)
    logger.info("figures counted", extra={"figures": name, "choices": prepared.key_of(choices), "seconds": kept.seconds})
    return kept.key
