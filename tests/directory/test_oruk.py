"""The Open Referral UK 3.0 API: every answer validates against the official UK profile schemas, the
standard's filters and pages work, bad input is 400 and unknown ids 404 (JSON, never 500), every
answer carries the CORS header, and a page costs a fixed number of queries."""

import datetime
import json
import uuid
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carershub.directory import vocabulary
from carershub.directory.models import ServiceStatus

STANDARD = Path(__file__).resolve().parents[3] / "shared" / "standards" / "open-referral-uk-3.0" / "schema" / "compiled"
if not STANDARD.exists():
    STANDARD = Path("/work/shared/standards/open-referral-uk-3.0/schema/compiled")

needs_standard = pytest.mark.skipif(not STANDARD.exists(), reason="the official ORUK 3.0 schemas are not on this machine")

PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def _registry():
    """The uncompiled schemas by file name: what the compiled ones' relative $refs name."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    return Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
        for path in STANDARD.parent.glob("*.json")
    )


def validate(instance, schema_name, folder=None):
    schema = json.loads(((folder or STANDARD) / f"{schema_name}.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, registry=_registry(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    return response


@pytest.fixture
def directory(make_service, region, afon_postcodes):
    group = make_service()
    cafe = make_service(
        partner="centre", name="Carers' café", description="Coffee and a chat for adult carers.",
        needs=["peer-support", "emotional-support"], carer_groups=["adult-carers"], minimum_age=18, maximum_age=None,
        schedules=[{"byday": "MO,TH", "opens_at": datetime.time(10), "closes_at": datetime.time(12)}],
        address={"address_1": "Market Square", "city": "Marchester", "state_province": "Marchesters",
                 "postal_code": "MR1 1AA"},
        areas=[region["areas"]["marches"]], costs=[{"option": "Free", "amount": Decimal("0")}],
    )
    closed = make_service(name="Closed group", status=ServiceStatus.DEFUNCT)
    return {"group": group, "cafe": cafe, "closed": closed}


@needs_standard
def test_every_endpoint_answers_schema_valid_json(client, directory):
    about = get(client, "/oruk/").json()
    assert about["version"] == "3.0" and about["openapi_url"].endswith("/oruk/openapi.json")

    services = get(client, "/oruk/services").json()
    assert set(services) >= PAGE_KEYS
    assert services["total_items"] == 2  # the defunct one is not published
    for item in services["contents"]:
        validate(item, "service_list")

    for service in (directory["group"], directory["cafe"]):
        full = get(client, f"/oruk/services/{service.pk}").json()
        validate(full, "service")
        assert full["attributes"] and full["schedules"] and full["service_at_locations"]

    sals = get(client, "/oruk/service_at_locations").json()
    assert sals["total_items"] == 2
    for item in sals["contents"]:
        validate(item, "service_at_location_list")
    one = get(client, f"/oruk/service_at_locations/{sals['contents'][0]['id']}").json()
    validate(one, "service_at_location")

    taxonomies = get(client, "/oruk/taxonomies").json()
    assert {t["name"] for t in taxonomies["contents"]} >= {"Carers' needs", "Carer groups"}
    terms = get(client, "/oruk/taxonomy_terms", per_page=100).json()
    assert terms["total_items"] == len(vocabulary.NEEDS) + len(vocabulary.CARER_GROUPS)
    taxonomy = get(client, f"/oruk/taxonomies/{vocabulary.taxonomy_id(vocabulary.NEEDS_TAXONOMY)}").json()
    assert len(taxonomy["taxonomy_terms"]) == len(vocabulary.NEEDS)
    term = get(client, f"/oruk/taxonomy_terms/{vocabulary.need('breaks')}").json()
    assert term["term"] == "breaks"
    # The schemas of taxonomies and terms are the uncompiled ones.
    validate(taxonomy, "taxonomy", STANDARD.parent)
    validate(term, "taxonomy_term", STANDARD.parent)
    for item in taxonomies["contents"]:
        validate(item, "taxonomy", STANDARD.parent)
    for item in terms["contents"]:
        validate(item, "taxonomy_term", STANDARD.parent)


def test_money_is_exact_and_nothing_about_carers_is_served(client, directory, make_carer):
    make_carer(given="Secretive", family="Carerperson")
    full = get(client, f"/oruk/services/{directory['group'].pk}").json()
    assert full["cost_options"][0]["amount"] == 2.5
    assert full["cost_options"][0]["currency"] == "GBP"
    for url in ("/oruk/services", "/oruk/service_at_locations", f"/oruk/services/{directory['group'].pk}"):
        assert b"Carerperson" not in client.get(url).content


def test_the_standard_filters(client, directory):
    group, cafe = directory["group"], directory["cafe"]

    def ids(**params):
        return {item["id"] for item in get(client, "/oruk/services", **params).json()["contents"]}

    assert ids(search="café") == {str(cafe.pk)}
    assert ids(search="YOUNG carers") == {str(group.pk)}
    assert ids(taxonomy_term_id=str(vocabulary.need("emotional-support"))) == {str(cafe.pk)}
    assert ids(taxonomy_term_id=str(vocabulary.need("peer-support"))) == {str(cafe.pk), str(group.pk)}
    assert ids(taxonomy_id=str(vocabulary.taxonomy_id(vocabulary.GROUPS_TAXONOMY))) == {str(cafe.pk), str(group.pk)}
    assert ids(organization_id=str(group.organization_id)) == {str(group.pk)}
    assert ids(minimum_age=18) == {str(cafe.pk)}
    assert ids(maximum_age=17) == {str(group.pk)}
    assert ids(day="tuesday") == {str(group.pk)}
    assert ids(day="TH") == {str(cafe.pk)}
    assert ids(start_time="15:00") == {str(group.pk)}
    assert ids(end_time="12:00") == {str(cafe.pk)}
    assert ids(postcode="MR1 4ZZ") == {str(cafe.pk)}
    assert ids(postcode="AF1") == {str(group.pk)}
    assert ids(modified_after="2999-01-01T00:00:00Z") == set()
    assert ids(modified_after="2000-01-01") == {str(cafe.pk), str(group.pk)}
    # An offset PostgreSQL would refuse is read as the instant it names (schemathesis found it).
    assert ids(modified_after="2422-04-17T04:04:35+21:42") == set()
    assert ids(postcode="ZZ9") == set()  # shaped like a district, covered by nobody
    sals = get(client, "/oruk/service_at_locations", day="MO").json()["contents"]
    assert [s["service_id"] for s in sals] == [str(cafe.pk)]


def test_pages(client, directory):
    first = get(client, "/oruk/services", per_page=1).json()
    assert (first["total_items"], first["total_pages"], first["size"], first["first_page"], first["last_page"]) == (2, 2, 1, True, False)
    second = get(client, "/oruk/services", per_page=1, page=2).json()
    assert second["last_page"] and not second["first_page"]
    assert first["contents"][0]["id"] != second["contents"][0]["id"]
    beyond = get(client, "/oruk/services", page=9).json()
    assert beyond["contents"] == [] and beyond["size"] == 0 and not beyond["empty"]
    nothing = get(client, "/oruk/services", search="zzzzzz").json()
    assert nothing["empty"] and nothing["total_pages"] == 1


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"per_page": "201"}, "per_page"),
        ({"per_page": "-1"}, "per_page"),
        ({"taxonomy_term_id": "not-a-uuid"}, "taxonomy_term_id"),
        ({"minimum_age": "old"}, "minimum_age"),
        ({"minimum_age": "nan"}, "minimum_age"),
        ({"start_time": "25:00"}, "start_time"),
        ({"day": "someday"}, "day"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"modified_after": ""}, "modified_after"),
        ({"modified_after": "9999-12-31T23:59:59-05:00"}, "modified_after"),
        ({"per_page": ""}, "per_page"),
        ({"postcode": "AF1 2AB 99999"}, "postcode"),
        ({"postcode": "not a place"}, "postcode"),
        ({"search": "x" * 201}, "search"),
    ],
)
def test_bad_filters_answer_400_naming_the_parameter(client, directory, params, parameter):
    response = get(client, "/oruk/services", **params)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


@pytest.mark.parametrize(
    "url",
    [
        "/oruk/services/{missing}", "/oruk/services/not-a-uuid", "/oruk/service_at_locations/{missing}",
        "/oruk/taxonomies/{missing}", "/oruk/taxonomy_terms/{missing}", "/oruk/organizations", "/oruk/services/",
        "/oruk/services/{closed}",
    ],
)
def test_unknown_ids_answer_404_json(client, directory, url):
    response = get(client, url.format(missing=uuid.uuid4(), closed=directory["closed"].pk))
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_read_only(client, directory):
    response = client.post("/oruk/services", {})
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"


def test_no_sign_in_needed_and_none_used(client, directory):
    response = client.get("/oruk/services")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize(
    ("url", "per_page"),
    [("/oruk/services", 50), ("/oruk/service_at_locations", 50), ("/oruk/taxonomy_terms", 50)],
)
def test_a_list_page_costs_the_same_however_many_rows(client, make_service, region, url, per_page):
    make_service(name="First")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"per_page": per_page}).status_code == 200
    for n in range(6):
        make_service(name=f"More {n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, {"per_page": per_page}).status_code == 200
    assert len(many) == len(few) <= 3


def test_a_full_service_costs_a_fixed_number_of_queries(client, make_service, region):
    small = make_service(name="Small", languages=[], costs=[])
    big = make_service(name="Big", needs=list(vocabulary.NEEDS), carer_groups=list(vocabulary.CARER_GROUPS))
    counts = []
    for service in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/oruk/services/{service.pk}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 15
