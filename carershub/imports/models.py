"""What was imported from other systems, so that running an import again carries on where it was.

Each row of another system's export that became (or was merged into) one of our records has a
``SourceRecord``: the system, the kind of row, their id for it, our record, and a fingerprint
of what the row said, so a second run of the same file knows every row it has already
imported ("unchanged") and each row that changed since ("updated").
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PEOPLE = "people", _("people")
    CARING = "caring", _("caring relationships")
    CONTACTS = "contacts", _("contacts")
    CONSENTS = "consents", _("consents to share")


class ImportRun(models.Model):
    """One real run of ``manage.py import_people`` (a dry run leaves none)."""

    source = models.CharField(_("source system"), max_length=100)
    kind = models.CharField(_("what the file holds"), max_length=10, choices=Kind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    organisation = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(_("rows by outcome"), default=dict, blank=True)

    class Meta:
        verbose_name = _("import run")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.source} {self.kind} {self.started_at:%Y-%m-%d %H:%M}"


class SourceRecord(models.Model):
    """One row of another system's export and the record of ours it became or was merged into."""

    class Outcome(models.TextChoices):
        ADDED = "added", _("added")
        MERGED = "merged", _("merged")

    source = models.CharField(_("source system"), max_length=100)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    source_id = models.CharField(_("source id"), max_length=100)
    # Our Person, CaringRelationship, Contact or Consent, by kind.
    object_id = models.BigIntegerField()
    # What the row said when last imported: a hash of all its mapped values (is anything
    # different?) and one per field (which fields did they change, and did we change ours
    # since?). Keyed hashes, never the values themselves (imports/ledger.py).
    fingerprint = models.CharField(max_length=32)
    field_hashes = models.JSONField(default=dict)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    # The last real run that read the row, and its row number in that run's file: the same id
    # twice in one file is a mistake in the file, which the report points out.
    # No database constraint: checking it for each of a million rows at every commit is a good
    # part of an import's time, and runs are never deleted (Django itself refuses, PROTECT).
    run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    row_number = models.PositiveIntegerField()
    first_imported_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("imported row")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "source_id"], name="source_record_unique")
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="source_record_object")]

    def __str__(self):
        return f"{self.source} {self.kind} {self.source_id} → {self.object_id}"
