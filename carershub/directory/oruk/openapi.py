"""Our own OpenAPI 3.0 document of the endpoints /oruk/ serves: the standard's paths and parameters,
with the parameters' limits and error answers we give, and response schemas that name the fields we
return. The official UK profile schemas are what the tests validate each response against
(tests/directory/test_oruk.py); this document is what schemathesis fuzzes.
"""

UUID = {"type": "string", "format": "uuid"}
# A postcode ("CF37 1DL"), a district ("CF37") or a postcode area ("CF"), any case, spaces optional.
POSTCODE_PATTERN = r"^ *[A-Za-z]{1,2}([0-9][A-Za-z0-9]?( *[0-9]([A-Za-z]{2})?)?)? *$"
TEXT = {"type": "string"}
NUMBER = {"type": "number"}


def _obj(required: list[str], properties: dict) -> dict:
    return {"type": "object", "required": required, "properties": properties}


def _array(item: dict) -> dict:
    return {"type": "array", "items": item}


ORGANIZATION = _obj(
    ["id", "name", "description"],
    {"id": UUID, "name": TEXT, "description": TEXT, "email": TEXT, "website": TEXT, "uri": TEXT},
)
TAXONOMY_TERM = _obj(
    ["id", "name", "description"],
    {
        "id": UUID, "name": TEXT, "description": TEXT, "parent_id": UUID, "taxonomy": TEXT, "taxonomy_id": UUID,
        "term_uri": TEXT, "term": TEXT,
    },
)
TAXONOMY = _obj(
    ["id", "name", "description"],
    {"id": UUID, "name": TEXT, "description": TEXT, "uri": TEXT, "version": TEXT, "taxonomy_terms": _array(TAXONOMY_TERM)},
)
SERVICE_FIELDS = {
    "id": UUID,
    "organization_id": UUID,
    "name": TEXT,
    "description": TEXT,
    "url": TEXT,
    "email": TEXT,
    "status": {"type": "string", "enum": ["active", "inactive", "defunct", "temporarily closed"]},
    "fees": TEXT,
    "accreditations": TEXT,
    "minimum_age": NUMBER,
    "maximum_age": NUMBER,
    "assured_date": TEXT,
    "assurer_email": TEXT,
    "alert": TEXT,
    "last_modified": {"type": "string", "format": "date-time"},
    "organization": ORGANIZATION,
}
SERVICE_LIST_ITEM = _obj(["id", "name", "status"], SERVICE_FIELDS)
LOCATION = _obj(
    ["id", "location_type"],
    {
        "id": UUID,
        "location_type": {"type": "string", "enum": ["physical", "postal", "virtual"]},
        "name": TEXT,
        "description": TEXT,
        "latitude": NUMBER,
        "longitude": NUMBER,
        "addresses": _array(_obj(["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"], {})),
        "accessibility": _array(_obj(["id"], {})),
    },
)
SERVICE = _obj(
    ["id", "name", "status"],
    {
        **SERVICE_FIELDS,
        "schedules": _array(_obj(["id"], {"id": UUID, "byday": TEXT, "opens_at": TEXT, "closes_at": TEXT})),
        "service_areas": _array(_obj(["id"], {"id": UUID})),
        "service_at_locations": _array(_obj(["id"], {"id": UUID, "location": LOCATION})),
        "languages": _array(_obj(["id"], {"id": UUID, "code": TEXT, "name": TEXT})),
        "funding": _array(_obj(["id"], {"id": UUID, "source": TEXT})),
        "cost_options": _array(_obj(["id"], {"id": UUID, "amount": NUMBER, "option": TEXT})),
        "contacts": _array(_obj(["id"], {"id": UUID})),
        "phones": _array(_obj(["id", "number"], {"id": UUID, "number": TEXT})),
        "attributes": _array(_obj(["id"], {"id": UUID, "taxonomy_term_id": UUID, "taxonomy_term": TAXONOMY_TERM})),
    },
)
SERVICE_AT_LOCATION_LIST_ITEM = _obj(
    ["id"], {"id": UUID, "service_id": UUID, "location_id": UUID, "location": LOCATION, "service": SERVICE_LIST_ITEM}
)
SERVICE_AT_LOCATION = _obj(
    ["id"], {"id": UUID, "service_id": UUID, "location_id": UUID, "location": LOCATION, "service": SERVICE}
)
ERROR = _obj(["status", "message"], {"status": {"type": "integer"}, "message": TEXT, "parameter": TEXT})


def _page_of(item: dict) -> dict:
    return _obj(
        ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
        {
            "total_items": {"type": "integer", "minimum": 0},
            "total_pages": {"type": "integer", "minimum": 1},
            "page_number": {"type": "integer", "minimum": 1},
            "size": {"type": "integer", "minimum": 0},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": _array(item),
        },
    )


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


BAD = _json(ERROR, "A parameter could not be read; the answer names it.")
MISSING = _json(ERROR, "Nothing has that id.")

PAGE_PARAMS = [
    {"name": "page", "in": "query", "description": "Page number, from 1.",
     "schema": {"type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1}},
    {"name": "per_page", "in": "query", "description": "Results a page, at most 200.",
     "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
]
SERVICE_PARAMS = [
    {"name": "search", "in": "query", "description": "Every word in the name, description or organisation's name.",
     "schema": {"type": "string", "maxLength": 200}},
    {"name": "taxonomy_term_id", "in": "query", "description": "Services with this taxonomy term.", "schema": UUID},
    {"name": "taxonomy_id", "in": "query", "description": "Services with any term of this taxonomy.", "schema": UUID},
    {"name": "organization_id", "in": "query", "description": "Services this organization provides.", "schema": UUID},
    {"name": "minimum_age", "in": "query", "description": "Services whose minimum age is at least this.",
     "schema": {"type": "number", "minimum": 0, "maximum": 200}},
    {"name": "maximum_age", "in": "query", "description": "Services whose maximum age is at most this.",
     "schema": {"type": "number", "minimum": 0, "maximum": 200}},
    {"name": "start_time", "in": "query", "description": "Open at or after this time (HH:MM).",
     "schema": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"}},
    {"name": "end_time", "in": "query", "description": "Closing at or before this time (HH:MM).",
     "schema": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"}},
    {"name": "day", "in": "query", "description": "Open on this day: monday..sunday or MO..SU.",
     "schema": {"type": "string", "enum": [
         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
         "MO", "TU", "WE", "TH", "FR", "SA", "SU"]}},
    {"name": "modified_after", "in": "query", "description": "Changed on or after this date and time (ISO 8601).",
     "schema": {"type": "string", "format": "date-time"}},
    {"name": "postcode", "in": "query",
     "description": "A postcode, district (CF37) or postcode area (CF): services covering it, and those offered everywhere.",
     "schema": {"type": "string", "maxLength": 12, "pattern": POSTCODE_PATTERN}},
]


def _list(summary, op_id, item, params) -> dict:
    return {"get": {"summary": summary, "operationId": op_id, "parameters": params + PAGE_PARAMS,
                    "responses": {"200": _json(_page_of(item), summary), "400": BAD}}}


def _one(summary, op_id, item) -> dict:
    return {
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "get": {"summary": summary, "operationId": op_id, "responses": {"200": _json(item, summary), "404": MISSING}},
    }


def document(server_url: str) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Carers Hub directory: Open Referral UK",
            "version": "3.0",
            "description": "The region's directory of services for carers, as Open Referral UK 3.0. Public and read-only.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/": {"get": {"summary": "About this API", "operationId": "getAPIMetaInformation", "responses": {
                "200": _json(_obj(["version", "profile", "openapi_url"],
                                  {"version": TEXT, "profile": TEXT, "openapi_url": TEXT}), "About this API")}}},
            "/services": _list("Services, one-to-one fields", "getPaginatedListOfServices", SERVICE_LIST_ITEM, SERVICE_PARAMS),
            "/services/{id}": _one("A fully nested service", "getFullyNestedServiceById", SERVICE),
            "/service_at_locations": _list("Services at locations", "getPaginatedListOfServiceAtLocation",
                                           SERVICE_AT_LOCATION_LIST_ITEM, SERVICE_PARAMS),
            "/service_at_locations/{id}": _one("A fully nested service at a location",
                                               "getServiceAtLocationWithNestedDataById", SERVICE_AT_LOCATION),
            "/taxonomies": _list("Taxonomies", "getPaginatedListOfTaxonomies", TAXONOMY, []),
            "/taxonomies/{id}": _one("A taxonomy and its terms", "getTaxonomyById", TAXONOMY),
            "/taxonomy_terms": _list("Taxonomy terms", "getPaginatedListOfTaxonomyTerms", TAXONOMY_TERM, [
                {"name": "taxonomy_id", "in": "query", "description": "Terms of this taxonomy.", "schema": UUID},
                {"name": "parent_id", "in": "query", "description": "Terms under this one.", "schema": UUID},
            ]),
            "/taxonomy_terms/{id}": _one("A taxonomy term", "getTaxonomyTermById", TAXONOMY_TERM),
        },
    }
