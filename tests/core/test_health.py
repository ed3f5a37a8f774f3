"""The health check a load balancer or monitor calls."""

from django.db import DatabaseError, connection


def test_healthz_reports_the_database_ok_without_signing_in(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": {"status": "ok", "vendor": connection.vendor}}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_reports_an_unreachable_database_as_unavailable(client, db, monkeypatch):
    class BrokenConnection:
        vendor = connection.vendor

        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("carershub.core.views.connection", BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"]["status"] == "unavailable"
    assert response.json()["status"] == "error"


def test_healthz_only_answers_get(client, db):
    assert client.post("/healthz").status_code == 405


def test_a_load_balancer_asking_by_address_over_http_is_answered(client, db, settings):
    """Production refuses unknown hosts (400) and sends plain HTTP to HTTPS (301); not /healthz."""
    settings.ALLOWED_HOSTS = ["carers.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")

    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert response["X-Request-ID"]
    assert client.get("/accounts/login/", HTTP_HOST="10.0.3.7:8000").status_code == 400
    assert client.get("/accounts/login/", HTTP_HOST="carers.example.org").status_code == 301
