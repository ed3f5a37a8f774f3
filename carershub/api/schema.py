"""drf-spectacular's AutoSchema, made to tell the whole contract (checked by tests/api/test_contract.py).

* Request bodies are closed (``additionalProperties: false``): every request serializer refuses
  fields it does not know (``RejectUnknownFieldsMixin``), so a misspelt answer is a 400, not lost.
* Every operation documents the errors the API really answers, whatever its view says: 401 without
  a valid token, 406 when JSON is not acceptable, 429 when throttled; and, where there is a body,
  400, 413 and 415. A view's own description of a status (like the decision's 400) comes first.
"""

from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

from carershub.api.exceptions import body_limit

ERROR = inline_serializer("ErrorDetail", {"detail": serializers.CharField(help_text="What went wrong, in English.")})
UNAUTHORISED = OpenApiResponse(
    ERROR, description="No token, or the token is not valid: unknown, revoked, or its account is deactivated."
)

BODY_METHODS = ("POST", "PUT", "PATCH")


def _error_responses(*, authenticated: bool, has_body: bool, throttled: bool) -> dict[str, OpenApiResponse]:
    errors = {}
    if has_body:
        errors["400"] = OpenApiResponse(
            OpenApiTypes.OBJECT,
            description=(
                "The body is not valid: malformed or too deeply nested JSON gives `{\"detail\": ...}`; "
                "a wrong field maps the field to its messages."
            ),
        )
    if authenticated:
        errors["401"] = UNAUTHORISED
    errors["406"] = OpenApiResponse(ERROR, description="The `Accept` header does not allow `application/json`.")
    if has_body:
        errors["413"] = OpenApiResponse(ERROR, description=f"The body is larger than {body_limit()}.")
        errors["415"] = OpenApiResponse(ERROR, description="The body is not `application/json`.")
    if throttled:
        errors["429"] = OpenApiResponse(
            ERROR, description="Too many requests from this account: wait the seconds in `Retry-After`."
        )
    return errors


class AutoSchema(openapi.AutoSchema):
    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        if direction == "request" and schema.get("type") == "object":
            schema.setdefault("additionalProperties", False)
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        auth = self.get_auth()
        errors = _error_responses(
            authenticated=bool(auth) and {} not in auth,
            has_body=self.method in BODY_METHODS,
            throttled=bool(self.view.get_throttles()),
        )
        for code, response in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        if "429" in responses:
            responses["429"].setdefault("headers", {})["Retry-After"] = {
                "schema": {"type": "integer"},
                "description": "Seconds to wait before the next request.",
            }
        return responses
