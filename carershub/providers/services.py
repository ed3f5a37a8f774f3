"""The register's operations: the one place other apps (and the sub-apps) ask about a provider.

Shared contract of the package (issue 13): ``new_people_problems`` says whether a provider may take
a new person now (arrangements refuse, matching leaves it out, with these reasons).
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.providers import checklist
from carershub.providers.models import Check, Provider, Status


def current_checks(provider: Provider) -> list[checklist.Current]:
    """The latest check per item (and, for per-worker items, per worker) of ``provider``."""
    latest: dict[tuple, checklist.Current] = {}
    rows = (
        Check.objects.filter(provider=provider)
        .select_related("worker")
        .order_by("checked_on", "recorded_at", "pk")
    )
    for row in rows:
        worker = row.worker.name if row.worker_id else ""
        key = (row.item, row.worker_id or 0)
        latest[key] = checklist.Current(row.item, row.outcome, row.expires_on, worker)
    return list(latest.values())


def current_worker_names(provider: Provider, on: datetime.date) -> list[str]:
    return [w.name for w in provider.workers.all() if w.is_current(on)]


def essential_gaps(provider: Provider, on: datetime.date | None = None) -> list[checklist.Gap]:
    on = on or timezone.localdate()
    return checklist.essential_gaps(current_checks(provider), current_worker_names(provider, on), on)


def new_people_problems(provider: Provider, on: datetime.date | None = None) -> list[str]:
    """Why ``provider`` cannot take a new person on ``on`` (empty: it can), in words for the page.

    Only an active provider takes new people, and only with every essential checklist item in date
    (providers/checklist.py, ESSENTIAL).
    """
    on = on or timezone.localdate()
    problems = []
    if provider.status != Status.ACTIVE:
        problems.append(
            _("%(provider)s is not active on the register (its status is %(status)s).")
            % {"provider": provider.name, "status": provider.get_status_display()}
        )
    for gap in essential_gaps(provider, on):
        item = _(checklist.BY_CODE[gap.code].label)
        context = {"item": item, "worker": gap.worker}
        if gap.why == "expired":
            text = _("%(item)s for %(worker)s has expired.") if gap.worker else _("%(item)s has expired.")
        elif gap.why == "not_met":
            text = _("%(item)s for %(worker)s is not met.") if gap.worker else _("%(item)s is not met.")
        else:
            text = _("%(item)s for %(worker)s is not recorded.") if gap.worker else _("%(item)s is not recorded.")
        problems.append(text % context)
    return problems
