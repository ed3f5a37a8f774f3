"""The API keeps the contract its OpenAPI document states (issue 14).

Schemathesis reads the schema the API serves and sends every operation in it generated requests,
valid and invalid, in-process through the WSGI application with a real token. A response that
breaks the document fails: a 5xx, a status or body the document does not describe, an invalid
request accepted or a valid one refused, a missing token not refused. A new endpoint is in the
schema, so it is checked with no change here.

Deterministic (fixed seed, no example database), so CI sees the same requests every run.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import settings

from carershub.assessments.eligibility import OUTCOMES_BY_NATION, RULE_VERSIONS, Nation
from carershub.wsgi import application

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 14,
        "suppress-health-check": ["all"],
        "generation": {"mode": "all", "deterministic": True, "database": "none", "max-examples": 100},
    }
)
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/", application, config=CONFIG, headers={"Accept": "application/vnd.oai.openapi+json"}
)


@schema.hook("map_case")
def keep_the_rules_the_schema_states_in_words(context, case):
    """A valid request as the schema's words define it, where JSON Schema cannot say it.

    The decision's ``outcomes[].code`` must belong to ``nation`` and be answered once, and a
    ``rule_version`` must be of ``nation`` (the field descriptions say so; the API answers 400).
    Only valid requests are made to follow them, by dropping what breaks them, which keeps them
    valid for the schema; invalid ones are sent as generated.
    """
    body = case.body
    if (
        context.operation.definition.raw.get("operationId") == "eligibility_decide"
        and case.meta is not None
        and case.meta.generation.mode.is_positive
        and isinstance(body, dict)
    ):
        nation = Nation(body["nation"])
        if body.get("rule_version") and RULE_VERSIONS[body["rule_version"]].nation is not nation:
            body["rule_version"] = None
        if "outcomes" in body:
            codes = {answer["code"]: answer for answer in reversed(body["outcomes"])}
            body["outcomes"] = [codes[code] for code in OUTCOMES_BY_NATION[nation] if code in codes]
    return case


@pytest.fixture
def connection_kept_open():
    """The WSGI handler closes the database connection after each request; the test's transaction lives
    on it, so, as Django's test client does, keep it open while the test's requests run."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(deadline=None)
def test_every_operation_keeps_the_contract(case, api_key, connection_kept_open):
    # Each request starts with no rate-limit history: this run is about the contract, not the
    # throttle (whose 429 test_errors.py checks).
    cache.clear()
    case.call_and_validate(headers={"Authorization": f"Token {api_key}"})


def _api_routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _api_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("api/v1/"):
            yield "/" + route


def test_every_api_route_is_in_the_schema_so_the_run_checks_it():
    documented = {operation.ok().path for operation in schema.get_all_operations()}
    assert set(_api_routes(get_resolver().url_patterns)) == documented
