"""Importing another directory's Open Referral UK feed: idempotent, counted, each rejection with its reason."""

import copy
import io
import json
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from carershub.accounts.models import Role
from carershub.directory import importing
from carershub.directory.models import Attribute, Service, ServiceAtLocation, Source, TaxonomyTerm
from tests.pages import Page


def feed_service(n=1, **changes):
    sid = str(uuid.UUID(int=n))
    service = {
        "id": sid,
        "name": f"Imported service {n}",
        "status": "active",
        "description": "From the neighbouring directory.",
        "url": "https://neighbour.example/services/1",
        "email": "help@neighbour.example",
        "minimum_age": 18,
        "organization": {"id": str(uuid.UUID(int=1000 + n)), "name": f"Neighbour charity {n}", "description": "A charity"},
        "schedules": [{"id": str(uuid.UUID(int=2000 + n)), "byday": "MO,WE", "opens_at": "10:00", "closes_at": "12:30",
                       "freq": "WEEKLY"}],
        "service_at_locations": [{
            "id": str(uuid.UUID(int=3000 + n)),
            "location": {
                "id": str(uuid.UUID(int=4000 + n)), "location_type": "physical", "name": "Hall", "latitude": 51.5,
                "longitude": -3.2,
                "addresses": [{"id": str(uuid.UUID(int=5000 + n)), "address_1": "1 High St", "city": "Neighbourton",
                               "state_province": "Shire", "postal_code": "cf37 1dl", "country": "GB",
                               "address_type": "physical"}],
            },
        }],
        "cost_options": [{"id": str(uuid.UUID(int=6000 + n)), "amount": 3.5, "option": "A session"}],
        "languages": [{"id": str(uuid.UUID(int=7000 + n)), "code": "cy", "name": "Welsh"}],
        "attributes": [{
            "id": str(uuid.UUID(int=8000 + n)), "taxonomy_term_id": str(uuid.UUID(int=9000)),
            "taxonomy_term": {"id": str(uuid.UUID(int=9000)), "name": "Carers support", "description": "Carers support",
                              "taxonomy_id": str(uuid.UUID(int=9001)), "taxonomy": "Neighbour taxonomy"},
        }],
    }
    service.update(changes)
    return service


@pytest.fixture
def feed_file(tmp_path):
    def _write(services):
        path = tmp_path / "feed.json"
        path.write_text(json.dumps({"total_items": len(services), "contents": services}))
        return str(path)

    return _write


def test_a_file_imports_once_and_again_changes_nothing(db, feed_file):
    path = feed_file([feed_service(1), feed_service(2)])
    first = importing.import_source(path)
    assert (first.added, first.changed, first.unchanged, first.rejected) == (2, 0, 0, [])
    service = Service.objects.get(pk=uuid.UUID(int=1))
    assert service.source == Source.IMPORTED and service.organisation is None  # not a partner: signpost only
    assert service.schedules.get().opens_at.strftime("%H:%M") == "10:00"
    address = ServiceAtLocation.objects.get(service=service).location.addresses.get()
    assert (address.postal_code, address.outward_code) == ("CF37 1DL", "CF37")
    assert str(service.cost_options.get().amount) == "3.50"
    assert Attribute.objects.filter(service=service, taxonomy_term__name="Carers support").exists()

    again = importing.import_source(path)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 2)
    assert Service.objects.get(pk=uuid.UUID(int=1)).version == 1


def test_a_changed_service_is_updated_with_history(db, feed_file):
    importing.import_source(feed_file([feed_service(1)]))
    changed = feed_service(1, name="Renamed service", schedules=[])
    report = importing.import_source(feed_file([changed]))
    assert (report.added, report.changed, report.unchanged) == (0, 1, 0)
    service = Service.objects.get(pk=uuid.UUID(int=1))
    assert service.name == "Renamed service" and not service.schedules.exists()
    last = service.history.order_by("-pk").first()
    assert (last.how, last.before["name"], last.after["name"]) == ("import", "Imported service 1", "Renamed service")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"id": "not-a-uuid"}, "service: id must be a UUID"),
        ({"status": "open"}, "service: status must be one of"),
        ({"name": ""}, "service: name is empty"),
        ({"minimum_age": "eighteen"}, "service: minimum_age must be a number"),
        ({"minimum_age": 30, "maximum_age": 20}, "maximum_age is below minimum_age"),
        ({"url": "javascript:alert(1)"}, "url must be an http or https address"),
        ({"schedules": [{"id": str(uuid.uuid4()), "opens_at": "noon"}]}, "schedule: opens_at must be a time"),
        ({"cost_options": [{"id": str(uuid.uuid4()), "amount": -5}]}, "cost_option: amount must be from 0"),
        ({"service_at_locations": [{"id": str(uuid.uuid4()), "location": {"id": str(uuid.uuid4()), "location_type": "moon"}}]},
         "location_type must be physical, postal or virtual"),
    ],
)
def test_a_bad_service_is_rejected_with_its_reason_and_the_rest_load(db, feed_file, change, reason):
    bad = feed_service(3, **change)
    report = importing.import_source(feed_file([feed_service(1), bad]))
    assert report.added == 1
    assert len(report.rejected) == 1 and reason in report.rejected[0][1]


def test_a_feed_cannot_overwrite_a_service_kept_here(db, feed_file, make_service):
    ours = make_service()
    report = importing.import_source(feed_file([feed_service(1, id=str(ours.pk))]))
    assert report.rejected == [(str(ours.pk), "a service kept in Carers Hub has this id")]
    assert Service.objects.get(pk=ours.pk).name == "Young carers peer group"


def test_from_a_url_pages_are_followed_and_list_items_fetched_in_full(db):
    one, two = feed_service(1), feed_service(2)
    pages = {
        "https://neighbour.example/oruk/services?page=1&per_page=100": {
            "total_pages": 2, "last_page": False, "contents": [{"id": one["id"], "name": one["name"], "status": "active"}]},
        "https://neighbour.example/oruk/services?page=2&per_page=100": {"total_pages": 2, "last_page": True, "contents": [two]},
        f"https://neighbour.example/oruk/services/{one['id']}": one,
    }
    asked = []

    def fetch(url):
        asked.append(url)
        return copy.deepcopy(pages[url])

    report = importing.import_source("https://neighbour.example/oruk/", fetch=fetch)
    assert (report.added, report.rejected) == (2, [])
    assert len(asked) == 3


def test_only_http_and_https_and_a_size_cap(db, monkeypatch):
    with pytest.raises(importing.FeedError, match="Only http and https"):
        importing.import_source("file:///etc/passwd")
    with pytest.raises(importing.FeedError, match="Only http and https"):
        importing.import_source("ftp://example.org/feed")

    class Big(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(importing.urllib.request, "urlopen", lambda *a, **k: Big(b"[" + b" " * importing.MAX_RESPONSE_BYTES + b"]"))
    with pytest.raises(importing.FeedError, match="more than"):
        importing.import_source("https://big.example/oruk")


def test_the_command(db, feed_file, capsys):
    path = feed_file([feed_service(1), feed_service(2, status="nope")])
    call_command("import_oruk", path)
    out = capsys.readouterr().out
    assert "added 1, changed 0, unchanged 0, rejected 1" in out
    assert f"rejected {uuid.UUID(int=2)}: service: status must be one of" in out
    with pytest.raises(CommandError):
        call_command("import_oruk", "/no/such/file.json")


def test_the_administrators_page(client_for, feed_file, db):
    admin = client_for(Role.ADMINISTRATOR)
    body = json.dumps([feed_service(1)]).encode()
    upload = io.BytesIO(body)
    upload.name = "neighbour.json"
    page = Page(admin.post("/directory/import/", {"file": upload}))
    assert "Added: 1" in page.text
    upload = io.BytesIO(body)
    upload.name = "neighbour.json"
    page = Page(admin.post("/directory/import/", {"file": upload}))
    assert "Unchanged: 1" in page.text
    broken = io.BytesIO(b"{not json")
    broken.name = "broken.json"
    page = Page(admin.post("/directory/import/", {"file": broken}))
    assert "not JSON" in page.error_for("file")
    page = Page(admin.post("/directory/import/", {"url": "file:///etc/passwd"}))
    assert page.error_for("url")
    assert client_for(Role.PARTNER_WORKER).get("/directory/import/").status_code == 403


def test_imported_terms_and_services_are_served(client, feed_file, db):
    importing.import_source(feed_file([feed_service(1)]))
    assert client.get(f"/oruk/services/{uuid.UUID(int=1)}").json()["attributes"][0]["taxonomy_term"]["name"] == "Carers support"
    assert TaxonomyTerm.objects.filter(pk=uuid.UUID(int=9000)).exists()
