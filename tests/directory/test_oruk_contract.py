"""Schemathesis fuzzes the ORUK API through the OpenAPI document it serves: no server errors, and every
answer as the document describes it (status, content type, body). Deterministic, like tests/api."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import settings

from carershub.wsgi import application

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 35,
        "suppress-health-check": ["all"],
        "generation": {"mode": "all", "deterministic": True, "database": "none", "max-examples": 60},
    }
)
schema = schemathesis.openapi.from_wsgi("/oruk/openapi.json", application, config=CONFIG)


@pytest.fixture
def connection_kept_open():
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def a_directory(make_service, afon_postcodes):
    return make_service()


@schema.parametrize()
@settings(deadline=None)
def test_every_operation_keeps_the_contract(case, a_directory, connection_kept_open):
    case.call_and_validate()
