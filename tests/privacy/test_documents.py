"""Documents in a carer's data-protection rights: listed in a subject access download, deleted by erasure."""

import json

from carershub.documents import services as document_services
from carershub.documents.models import Document
from tests import builders
from tests.privacy.test_erasure import REASON, erase_url
from tests.privacy.test_subject_access import download


def test_the_subject_access_download_lists_every_document_withdrawn_ones_too(manager, full_carer):
    carer, worker = full_carer.person, full_carer.practitioner
    builders.stored_document(carer, actor=worker, title="Consent form signed 3 March 2026", name="consent.pdf")
    old = builders.stored_document(carer, actor=worker, title="GP letter", kind="health_letter", name="gp.pdf")
    document_services.withdraw_document(old, actor=worker, reason="Attached twice")

    review = json.loads(download(manager, full_carer.request, "for_review").content)
    release = json.loads(download(manager, full_carer.request, "for_release").content)

    listed = review["documents"]
    assert [d["title"] for d in listed] == ["Consent form signed 3 March 2026", "GP letter"]
    assert listed[0]["kind"] == "Signed consent form" and listed[0]["file_name"] == "consent.pdf"
    assert listed[0]["file_type"] == "PDF" and listed[0]["size"] > 0
    assert listed[1]["withdrawal_reason"] == "Attached twice" and listed[1]["withdrawn_at"]
    staff = worker.get_full_name()
    assert staff in json.dumps(review["documents"])
    assert staff not in json.dumps(release["documents"]), "staff names are withheld on release"


def test_erasure_deletes_the_files_and_blanks_what_was_written_about_them(
    manager, full_carer, _document_storage, django_capture_on_commit_callbacks
):
    carer = full_carer.person
    document = builders.stored_document(carer, actor=full_carer.practitioner, title="Letter naming Bronwen")
    path = _document_storage / document.stored_name
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(erase_url(carer), {"reason": REASON, "confirm": "on"})

    assert response.status_code == 302
    assert not path.exists()
    document.refresh_from_db()
    assert (document.title, document.original_name, document.stored_name) == ("", "", None)
    assert document.erased_at is not None
    assert manager.get(f"/documents/{document.pk}/download/").status_code == 404
    assert not Document.objects.current().filter(person=carer).exists()
