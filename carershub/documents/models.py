"""Documents on a person's record: signed consent, GP letters, the carer's own papers (decision 27).

The file itself is kept in the "documents" storage (``STORAGES["documents"]``: a folder outside
the web root, or an S3-compatible bucket) under a random name; this row says what it is. A
document is never deleted by a worker: it can be withdrawn, with a reason, and is then kept
out of the list but in the record's history. Only erasure (privacy) deletes the file.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.documents import filetypes, scanning


class DocumentKind(models.TextChoices):
    SIGNED_CONSENT = "signed_consent", _("Signed consent form")
    HEALTH_LETTER = "health_letter", _("GP or health letter")
    COUNCIL_LETTER = "council_letter", _("Letter from the council")
    CARERS_OWN = "carers_own", _("Carer's own document")
    ASSESSMENT_OR_PLAN = "assessment_or_plan", _("Assessment or plan document")
    OTHER = "other", _("Other")


class ScanStatus(models.TextChoices):
    NOT_SCANNED = scanning.NOT_SCANNED, _("Not scanned")
    CLEAN = scanning.CLEAN, _("No virus found")
    # A file found infected is never kept: this status appears only in the refusal's event.
    INFECTED = scanning.INFECTED, _("Virus found: refused")
    FAILED = scanning.FAILED, _("Scan failed")


class DocumentQuerySet(models.QuerySet):
    def current(self):
        """Neither withdrawn nor erased: what the list shows."""
        return self.filter(withdrawn_at__isnull=True, erased_at__isnull=True)


class Document(models.Model):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="documents", db_index=False
    )
    kind = models.CharField(_("what kind of document it is"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    # The name on the uploader's computer, cleaned (filetypes.clean_name): shown and offered on
    # download, never used to store or find the file.
    original_name = models.CharField(_("file name"), max_length=200)
    # The random name in the documents storage ("ab/ab12...ef.pdf"); None once the file is erased.
    stored_name = models.CharField(max_length=100, unique=True, null=True, editable=False)
    # What the content says it is (filetypes.detect), not what the browser or the name claimed.
    file_type = models.CharField(max_length=10, choices=[(t.code, t.label) for t in filetypes.TYPES.values()])
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    scan_status = models.CharField(
        _("virus scan"), max_length=20, choices=ScanStatus.choices, default=ScanStatus.NOT_SCANNED
    )
    scanned_at = models.DateTimeField(null=True, blank=True)
    # Seen only by staff of the organisation that added it (a sensitive letter).
    restricted = models.BooleanField(_("only our organisation may see it"), default=False)

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("partnership.Organisation", null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("added"), default=timezone.now)

    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.TextField(_("why it was withdrawn"), max_length=500, blank=True)
    # Set when the person's record is erased (privacy): the file is deleted and the text blanked.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["person", "uploaded_at"], name="document_person_time")]

    def __str__(self):
        return self.title

    @property
    def file_type_info(self) -> filetypes.FileType | None:
        return filetypes.TYPES.get(self.file_type)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def download_name(self) -> str:
        info = self.file_type_info
        fallback = f"document-{self.pk}"
        return filetypes.download_name(self.original_name, info, fallback=fallback) if info else fallback
