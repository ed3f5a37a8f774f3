"""Which of a service's fields a partner may propose changes to, and how they are kept as JSON (pure).

A proposal and the history keep plain JSON values: text as text, ages as whole numbers or null.
"""

FIELDS = [
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees",
    "minimum_age",
    "maximum_age",
    "alert",
]

NUMBERS = {"minimum_age", "maximum_age"}


def snapshot(service) -> dict:
    """The service's proposable fields as JSON values."""
    return {field: _json(getattr(service, field)) for field in FIELDS}


def _json(value):
    if value is None or isinstance(value, (int, str)):
        return value
    return str(value)


def clean_values(values: dict) -> dict:
    """Only the proposable fields; text stripped; numbers as int or None."""
    cleaned = {}
    for field in FIELDS:
        if field not in values:
            continue
        value = values[field]
        if field in NUMBERS:
            cleaned[field] = None if value in (None, "") else int(value)
        else:
            cleaned[field] = "" if value is None else str(value).strip()
    return cleaned


def to_model_values(changes: dict) -> dict:
    return clean_values(changes)


def differences(before: dict, after: dict) -> list[tuple[str, object, object]]:
    """(field, before, after) for each field that differs, in FIELDS order."""
    return [(f, before.get(f), after.get(f)) for f in FIELDS if before.get(f) != after.get(f) and (f in before or f in after)]
