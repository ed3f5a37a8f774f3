"""Every error the API answers is JSON in DRF's shape (``{"detail": ...}`` or field errors), never a
Django HTML page."""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.utils.translation import gettext, gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler


def body_limit() -> str:
    """DATA_UPLOAD_MAX_MEMORY_SIZE for people, like "2 MB"."""
    return f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):g} MB"


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self):
        super().__init__(gettext("The request body is too large. Send at most %(size)s.") % {"size": body_limit()})


class BadRequestError(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("The request could not be understood.")
    default_code = "bad_request"


def exception_handler(exc, context):
    """DRF's handler, after turning Django's request errors into API errors.

    Reading a body over DATA_UPLOAD_MAX_MEMORY_SIZE raises RequestDataTooBig (a SuspiciousOperation),
    which DRF leaves to Django: a 400 HTML page. Here it is a JSON 413, and any other bad request a
    JSON 400 (without Django's internal message).
    """
    if isinstance(exc, SuspiciousOperation):
        # Logged where Django would have logged it, so security monitoring still sees it.
        logging.getLogger(f"django.security.{type(exc).__name__}").error(str(exc))
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, (SuspiciousOperation, BadRequest)):
        exc = BadRequestError()
    return drf_exception_handler(exc, context)
