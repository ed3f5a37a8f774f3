"""Run the daily retention review now, or put it on the task queue for the worker.

    manage.py retention_review            # run it in this process and print the counts
    manage.py retention_review --enqueue  # queue it for ``manage.py db_worker`` (a daily timer calls this)
"""

from django.core.management.base import BaseCommand

from carershub.privacy.tasks import daily_retention_review


class Command(BaseCommand):
    help = "List the records past their retention period for a team manager's review."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead of running it here."
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = daily_retention_review.enqueue()
            self.stdout.write(f"Queued the retention review as task {result.id}.")
            return
        counts = daily_retention_review.call()
        self.stdout.write(", ".join(f"{name.replace('_', ' ')}: {number}" for name, number in counts.items()))
