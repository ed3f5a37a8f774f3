"""Load another directory's Open Referral UK 3.0 feed into ours (directory/importing.py).

    manage.py import_oruk https://directory.example.org/oruk     # the feed's API root: its /services pages
    manage.py import_oruk feed.json                              # a page of services, a list, or one service

Running it again changes nothing that has not changed in the feed. Prints the counts added, changed,
unchanged and rejected, and each rejected service's id with the reason; exits 1 when the feed could
not be read at all.
"""

from django.core.management.base import BaseCommand, CommandError

from carershub.directory import importing


class Command(BaseCommand):
    help = "Import an Open Referral UK 3.0 feed (a URL of its API root, or a JSON file) into the directory."

    def add_arguments(self, parser):
        parser.add_argument("source", help="http(s) address of the feed's API root, or a JSON file")

    def handle(self, *args, source, **options):
        try:
            report = importing.import_source(source)
        except importing.FeedError as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(
            f"added {report.added}, changed {report.changed}, unchanged {report.unchanged}, rejected {len(report.rejected)}"
        )
        for label, reason in report.rejected:
            self.stdout.write(f"rejected {label}: {reason}")
