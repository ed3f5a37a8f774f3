"""manage.py import_census_unpaid_care FILE: load the Census 2021 unpaid-care table (ONS TS039, CSV).

The same checks as the upload page: every problem is listed by row and nothing is imported while a
row has one; rows of areas outside the region are listed and skipped. Running it again with the same
file replaces each area's figures with the same ones.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from carershub.reporting.coverage import services


class Command(BaseCommand):
    help = "Import the Census 2021 unpaid care counts by area (ONS TS039 CSV)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--synthetic", action="store_true", help="Mark the figures as synthetic (demonstration).")

    def handle(self, *args, file: Path, synthetic=False, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        text = services.decode(data)
        if text is None:
            raise CommandError(f"{file} is not a UTF-8 CSV file")
        report = services.import_census(text, source=file.name, synthetic=synthetic)
        for line in report.skipped:
            self.stdout.write(f"skipped: {line}")
        for line in report.problems:
            self.stderr.write(line)
        if not report.ok:
            raise CommandError(f"{len(report.problems)} problem(s): nothing imported")
        self.stdout.write(f"{report.rows} rows read; imported: {', '.join(report.imported) or 'no area of this region'}")
