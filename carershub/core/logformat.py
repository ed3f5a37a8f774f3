"""One JSON object per log line, for a log collector to index (CARERSHUB_LOG_FORMAT=json).

Only the fields below are written: never a record's extra attributes (Django's request logger
attaches the whole request, body and all), so no request body or form data reaches the logs.
"""

import json
import logging
import os
import re
import logging.config
from datetime import UTC, datetime

from carershub.core.requestid import current_request_id


def configure(logging_settings: dict) -> None:
    """settings.LOGGING_CONFIG: Django's ``dictConfig``; when the console writes JSON, Python's warnings
    (a library's UserWarning, say) are logged through it too, instead of printed as plain text."""
    logging.config.dictConfig(logging_settings)
    console = logging_settings.get("handlers", {}).get("console", {})
    logging.captureWarnings(console.get("formatter") == "json")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(self.fields(record), ensure_ascii=False)

    def fields(self, record: logging.LogRecord) -> dict:
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = current_request_id.get()
        if request_id:
            line["request_id"] = request_id
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return line


# What a line of gunicorn's access log may carry, from its atoms: never the query string ("q"),
# the request line ("r"), the referrer ("f") or the user agent ("a"). A search's query string
# holds names, NHS numbers and dates of birth.
_ACCESS_FIELDS = {
    "m": "method",
    "U": "path",
    "s": "status",
    "b": "bytes",
    "M": "duration_ms",
    "h": "remote_addr",
    "{x-request-id}o": "request_id",
}


# A query string in a message: from "?" to the next space or quote.
_QUERY = re.compile(r"\?[^\s\"']*")


class GunicornJsonFormatter(JsonFormatter):
    """gunicorn's own lines (the web server's start, stop and errors, and one line per request) as
    one JSON object each, like the app's, so every line a container writes is JSON. A request's
    line also has its method, path, status, size, time and the X-Request-ID the app gave it."""

    def fields(self, record: logging.LogRecord) -> dict:
        line = super().fields(record)
        if record.name == "gunicorn.error":
            # "Error handling request /people/?q=..." names the whole URL: keep the path only.
            line["message"] = _QUERY.sub("", line["message"])
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            for atom, name in _ACCESS_FIELDS.items():
                value = record.args.get(atom)
                if value in (None, "-", ""):
                    continue
                numeric = name in ("status", "bytes", "duration_ms") and str(value).isdigit()
                line[name] = int(value) if numeric else value
        return line


def gunicorn_logconfig(log_format: str) -> dict:
    """gunicorn's ``logconfig_dict``: with "json", its error and access logs through GunicornJsonFormatter
    to standard error and output; with "text", nothing (gunicorn's own plain lines)."""
    if log_format != "json":
        return {}
    level = os.environ.get("CARERSHUB_LOG_LEVEL", "INFO")  # as the app's own (settings.LOGGING)
    handler = {"class": "logging.StreamHandler", "formatter": "json"}
    return {
        "formatters": {"json": {"()": GunicornJsonFormatter}},
        "handlers": {
            "stdout": handler | {"stream": "ext://sys.stdout"},
            "stderr": handler | {"stream": "ext://sys.stderr"},
        },
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        },
    }
