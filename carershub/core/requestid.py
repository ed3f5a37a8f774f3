"""An id for every request, on its response and on every log line written while it runs.

An operator given the ``X-Request-ID`` of a failed response (or a proxy's own id, passed on in
the same header) finds the log lines of that request; the id says nothing about the person.
"""

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
# A proxy's id is reused only when it is a short token, so nothing odd reaches the logs.
SAFE_ID = re.compile(r"[A-Za-z0-9-]{1,64}")

# Set for the duration of a request (a thread or an async task each see their own).
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)


def request_id_from(incoming: str | None) -> str:
    if incoming and SAFE_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request.headers.get(HEADER))
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request.request_id
        return response
