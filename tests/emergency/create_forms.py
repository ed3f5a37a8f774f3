"""The emergency create forms in tests/core/test_idempotency.py (each sent twice makes one record)."""

CREATE_FORMS: list[str] = []


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    return {}
