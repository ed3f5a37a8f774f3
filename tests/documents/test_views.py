"""Documents through the pages a worker uses: adding one, reading the list, downloading, withdrawing."""

import shlex
import sys
from urllib.parse import quote

import pytest

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessEvent, AccessPart
from carershub.documents import services
from carershub.documents.models import Document, ScanStatus
from carershub.partnership.models import Organisation
from tests import builders
from tests.documents import files
from tests.documents.files import Upload
from tests.pages import Page
from tests.builders import share_consented

VIRUS = "The selected file contains a virus. It has not been saved"


@pytest.fixture
def carer(make_carer):
    return make_carer(given="Bronwen", family="Testdocs")


@pytest.fixture
def practitioner(client_for):
    """A practitioner of the council where the carer lives: a relationship with them."""
    return client_for(Role.PRACTITIONER)


def new_url(person):
    return f"/documents/person/{person.pk}/new/"


def list_url(person):
    return f"/documents/person/{person.pk}/"


def upload_data(client, person, upload, **typed):
    page = Page(client.get(new_url(person)))
    return {**page.form_data(), "kind": "signed_consent", "title": "Consent form signed 3 March 2026", "file": upload, **typed}


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def scanner_command(tmp_path, exit_code=None):
    """A tiny fake ClamAV: exit 1 when the file holds the EICAR test string (or always ``exit_code``)."""
    script = tmp_path / "fake_clamdscan.py"
    if exit_code is None:
        script.write_text(f"import sys\nsys.exit(1 if {files.EICAR!r}.encode() in open(sys.argv[-1], 'rb').read() else 0)\n")
    else:
        script.write_text(f"import sys\nsys.exit({exit_code})\n")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} --no-summary {{path}}"


# --- Adding a document ---------------------------------------------------------------------------


def test_the_upload_page_uses_the_file_upload_component_and_a_one_time_token(practitioner, carer):
    page = Page(practitioner.get(new_url(carer)))

    form = page.find_all("form")[0]
    assert form.attrs["enctype"] == "multipart/form-data"
    file_input = page.by_id("id_file")
    assert file_input.attrs["type"] == "file" and "govuk-file-upload" in file_input.classes
    assert ".pdf" in file_input.attrs["accept"] and ".docx" in file_input.attrs["accept"]
    assert page.form_data()["form_token"]
    assert "smaller than 20 MB" in page.text


def test_an_accepted_file_is_stored_under_a_random_name_with_its_detected_type(practitioner, carer, _document_storage):
    # The browser says it is a PDF; it is a PNG called scan.png: the content decides.
    upload = Upload("../../Scan of GP letter.png", files.png())
    upload.content_type = "application/pdf"

    response = practitioner.post(new_url(carer), upload_data(practitioner, carer, upload, kind="health_letter"))

    assert response.status_code == 302 and response.url == list_url(carer)
    document = Document.objects.get()
    assert document.person == carer
    assert (document.file_type, document.content_type) == ("png", "image/png")
    assert document.original_name == "Scan of GP letter.png"
    assert document.size == len(files.png())
    assert document.uploaded_by == practitioner.user and document.organisation == practitioner.user.organisation
    assert document.scan_status == ScanStatus.NOT_SCANNED and document.scanned_at is None
    [stored] = stored_files(_document_storage)
    assert stored.read_bytes() == files.png()
    assert "GP" not in str(stored) and stored.suffix == ".png"
    assert stored.name == document.stored_name.split("/")[-1]
    event = Event.objects.get(kind=EventKind.DOCUMENT_ADDED)
    assert (event.person, event.object_id, event.actor) == (carer, document.pk, practitioner.user)
    assert event.data == {"kind": "health_letter", "file_type": "png", "scan_status": "not_scanned"}
    assert "Document added: Consent form signed 3 March 2026" in Page(practitioner.get(response.url)).text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "letter.pdf",
            files.exe(),
            "The selected file must be a PDF, a picture (JPG, PNG, TIFF or HEIC) or an office document "
            "(Word, Excel, PowerPoint or OpenDocument)",
        ),
        (
            "letter.docm",
            files.ooxml("docm"),
            "The selected file contains macros or embedded programs, which could be harmful. Save it without them "
            "(for example as a .docx file or a PDF) and try again",
        ),
        ("letter.pdf", b"", "The selected file is empty"),
    ],
)
def test_a_refused_file_is_told_on_the_field_and_nothing_is_kept(practitioner, carer, _document_storage, name, content, message):
    response = practitioner.post(new_url(carer), upload_data(practitioner, carer, Upload(name, content)))

    assert response.status_code == 200
    page = Page(response)
    assert page.error_for("file") == message
    assert page.error_summary[0] == message
    assert not Document.objects.exists() and not stored_files(_document_storage)
    assert page.value_of("title") == "Consent form signed 3 March 2026", "what was typed is kept"


def test_no_file_asks_for_one(practitioner, carer):
    data = upload_data(practitioner, carer, None)
    del data["file"]

    response = practitioner.post(new_url(carer), data)

    assert Page(response).error_for("file") == "Select a file"


def test_a_file_over_the_limit_is_dropped_as_it_arrives_and_the_field_says_so(practitioner, carer, settings, _document_storage):
    settings.CARERSHUB_DOCUMENT_MAX_BYTES = 4096

    response = practitioner.post(new_url(carer), upload_data(practitioner, carer, Upload("big.pdf", files.pdf(pad_to=5000))))

    assert response.status_code == 200
    assert Page(response).error_for("file") == "The selected file must be smaller than 4 KB"
    assert not Document.objects.exists() and not stored_files(_document_storage)


def test_a_body_far_over_the_limit_is_not_kept_either(practitioner, carer, settings):
    settings.CARERSHUB_DOCUMENT_MAX_BYTES = 4096
    huge = files.pdf(pad_to=1024 * 1024 + 10_000)

    response = practitioner.post(new_url(carer), upload_data(practitioner, carer, Upload("huge.pdf", huge)))

    assert response.status_code == 200
    assert Page(response).error_for("file") == "The selected file must be smaller than 4 KB"


def test_the_form_sent_twice_makes_one_document(practitioner, carer, _document_storage):
    data = upload_data(practitioner, carer, Upload("consent.pdf", files.pdf()))

    first = practitioner.post(new_url(carer), data)
    second = practitioner.post(new_url(carer), data)

    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert Document.objects.count() == 1
    assert len(stored_files(_document_storage)) == 1


def test_an_infected_file_is_refused_not_kept_and_the_refusal_is_an_event(practitioner, carer, settings, tmp_path, _document_storage):
    settings.CARERSHUB_VIRUS_SCAN_COMMAND = scanner_command(tmp_path)
    infected = files.pdf() + files.EICAR.encode()

    response = practitioner.post(new_url(carer), upload_data(practitioner, carer, Upload("consent.pdf", infected)))

    assert response.status_code == 200
    assert Page(response).error_for("file") == VIRUS
    assert not Document.objects.exists() and not stored_files(_document_storage)
    refused = Event.objects.get(kind=EventKind.DOCUMENT_REFUSED)
    assert refused.person == carer and refused.actor == practitioner.user
    assert refused.data["scan_status"] == "infected"


def test_a_clean_scan_is_recorded_and_shown(practitioner, carer, settings, tmp_path):
    settings.CARERSHUB_VIRUS_SCAN_COMMAND = scanner_command(tmp_path)

    practitioner.post(new_url(carer), upload_data(practitioner, carer, Upload("consent.pdf", files.pdf())))

    document = Document.objects.get()
    assert document.scan_status == ScanStatus.CLEAN and document.scanned_at is not None
    assert "No virus found" in Page(practitioner.get(list_url(carer))).text


def test_a_failed_scan_keeps_the_document_and_says_scan_failed(practitioner, carer, settings, tmp_path):
    settings.CARERSHUB_VIRUS_SCAN_COMMAND = scanner_command(tmp_path, exit_code=2)

    response = practitioner.post(new_url(carer), upload_data(practitioner, carer, Upload("consent.pdf", files.pdf())))

    assert response.status_code == 302
    assert Document.objects.get().scan_status == ScanStatus.FAILED
    assert "Scan failed" in Page(practitioner.get(list_url(carer))).text


def test_without_a_scanner_the_list_says_not_scanned(practitioner, carer):
    builders.stored_document(carer, actor=practitioner.user)

    assert "Not scanned" in Page(practitioner.get(list_url(carer))).text
    assert AccessEvent.objects.filter(part=AccessPart.DOCUMENT_LIST, person_ref=carer.pk).exists()


def test_a_partner_worker_may_not_add_documents(client_for, carer, make_consent):
    make_consent(carer)
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    assert partner.get(new_url(carer)).status_code == 403


# --- Downloading ---------------------------------------------------------------------------------


def download(client, document):
    return client.get(f"/documents/{document.pk}/download/")


def test_the_download_is_an_attachment_of_the_detected_type_never_sniffed_or_cached(practitioner, carer):
    document = builders.stored_document(carer, actor=practitioner.user, name="Ffurflen caniatâd – Bronwen.pdf")

    response = download(practitioner, document)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == services.open_file(document).read()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote("Ffurflen caniatâd – Bronwen.pdf")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]


def test_every_download_is_in_the_access_log(practitioner, carer):
    document = builders.stored_document(carer, actor=practitioner.user)

    download(practitioner, document)

    logged = AccessEvent.objects.get(part=AccessPart.DOCUMENT)
    assert (logged.person_ref, logged.actor) == (carer.pk, practitioner.user)
    assert logged.path == f"/documents/{document.pk}/download/"


def test_a_service_worker_without_a_relationship_must_say_why_and_gets_nothing_before(client_for, carer, region, make_user):
    document = builders.stored_document(carer, actor=make_user(Role.FRONT_DOOR))
    other_council = Organisation.objects.create(
        name="Test Marches Council", kind=Organisation.Kind.COUNCIL, sector=Organisation.Sector.STATUTORY,
        area=region["areas"]["marches"],
    )
    stranger = client_for(Role.PRACTITIONER, organisation=other_council)

    response = download(stranger, document)

    assert response.status_code == 302 and f"/people/{carer.pk}/why/" in response.url
    assert not AccessEvent.objects.filter(part=AccessPart.DOCUMENT).exists()


@pytest.mark.parametrize("role", [Role.PARTNER_WORKER, Role.COMMISSIONER])
def test_a_partner_without_consent_and_a_commissioner_get_404(client_for, carer, role, make_user):
    document = builders.stored_document(carer, actor=make_user(Role.FRONT_DOOR))
    other = client_for(role, organisation="partner" if role == Role.PARTNER_WORKER else None)

    assert download(other, document).status_code == 404
    assert other.get(list_url(carer)).status_code in (403, 404)


def test_a_partner_a_carer_was_referred_to_does_not_see_the_documents(client_for, carer, make_consent, make_user):
    # The shared summary holds no documents (decision 36): the record opens, its papers do not.
    document = builders.stored_document(carer, actor=make_user(Role.FRONT_DOOR))
    share_consented(make_consent(carer))
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    assert partner.get(f"/people/{carer.pk}/").status_code == 200
    assert download(partner, document).status_code in (403, 404)
    assert partner.get(list_url(carer)).status_code in (403, 404)
    assert "Signed consent form" not in Page(partner.get(f"/people/{carer.pk}/")).text


def test_an_anonymous_visitor_is_sent_to_sign_in(client, carer, make_user):
    document = builders.stored_document(carer, actor=make_user(Role.FRONT_DOOR))

    response = download(client, document)

    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_restricted_document_is_seen_only_by_its_organisation(practitioner, new_client, make_user, carer):
    document = builders.stored_document(carer, actor=practitioner.user, title="Letter about a court case", restricted=True)
    front_door = new_client(make_user(Role.FRONT_DOOR))  # the carers centre, another organisation

    assert download(practitioner, document).status_code == 200

    assert download(front_door, document).status_code == 404
    page = Page(front_door.get(list_url(carer)))
    assert "Letter about a court case" not in page.text
    assert "1 more document is kept by another organisation" in page.text


def test_nothing_serves_the_storage_folder_directly(practitioner, carer):
    document = builders.stored_document(carer, actor=practitioner.user)

    for path in (f"/media/{document.stored_name}", f"/documents/{document.stored_name}", f"/static/{document.stored_name}"):
        assert practitioner.get(path).status_code == 404, path


def test_a_missing_file_is_a_page_that_says_so_not_an_error(practitioner, carer, _document_storage):
    document = builders.stored_document(carer, actor=practitioner.user)
    (_document_storage / document.stored_name).unlink()

    response = download(practitioner, document)

    assert response.status_code == 404
    assert "The file cannot be found" in Page(response).text


# --- Withdrawing ---------------------------------------------------------------------------------


def withdraw_url(document):
    return f"/documents/{document.pk}/withdraw/"


def test_a_withdrawn_document_leaves_the_list_but_stays_in_its_history(practitioner, carer):
    document = builders.stored_document(carer, actor=practitioner.user, title="Wrong person's letter")

    missing = practitioner.post(withdraw_url(document), {"reason": ""})
    assert Page(missing).error_for("reason") == "Enter why you are withdrawing the document"
    response = practitioner.post(withdraw_url(document), {"reason": "Attached to the wrong record"})

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.withdrawn_at is not None and document.withdrawn_by == practitioner.user
    page = Page(practitioner.get(list_url(carer)))
    assert "No documents on the record." in page.text
    assert "1 withdrawn document" in page.text and "Attached to the wrong record" in page.text
    event = Event.objects.get(kind=EventKind.DOCUMENT_WITHDRAWN)
    assert (event.person, event.object_id) == (carer, document.pk)
    assert download(practitioner, document).status_code == 404, "only a team manager may still open it"
    assert services.open_file(document).read(), "the file is kept"


def test_a_team_manager_may_still_open_a_withdrawn_document(practitioner, new_client, make_user, carer):
    document = builders.stored_document(carer, actor=practitioner.user)
    practitioner.post(withdraw_url(document), {"reason": "A newer copy has been added"})
    manager = new_client(make_user(Role.TEAM_MANAGER))

    assert download(manager, document).status_code == 200


def test_withdrawing_twice_says_so_and_records_one_event(practitioner, carer):
    document = builders.stored_document(carer, actor=practitioner.user)
    practitioner.post(withdraw_url(document), {"reason": "Duplicate"})

    response = practitioner.post(withdraw_url(document), {"reason": "Duplicate"}, follow=True)

    assert "This document has already been withdrawn." in Page(response).text
    assert Event.objects.filter(kind=EventKind.DOCUMENT_WITHDRAWN).count() == 1


def test_a_partner_may_not_withdraw(client_for, carer, make_consent, make_user):
    document = builders.stored_document(carer, actor=make_user(Role.FRONT_DOOR))
    make_consent(carer)
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    assert partner.post(withdraw_url(document), {"reason": "Not mine"}).status_code == 403
    document.refresh_from_db()
    assert document.withdrawn_at is None


# --- On the person's page ------------------------------------------------------------------------


def test_the_person_page_lists_the_documents_and_offers_to_add_one(practitioner, carer):
    document = builders.stored_document(carer, actor=practitioner.user, title="Consent form signed 3 March 2026")

    page = Page(practitioner.get(f"/people/{carer.pk}/"))

    assert "Consent form signed 3 March 2026" in page.text
    assert f"/documents/{document.pk}/download/" in page.links()
    assert new_url(carer) in page.links()


def test_the_timeline_shows_documents_added_and_withdrawn_without_a_restricted_title(make_user, carer):
    from carershub.people import timeline

    worker = make_user(Role.PRACTITIONER)
    shared = builders.stored_document(carer, actor=worker, title="Consent form signed 3 March 2026")
    builders.stored_document(carer, actor=worker, title="Court letter", restricted=True)
    services.withdraw_document(shared, actor=worker, reason="A newer copy has been added")
    front_door = make_user(Role.FRONT_DOOR)  # another organisation

    def entries(user):
        page = timeline.page_for(user, carer, groups={"documents"}, cursor=None)
        return [(item.entry.title, item.entry.detail, item.entry.restricted) for item in page.items]

    assert entries(worker) == [
        ("Document withdrawn: Signed consent form", "Consent form signed 3 March 2026: A newer copy has been added", False),
        ("Document added: Signed consent form", "Court letter", True),
        ("Document added: Signed consent form", "Consent form signed 3 March 2026", False),
    ]
    assert ("Document added: Signed consent form", "", True) in entries(front_door)
    assert "Court letter" not in str(entries(front_door))


# --- In Welsh ------------------------------------------------------------------------------------


@pytest.fixture
def back_to_english():
    """The pages a Welsh speaker asks for switch this thread to Welsh; the tests after must not inherit it."""
    from django.utils import translation

    yield
    translation.deactivate()


def test_a_welsh_speaking_worker_gets_the_pages_and_the_refusals_in_welsh(practitioner, carer, back_to_english):
    from tests.welsh import compile_welsh_catalogue, cy

    compile_welsh_catalogue()
    practitioner.user.preferred_language = "cy"
    practitioner.user.save()
    builders.stored_document(carer, actor=practitioner.user)

    listed = Page(practitioner.get(list_url(carer)))
    refused = Page(practitioner.post(new_url(carer), upload_data(practitioner, carer, Upload("llun.pdf", files.png()))))

    assert cy("Documents, newest first") in listed.text and cy("Not scanned") in listed.text
    assert refused.error_for("file").removeprefix(cy("Error") + ":").strip() == cy(
        "The selected file is a %(type)s but its name ends in %(extension)s. Choose the right file, or rename it to "
        "end in %(expected)s"
    ) % {"type": cy("PNG picture"), "extension": ".pdf", "expected": ".png"}
