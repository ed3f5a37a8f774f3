"""Where documents are kept: a private folder outside the web root, or an S3 bucket; and check_config's say."""

import io
import shlex
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.core.files.storage.handler import StorageHandler
from django.core.management import CommandError, call_command

from carershub import settings as project_settings
from carershub.accounts.models import Role
from tests import builders

S3 = {
    "bucket_name": "carershub-documents",
    "endpoint_url": "https://objects.example.invalid",
    "region_name": "eu-west-2",
    "access_key": "AKIAEXAMPLE",
    "secret_key": "not-a-real-secret",
    "encryption": "aws:kms",
    "kms_key_id": "alias/carershub",
}


def test_the_s3_setting_builds_django_storages_s3_backend_with_server_side_encryption():
    from storages.backends.s3 import S3Storage

    config = project_settings.document_storage("s3", root=Path("/unused"), s3=S3)
    storage = StorageHandler({"documents": config})["documents"]  # built, never connected

    assert isinstance(storage, S3Storage)
    assert storage.bucket_name == "carershub-documents"
    assert storage.endpoint_url == "https://objects.example.invalid"
    assert storage.region_name == "eu-west-2"
    assert storage.access_key == "AKIAEXAMPLE"
    assert storage.location == "documents"
    assert storage.file_overwrite is False and storage.querystring_auth is True
    assert storage.default_acl is None
    assert storage.object_parameters == {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "alias/carershub"}


def test_s3_without_keys_uses_boto3s_own_credentials_and_aes256_by_default():
    config = project_settings.document_storage("s3", root=Path("/unused"), s3={"bucket_name": "b", "encryption": ""})

    assert "access_key" not in config["OPTIONS"] and "secret_key" not in config["OPTIONS"]
    assert config["OPTIONS"]["object_parameters"] == {"ServerSideEncryption": "AES256"}


@pytest.mark.parametrize(("kind", "s3"), [("s3", {"bucket_name": ""}), ("ftp", {})])
def test_an_unusable_storage_setting_stops_the_service_starting(kind, s3):
    with pytest.raises(ImproperlyConfigured):
        project_settings.document_storage(kind, root=Path("/unused"), s3=s3)


def test_by_default_documents_are_a_private_folder_in_var_not_anything_served():
    config = project_settings.document_storage("local", root=project_settings.CARERSHUB_DOCUMENT_ROOT, s3={})
    root = Path(config["OPTIONS"]["location"])

    assert config["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert config["OPTIONS"]["file_permissions_mode"] == 0o600
    assert root == project_settings.VAR_DIR / "documents"
    for served in (project_settings.STATIC_ROOT, project_settings.BASE_DIR / "build"):
        assert served not in root.parents


# --- check_config ----------------------------------------------------------------------------


def check_config_lines():
    out = io.StringIO()
    try:
        call_command("check_config", stdout=out, no_color=True)
    except CommandError:
        pass
    return {line.split(":", 1)[0]: line for line in out.getvalue().splitlines() if ":" in line}


def use_folder(settings, root):
    settings.STORAGES = {**settings.STORAGES, "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                            "OPTIONS": {"location": str(root)}}}


def test_check_config_says_the_document_store_is_writable(db, _document_storage):
    lines = check_config_lines()

    assert lines["OK document store"].endswith(f"documents kept in {_document_storage.resolve()}, writable")
    assert not any(p.name.endswith(".probe") for p in _document_storage.iterdir()), "the probe is removed"
    assert "OK virus scanner" in lines and "Not scanned" in lines["OK virus scanner"]


def test_a_document_store_that_cannot_be_written_is_a_problem(db, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    use_folder(settings, blocker / "documents")

    assert "cannot write to the document store" in check_config_lines()["PROBLEM document store"]


def test_a_document_store_inside_the_static_files_is_a_problem(db, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    use_folder(settings, tmp_path / "static" / "documents")

    assert "set CARERSHUB_DOCUMENT_ROOT outside it" in check_config_lines()["PROBLEM document store"]


def test_a_scanner_that_is_not_installed_or_fails_a_clean_file_is_a_problem(db, settings, tmp_path):
    settings.CARERSHUB_VIRUS_SCAN_COMMAND = "/nonexistent/clamdscan --fdpass {path}"
    assert "is not installed" in check_config_lines()["PROBLEM virus scanner"]

    broken = tmp_path / "clamdscan.py"
    broken.write_text("import sys\nsys.exit(2)\n")  # clamd not running
    settings.CARERSHUB_VIRUS_SCAN_COMMAND = f"{shlex.quote(sys.executable)} {shlex.quote(str(broken))} {{path}}"
    assert "answered 2 for a clean file" in check_config_lines()["PROBLEM virus scanner"]


# --- Erasure deletes the files ---------------------------------------------------------------


def test_erasing_a_persons_documents_deletes_their_files_once_committed(
    make_carer, make_user, _document_storage, django_capture_on_commit_callbacks
):
    from carershub.documents import services
    from carershub.documents.models import Document

    carer = make_carer()
    worker = make_user(Role.FRONT_DOOR)
    kept = builders.stored_document(carer, actor=worker)
    withdrawn = builders.stored_document(carer, actor=worker, title="Old letter")
    services.withdraw_document(withdrawn, actor=worker, reason="Superseded")
    other = builders.stored_document(make_carer(given="Other"), actor=worker)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.erase_documents_of(carer) == 2

    for document in (kept, withdrawn):
        path = _document_storage / document.stored_name
        assert not path.exists()
        document.refresh_from_db()
        assert document.stored_name is None and document.erased_at is not None
        assert (document.title, document.original_name, document.sha256, document.withdrawal_reason) == ("", "", "", "")
        assert document.kind and document.size, "what says nothing of the person stays"
    assert (_document_storage / other.stored_name).exists(), "nobody else's"
    assert Document.objects.filter(person=carer).count() == 2
    assert isinstance(services.storage(), FileSystemStorage)
