"""Bad requests get the API's JSON errors, never a 500 or an HTML page (issue 14)."""

import json

import pytest
from django.core.exceptions import SuspiciousOperation
from rest_framework.throttling import UserRateThrottle

from carershub.api.exceptions import exception_handler

DECIDE = "/api/v1/eligibility/decisions/"
HEALTH = "/api/v1/health/"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def post_raw(client, body: str, **extra):
    return client.post(DECIDE, data=body, content_type="application/json", **extra)


def assert_json_error(response, status, detail):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": detail}


class TestDeeplyNestedJson:
    @pytest.mark.parametrize(
        "body",
        ["[" * 100_000 + "]" * 100_000, '{"nation": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001],
        ids=["arrays", "objects in a field"],
    )
    def test_is_a_400_in_the_usual_shape(self, api_client, body):
        response = post_raw(api_client, body)
        assert_json_error(response, 400, "JSON parse error - the JSON is nested too deeply.")

    def test_nesting_python_can_read_is_an_ordinary_field_error(self, api_client):
        response = post_raw(api_client, '{"nation": "england", "cared_for": ' + "[" * 50 + "]" * 50 + "}")
        assert response.status_code == 400
        assert "cared_for" in response.json()


class TestLargeBody:
    def body_of(self, size: int) -> str:
        start = '{"nation": "england", "fluctuation_period_considered": "'
        return start + "x" * (size - len(start) - 2) + '"}'

    def test_over_2_mb_is_a_413_in_the_usual_shape(self, api_client, settings):
        body = self.body_of(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
        assert_json_error(post_raw(api_client, body), 413, "The request body is too large. Send at most 2 MB.")

    def test_even_when_a_browser_asks_for_html(self, api_client, settings):
        body = self.body_of(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
        response = post_raw(api_client, body, HTTP_ACCEPT=BROWSER_ACCEPT)
        assert response.status_code == 413
        assert response["Content-Type"] == "application/json"

    def test_exactly_2_mb_is_read_and_answered(self, api_client, settings):
        body = self.body_of(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        assert len(body.encode()) == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        response = post_raw(api_client, body)
        assert response.status_code == 400
        assert "fluctuation_period_considered" in response.json()  # too long for the field, but read

    def test_without_a_token_the_body_is_not_read(self, client, settings, db):
        response = post_raw(client, self.body_of(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
        assert response.status_code == 401


class TestJsonOnly:
    def test_a_browser_gets_json_errors_not_the_browsable_api(self, api_client):
        response = post_raw(api_client, '{"nation": "england",', HTTP_ACCEPT=BROWSER_ACCEPT)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"

    def test_asking_only_for_html_is_a_406_in_json(self, api_client):
        response = api_client.get(HEALTH, HTTP_ACCEPT="text/html")
        assert response.status_code == 406
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()

    def test_too_many_requests_is_a_429_with_retry_after(self, api_client, monkeypatch):
        monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "2/minute")
        assert [api_client.get(HEALTH).status_code for _ in range(2)] == [200, 200]

        response = api_client.get(HEALTH)

        assert response.status_code == 429
        assert response["Content-Type"] == "application/json"
        assert int(response["Retry-After"]) > 0
        assert response.json()["detail"].startswith("Request was throttled.")


def test_any_other_bad_request_django_raises_is_a_json_400_without_its_message(caplog):
    response = exception_handler(SuspiciousOperation("internal detail"), {})
    assert response.status_code == 400
    assert response.data == {"detail": "The request could not be understood."}
    assert "internal detail" in caplog.text, "still logged for security monitoring"


def test_every_error_status_is_documented_for_every_operation(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = {"200", "401", "406", "429"} | ({"400", "413", "415"} if method == "post" else set())
            assert set(operation["responses"]) == expected, (method, path)
            assert "Retry-After" in operation["responses"]["429"]["headers"]
            assert json.dumps(operation["responses"]["401"]["content"]["application/json"]["schema"]).endswith(
                '"#/components/schemas/ErrorDetail"}'
            )
