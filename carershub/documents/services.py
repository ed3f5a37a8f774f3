"""What happens to documents: adding one (checked, scanned, stored), withdrawing one, erasing a
person's. Each change is one transaction that writes an activity event (decision 6).

The file is stored under a random name in the "documents" storage (settings.STORAGES); its
original name is only ever shown and offered on download (filetypes.clean_name).
"""

import hashlib
import logging
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.core.locking import StaleRecordError, update_if
from carershub.documents import filetypes, scanning
from carershub.documents.models import Document, DocumentKind, ScanStatus

logger = logging.getLogger(__name__)

STORAGE = "documents"


def storage():
    """The documents storage: a private folder, or an S3 bucket (settings.STORAGES["documents"])."""
    return storages[STORAGE]


@dataclass(frozen=True)
class Added:
    """What became of an upload: the document, or None when a virus was found (nothing kept)."""

    document: Document | None
    infected: bool = False


@contextmanager
def _on_local_disk(upload):
    """(path, sha256, size) of the upload's bytes in a local file, for the scanner to read.

    A big upload is already in a temporary file (Django's TemporaryFileUploadHandler); a small
    one, in memory, is written to one here (mode 0600, deleted after).
    """
    digest, size = hashlib.sha256(), 0
    if hasattr(upload, "temporary_file_path"):
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
        yield upload.temporary_file_path(), digest.hexdigest(), size
        return
    with tempfile.NamedTemporaryFile(prefix="carershub-document-", dir=settings.FILE_UPLOAD_TEMP_DIR) as copy:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            copy.write(chunk)
        copy.flush()
        yield copy.name, digest.hexdigest(), size


def _stored_name(file_type: filetypes.FileType) -> str:
    key = uuid.uuid4().hex
    return f"{key[:2]}/{key}{file_type.extensions[0]}"


def add_document(person, *, upload, file_type, kind, title, actor, description="", restricted=False) -> Added:
    """Scan ``upload`` (a checked file: ``file_type`` from filetypes.check), store it and record it.

    A file the scanner finds infected is not kept: the refusal is an event, and the caller tells
    the worker. A scan that fails or is not configured keeps the file with that status.
    """
    with _on_local_disk(upload) as (path, sha256, size):
        result = scanning.scan(
            path, settings.CARERSHUB_VIRUS_SCAN_COMMAND, timeout=settings.CARERSHUB_VIRUS_SCAN_TIMEOUT
        )
        if result.status == scanning.INFECTED:
            logger.warning("Upload refused: the virus scanner found a virus (%s)", result.detail)
            with transaction.atomic():
                record_event(
                    EventKind.DOCUMENT_REFUSED,
                    actor=actor,
                    person=person,
                    data={"kind": kind, "file_type": file_type.code, "size": size, "sha256": sha256,
                          "scan_status": ScanStatus.INFECTED},
                )
            return Added(None, infected=True)
        if result.status == scanning.FAILED:
            logger.warning("Virus scan failed; the document is kept and shown 'Scan failed' (%s)", result.detail)
        stored = storage().save(_stored_name(file_type), upload)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                person=person,
                kind=kind,
                title=title,
                description=description,
                original_name=filetypes.clean_name(getattr(upload, "name", "") or "", limit=200),
                stored_name=stored,
                file_type=file_type.code,
                content_type=file_type.content_type,
                size=size,
                sha256=sha256,
                scan_status=result.status,
                scanned_at=timezone.now() if result.status != scanning.NOT_SCANNED else None,
                restricted=restricted,
                uploaded_by=actor,
                organisation_id=actor.organisation_id,
            )
            record_event(
                EventKind.DOCUMENT_ADDED,
                actor=actor,
                person=person,
                obj=document,
                data={"kind": kind, "file_type": file_type.code, "scan_status": result.status},
            )
    except Exception:
        # Nothing points at the file: do not leave it behind.
        storage().delete(stored)
        raise
    return Added(document)


def attach(person, content: bytes, name: str, *, actor, kind=DocumentKind.OTHER, title="", **fields) -> Document:
    """Add a document from bytes (the demo region, tests): checked and scanned like an upload.

    Raises filetypes.Refused for a file the form would refuse, and ValueError for an infected one.
    """
    upload = ContentFile(content, name=name)
    file_type = filetypes.check(name, upload)
    added = add_document(
        person, upload=upload, file_type=file_type, kind=kind, title=title or name, actor=actor, **fields
    )
    if added.document is None:
        raise ValueError("the virus scanner refused the file")
    return added.document


@transaction.atomic
def withdraw_document(document: Document, *, actor, reason: str) -> bool:
    """Take a document off the list, keeping it; False if it was already withdrawn (or erased)."""
    now = timezone.now()
    try:
        update_if(
            Document,
            document.pk,
            expect={"withdrawn_at__isnull": True, "erased_at__isnull": True},
            withdrawn_at=now,
            withdrawn_by=actor,
            withdrawal_reason=reason,
        )
    except StaleRecordError:
        return False
    document.withdrawn_at, document.withdrawn_by, document.withdrawal_reason = now, actor, reason
    record_event(EventKind.DOCUMENT_WITHDRAWN, actor=actor, person=document.person, obj=document,
                 data={"kind": document.kind})
    return True


def open_file(document: Document):
    """The stored file, opened for reading; OSError (FileNotFoundError included) if it is not there."""
    return storage().open(document.stored_name, "rb")


# --- Reading ---------------------------------------------------------------------------------------


def _seen_by(user):
    """Documents not restricted to another organisation than the user's."""
    return ~Q(restricted=True) | Q(organisation_id=user.organisation_id)


def current_for(user, person):
    """The person's documents on the list, as this user may see them (the caller checked the person)."""
    return Document.objects.current().filter(person=person).filter(_seen_by(user)).select_related("uploaded_by")


def withdrawn_for(user, person):
    return (
        Document.objects.filter(person=person, withdrawn_at__isnull=False, erased_at__isnull=True)
        .filter(_seen_by(user))
        .select_related("uploaded_by", "withdrawn_by")
        .order_by("-withdrawn_at", "-pk")
    )


def restricted_elsewhere_count(user, person) -> int:
    """How many current documents other organisations keep to themselves (so a worker knows to ask)."""
    return Document.objects.current().filter(person=person).exclude(_seen_by(user)).count()


def document_or_404(pk) -> Document:
    """Any document not erased; the caller then opens its person with visible_person_or_404."""
    return get_object_or_404(Document.objects.select_related("organisation"), pk=pk, erased_at__isnull=True)


def for_subject_access(person):
    """Everything held about the person's documents (privacy's subject access), withdrawn ones too."""
    return (
        Document.objects.filter(person=person, erased_at__isnull=True)
        .select_related("uploaded_by__organisation", "withdrawn_by__organisation", "organisation")
        .order_by("uploaded_at", "pk")
    )


# --- Erasure ---------------------------------------------------------------------------------------

ERASED_FIELDS = {"title": "", "description": "", "original_name": "", "withdrawal_reason": "", "sha256": ""}


def erase_documents_of(person) -> int:
    """Blank what the person's documents say and delete their files (privacy's erasure, UK GDPR Art 17).

    Kept: the kind, the type, the size and the dates, which say nothing of the person. Call inside
    the erasure's transaction: the files are deleted once it commits, so an erasure that fails
    leaves them. A file that cannot be deleted then is logged by its random name for an operator.
    """
    documents = list(Document.objects.filter(person=person, erased_at__isnull=True).only("pk", "stored_name"))
    names = [d.stored_name for d in documents if d.stored_name]
    Document.objects.filter(pk__in=[d.pk for d in documents]).update(
        stored_name=None, erased_at=timezone.now(), **ERASED_FIELDS
    )
    if names:
        transaction.on_commit(lambda: _delete_files(names))
    return len(documents)


def _delete_files(names):
    files = storage()
    for name in names:
        try:
            files.delete(name)
        except Exception:  # noqa: BLE001 - each storage backend raises its own errors
            logger.exception("An erased document's file could not be deleted: %s", name)
