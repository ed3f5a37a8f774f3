"""Every request has an id: on its response, and on each JSON log line written while it runs."""

import io
import json
import logging

from django.http import HttpResponse
from django.test import RequestFactory

from carershub.core.logformat import JsonFormatter
from carershub.core.requestid import RequestIdMiddleware


def test_every_response_carries_a_new_request_id(client, db):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert len(first) == 32 and first.isalnum()
    assert first != second


def test_a_safe_incoming_request_id_is_reused(client, db):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-4f2a-9c01"})

    assert response["X-Request-ID"] == "lb-4f2a-9c01"


def test_an_unsafe_or_long_incoming_request_id_is_replaced(client, db):
    for unsafe in ["bad id\nINFO forged line", "a" * 65, "<script>", ""]:
        response = client.get("/healthz", headers={"X-Request-ID": unsafe})

        assert response["X-Request-ID"] != unsafe
        assert len(response["X-Request-ID"]) == 32


def _log_through_middleware(incoming_id, view):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("carershub.tests.requestid")
    logger.addHandler(handler)
    try:
        response = RequestIdMiddleware(lambda request: view(logger, request))(
            RequestFactory().post("/", {"name": "Jane Carer"}, headers={"X-Request-ID": incoming_id})
        )
    finally:
        logger.removeHandler(handler)
    return response, [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_log_line_inside_a_request_is_json_with_its_request_id():
    def view(logger, request):
        logger.warning("Something to look at: %s", "the queue")
        return HttpResponse()

    response, lines = _log_through_middleware("proxy-123", view)

    assert response["X-Request-ID"] == "proxy-123"
    [line] = lines
    assert line["request_id"] == "proxy-123"
    assert line["message"] == "Something to look at: the queue"
    assert line["level"] == "WARNING"
    assert line["logger"] == "carershub.tests.requestid"
    assert line["time"].endswith("+00:00")
    assert "Jane Carer" not in json.dumps(line)


def test_an_exception_is_logged_as_text_in_the_same_json_object():
    def view(logger, request):
        try:
            raise ValueError("broken")
        except ValueError:
            logger.exception("It failed")
        return HttpResponse(status=500)

    _, [line] = _log_through_middleware("proxy-456", view)

    assert line["request_id"] == "proxy-456"
    assert "ValueError: broken" in line["exception"]


def test_a_log_line_outside_a_request_has_no_request_id():
    record = logging.LogRecord("carershub", logging.INFO, __file__, 1, "Started", None, None)

    assert "request_id" not in json.loads(JsonFormatter().format(record))


def test_a_web_server_access_line_is_json_with_its_fields_and_never_the_query_string():
    from carershub.core.logformat import GunicornJsonFormatter

    atoms = {
        "m": "GET", "U": "/people/", "q": "q=Mared+Elsewhere+1970-02-03", "r": "GET /people/?q=Mared HTTP/1.1",
        "f": "https://carers.example/people/?q=Mared", "a": "Firefox", "s": "200", "b": "5120", "M": "31",
        "h": "192.0.2.7", "{x-request-id}o": "0123456789abcdef0123456789abcdef",
    }
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, '%(h)s "%(m)s %(U)s" %(s)s', atoms, None)
    line = json.loads(GunicornJsonFormatter().format(record))
    assert line["message"] == '192.0.2.7 "GET /people/" 200'
    fields = (line["method"], line["path"], line["status"], line["bytes"], line["duration_ms"])
    assert fields == ("GET", "/people/", 200, 5120, 31)
    assert line["request_id"] == "0123456789abcdef0123456789abcdef"
    assert "Mared" not in json.dumps(line) and "Firefox" not in json.dumps(line)


def test_a_web_server_error_line_names_the_path_but_not_the_query_string():
    from carershub.core.logformat import GunicornJsonFormatter

    record = logging.LogRecord(
        "gunicorn.error", logging.ERROR, __file__, 1, "Error handling request %s", ("/people/?q=Mared+Elsewhere",), None
    )
    line = json.loads(GunicornJsonFormatter().format(record))
    assert line["message"] == "Error handling request /people/"
