"""Count the figures commissioners open most, so that nobody waits for them (reporting/prepared.py).

    manage.py prepare_figures            # count them here, printing how long each took
    manage.py prepare_figures --enqueue  # queue them for ``manage.py db_worker`` (a nightly timer calls this)

Either way it first forgets the figures kept for choices nobody has opened for ``--keep-days`` (90).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from carershub.reporting import prepared, tasks


class Command(BaseCommand):
    help = "Count the usual figures (activity, coverage, statutory returns) and keep them for the pages."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help="Queue each counting for the worker instead of counting here.")
        parser.add_argument("--keep-days", type=int, default=90,
                            help="Forget figures kept for choices not opened for this many days (default 90).")

    def handle(self, *args, enqueue=False, keep_days=90, **options):
        if keep_days < 1:
            raise CommandError("--keep-days must be 1 or more.")
        forgotten = prepared.prune(datetime.timedelta(days=keep_days))
        if forgotten:
            self.stdout.write(f"Forgot {forgotten} figures not opened for {keep_days} days.")
        usual = prepared.usual_choices(timezone.localdate())
        if enqueue:
            for name, choices in usual:
                tasks.recount.enqueue(name, choices)
            self.stdout.write(f"Queued {len(usual)} countings for the worker.")
            return
        total = 0.0
        for name, choices in usual:
            kept = prepared.count_now(name, choices)
            total += kept.seconds
            self.stdout.write(f"{name} {prepared.key_of(choices)}: {kept.seconds:.2f} s")
        self.stdout.write(f"Counted {len(usual)} figures in {total:.1f} s.")
