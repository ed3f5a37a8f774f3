"""Import people, caring relationships, contacts or consents from another system's export.

    manage.py import_people FILE --mapping MAPPING.toml --organisation ORG [--user USERNAME]
                            [--dry-run] [--report REPORT.csv] [--batch-size N] [--language cy]

FILE is a .csv (UTF-8, with or without a byte-order mark) or an .xlsx workbook. The mapping
(docs/import-mappings/) says what the file holds and which columns fill which fields. See the
README's "Importing a legacy system's data" and DEVELOPERS.md decision 20.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from carershub.accounts.models import User
from carershub.core.ukdata import ValidationProblem
from carershub.imports import mapping as m
from carershub.imports.services import BATCH_SIZE, ImportStopped, Report, import_file
from carershub.partnership.models import Organisation


def problem_text(problem: ValidationProblem) -> str:
    text = _(problem.template)
    return text % problem.params if problem.params else text


class Command(BaseCommand):
    help = "Import people, caring relationships, contacts or consents from another system's CSV or XLSX export."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the export: a .csv (UTF-8) or .xlsx file")
        parser.add_argument("--mapping", required=True, help="the mapping file (TOML): see docs/import-mappings/")
        parser.add_argument(
            "--organisation",
            required=True,
            help="whose data it is: the organisation's ODS code, name or id (on every event; the area of rows "
            "without one)",
        )
        parser.add_argument(
            "--user", help="the username of the member of staff running the import (required for contacts)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would happen, and write nothing"
        )
        parser.add_argument("--report", help="where to write the row-by-row report (default: FILE.report.csv)")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=f"rows a batch (default {BATCH_SIZE})")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="the language of the report and summary",
        )

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self._handle(**options)

    def _handle(self, *, file, mapping, organisation, user, dry_run, report, batch_size, verbosity, **options):
        if batch_size < 1:
            raise CommandError(_("The batch size must be 1 or more"))
        try:
            rules = m.load_mapping(mapping)
        except ValidationProblem as problem:
            raise CommandError(problem_text(problem)) from None
        org = self._organisation(organisation)
        staff = self._user(user) if user else None
        if rules.kind == m.CONTACTS and staff is None:
            raise CommandError(_("Contacts need --user: the member of staff recorded as having logged them"))
        report_path = Path(report) if report else Path(f"{file}.report.csv")
        writer = Report(report_path, dry_run=dry_run)

        def progress(summary, elapsed):
            if verbosity >= 2:
                self.stdout.write(_("%(rows)s rows, %(seconds)s seconds") % {
                    "rows": summary.rows, "seconds": f"{elapsed:.1f}"
                })

        try:
            summary = import_file(
                file, rules, organisation=org, user=staff, dry_run=dry_run, report=writer, batch_size=batch_size,
                progress=progress,
            )
        except ValidationProblem as problem:
            writer.close()
            report_path.unlink(missing_ok=True)
            raise CommandError(problem_text(problem)) from None
        except ImportStopped as stopped:
            writer.close()
            for line in stopped.summary.lines()[1:]:
                self.stdout.write(line)
            error = stopped.error
            if isinstance(error, ValidationProblem):
                error = problem_text(error)
            elif options.get("traceback"):
                raise
            raise CommandError(
                _("The import stopped at the batch starting on row %(row)s: %(error)s. The rows before it are "
                  "imported; run the import again to carry on.") % {"row": stopped.first_row, "error": error}
            ) from None
        writer.close()
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(_("Report: %(path)s") % {"path": report_path})

    def _organisation(self, text):
        query = Q(ods_code__iexact=text) | Q(name__iexact=text)
        if text.isdigit():
            query |= Q(pk=int(text))
        found = list(Organisation.objects.filter(query)[:2])
        if len(found) != 1:
            raise CommandError(_("No organisation has the ODS code, name or id “%(value)s”") % {"value": text})
        return found[0]

    def _user(self, username):
        try:
            return User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(_("No active member of staff has the username “%(value)s”") % {"value": username}) from None
