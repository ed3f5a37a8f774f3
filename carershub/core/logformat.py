"""One JSON object per log line, for a log collector to index (CARERSHUB_LOG_FORMAT=json).

Only the fields below are written: never a record's extra attributes (Django's request logger
attaches the whole request, body and all), so no request body or form data reaches the logs.
"""

import json
import logging
from datetime import UTC, datetime

from carershub.core.requestid import current_request_id


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
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
        return json.dumps(line, ensure_ascii=False)
