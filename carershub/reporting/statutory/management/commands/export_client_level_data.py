"""Write the Client Level Data carer events of a reporting period, and the problems met, as CSV files.

    manage.py export_client_level_data --from 2025-04-01 --to 2025-06-30 --output cld.csv [--area E06999901]
        [--problems cld-problems.csv]

The rows are those of the statutory returns page (reporting/statutory/cld.py says what becomes
what and which values are not yet checked against the Release 2 specification); councils in England
only. Every record that could not be mapped, or was mapped with a field left blank, is a row of the
problems file (by default beside the output, ending ``-problems.csv``): which record, which field,
why, and whether it was left out. The file holds personal data: it is written for the council's
return and should be handled as such; the command logs who ran it (the operating-system user), the
period and the number of rows, as the page's download is logged in the access log.
"""

import csv
import datetime
import getpass
import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from carershub.partnership.models import Area, Nation
from carershub.reporting.statutory import cld, services

logger = logging.getLogger("carershub.statutory")


def _date(value: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CommandError(f"{option} must be a date written YYYY-MM-DD, like 2025-04-01; got {value!r}.") from None


class Command(BaseCommand):
    help = "Write the Client Level Data carer events of a period (councils in England) and their problems as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="first day of the period, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day of the period, YYYY-MM-DD")
        parser.add_argument("--output", required=True, help="the CSV file to write the rows to")
        parser.add_argument("--area", help="only this council area, by its ONS code (like E06000001)")
        parser.add_argument("--problems", help="the CSV file for the problems (default: beside the output)")

    def handle(self, *args, start, end, output, area=None, problems=None, **options):
        period = services.Period(_date(start, "--from"), _date(end, "--to"))
        if period.end < period.start:
            raise CommandError("--to must be the same as or after --from.")
        if area:
            found = Area.objects.filter(code=area).first()
            if found is None:
                raise CommandError(f"No area has the code {area!r}.")
            if found.nation != Nation.ENGLAND:
                raise CommandError(f"{found.name} ({area}) is not in England: Client Level Data is for councils in England.")
        output_path = Path(output)
        problems_path = Path(problems) if problems else output_path.with_name(f"{output_path.stem}-problems.csv")
        if not output_path.parent.is_dir():
            raise CommandError(f"The folder {output_path.parent} does not exist.")
        result = services.client_level_data(period, area_code=area)
        with open(output_path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(cld.FIELDS)
            for row in result.rows:
                writer.writerow([row[name] for name in cld.FIELDS])
        with open(problems_path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(cld.PROBLEM_HEADER)
            writer.writerows(cld.problem_rows(result.problems))
        # In the message itself: the JSON log writes no extra fields (core/logformat.py), nor does the text one.
        logger.info("client level data exported by %s: area %s, %s to %s, %d rows, %d problems",
                    getpass.getuser(), area or "all", period.start, period.end, len(result.rows), len(result.problems))
        self.stdout.write(
            f"Wrote {len(result.rows)} rows to {output_path} and {len(result.problems)} problems "
            f"({len(result.left_out())} records left out) to {problems_path}."
        )
