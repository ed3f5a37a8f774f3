"""Subject access: one download of everything held about a person, other people's details marked or withheld."""

import json

import pytest

from carershub.audit.models import AccessAction, AccessEvent, AccessPart
from carershub.privacy import subject_access
from tests.pages import Page
from tests.privacy.conftest import CALLER, CARED_FOR_GIVEN, CONDITIONS, HELPER, REPRESENTATIVE

EVERY_KIND = [
    "record",
    "carer",
    "caring",
    "contacts",
    "consents",
    "assessments",
    "letters",
    "support_plans",
    "self_assessments",
    "data_rights_requests",
    "access_log",
]


def url(request):
    return f"/privacy/requests/{request.pk}/subject-access/"


def download(client, request, version, file_format="json"):
    return client.post(url(request), {"version": version, "file_format": file_format})


def test_the_json_download_holds_every_kind_of_record(manager, full_carer):
    response = download(manager, full_carer.request, "for_review")

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="subject-access-{full_carer.person.pk}-for-review.json"'
    data = json.loads(response.content)
    assert data["version"] == "for_review"
    assert "FOR REVIEW" in data["version_explained"]
    for kind in EVERY_KIND:
        assert data[kind], f"nothing under {kind}"
    assert data["record"][0]["given_name"] == "Bronwen"
    assert len(data["assessments"]) == 2  # the practitioner's and the one from the self-assessment
    decided = next(a for a in data["assessments"] if a["decision"])
    assert decided["eligible"] is True
    assert decided["decision_criteria"] and all(c["explanation"] for c in decided["decision_criteria"])
    assert data["letters"][0]["what_we_decided"] == decided["decision"]
    assert [p["plan_version"] for p in data["support_plans"]] == [1, 2]
    assert data["support_plans"][0]["reviews"][0]["notes"] == "Breaks are working well"
    assert data["support_plans"][0]["actions"][0]["description"] == "Book the sitting service"
    assert data["self_assessments"][0]["caring_role"] == "I help my father every night"
    assert data["data_rights_requests"][0]["kind"].startswith("Subject access")
    assert data["access_log"][0]["action"] == "Viewed"


def test_the_review_version_shows_other_peoples_details_marked(manager, full_carer):
    data = json.loads(download(manager, full_carer.request, "for_review").content)

    cared_for = data["caring"][0]
    assert cared_for["cared_for"] == {
        "value": f"{CARED_FOR_GIVEN} Testfield",
        "withheld_on_release": True,
        "reason": "name of the person you care for",
    }
    assert cared_for["conditions_detail"]["value"] == CONDITIONS
    contact = data["contacts"][0]
    assert contact["caller_name"]["value"] == CALLER
    # A known third party's name inside free text is marked; the person's own shared family name is not.
    assert contact["what_matters"]["text"].startswith(f"{CARED_FOR_GIVEN} falls at night")
    assert contact["what_matters"]["withheld_on_release"] == [
        {"text": CARED_FOR_GIVEN, "reason": "name of the person you care for"}
    ]
    assert data["self_assessments"][0]["helper_name"]["value"] == HELPER
    assert data["data_rights_requests"][0]["representative_name"]["value"] == REPRESENTATIVE
    staff = full_carer.practitioner.get_full_name()
    recorded_by = data["data_rights_requests"][0]["recorded_by"]
    assert recorded_by["withheld_on_release"] == [{"text": staff, "reason": "name of a member of staff"}]
    assert "Practitioner, Test Council" in recorded_by["text"]


def test_the_release_version_withholds_every_third_party_detail(manager, full_carer):
    response = download(manager, full_carer.request, "for_release")
    text = response.content.decode()
    data = json.loads(text)

    for secret in (CARED_FOR_GIVEN, CALLER, HELPER, REPRESENTATIVE, CONDITIONS, full_carer.practitioner.last_name):
        assert secret not in text, f"{secret!r} was released"
    assert data["caring"][0]["cared_for"] == "[withheld: name of the person you care for]"
    assert data["contacts"][0]["what_matters"] == (
        "[withheld: name of the person you care for] falls at night and Bronwen is exhausted"
    )
    assert data["data_rights_requests"][0]["recorded_by"] == (
        "[withheld: name of a member of staff] (Practitioner, Test Council)"
    )
    # The person's own details are all there.
    assert data["record"][0]["family_name"] == "Testfield"
    assert data["version"] == "for_release"
    assert response["Content-Disposition"].endswith('for-release.json"')


def test_the_pdf_highlights_for_review_and_replaces_for_release(full_carer):
    document = subject_access.build(full_carer.person, request=full_carer.request)

    review = subject_access.as_html(document, subject_access.FOR_REVIEW)
    assert f"<mark>{CARED_FOR_GIVEN} Testfield</mark>" in review
    assert "FOR REVIEW" in review
    release = subject_access.as_html(document, subject_access.FOR_RELEASE)
    assert CARED_FOR_GIVEN not in release and CALLER not in release
    assert "[withheld: name of the person you care for]" in release
    headings = [h.text() for h in Page(release).find_all("h2")]
    assert headings == [part.title for part in document.parts]


def test_the_pdf_download_is_a_pdf_and_is_logged_as_an_export(manager, full_carer):
    response = download(manager, full_carer.request, "for_release", "pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('for-release.pdf"')
    logged = AccessEvent.objects.get(action=AccessAction.EXPORT)
    assert logged.person_ref == full_carer.person.pk
    assert logged.part == AccessPart.WHOLE_RECORD
    assert logged.actor == manager.user
    assert f"Subject access request {full_carer.request.pk}: for release, PDF" == logged.purpose


def test_choosing_nothing_explains_on_the_fields(manager, full_carer):
    response = manager.post(url(full_carer.request), {})

    page = Page(response)
    assert response.status_code == 200
    assert page.error_for("version") == "Select which version to download"
    assert page.error_for("file_format") == "Select the file type"
    assert not AccessEvent.objects.filter(action=AccessAction.EXPORT).exists()


@pytest.mark.parametrize("kind", ["erasure", "restriction"])
def test_only_a_subject_access_request_has_a_download(manager, full_carer, kind):
    full_carer.request.kind = kind
    full_carer.request.save()
    assert manager.get(url(full_carer.request)).status_code == 404
