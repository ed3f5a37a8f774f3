"""Count the figures commissioners open most, so that nobody waits for them (reporting/prepared.py).

    manage.py prepare_figures            # count them here, printing how long each took
    manage.py prepare_figures --enqueue  # queue them for ``manage.py db_worker`` (a nightly timer calls this)
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from carershub.reporting import prepared, tasks


class Command(BaseCommand):
    help = "Count the usual figures (activity, coverage, statutory returns) and keep them for the pages."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help="Queue each counting for the worker instead of counting here.")

    def handle(self, *args, enqueue=False, **options):
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
