"""The API's JSON parser: DRF's, with JSON nested too deeply for Python a 400 instead of a 500."""

from django.utils.translation import gettext
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser. Stays a subclass: DRF then reads the body through ``request.body``, which
    enforces DATA_UPLOAD_MAX_MEMORY_SIZE (a larger body is a 413, see ``exceptions``)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # Python's json module recurses once per nested array or object; thousands of "[" exhaust it.
            raise ParseError(gettext("JSON parse error - the JSON is nested too deeply.")) from None
