from carershub.audit.models import AccessAction, AccessEvent
from carershub.core.clientip import client_ip


def _client_ip(request) -> str | None:
    # Behind a proxy, the client's address only where settings say how many proxies to trust.
    return client_ip(request)


def _text(value: str, limit: int = 300) -> str:
    # The log must always be written: PostgreSQL refuses NUL characters in text.
    return (value or "").replace("\x00", "")[:limit]


def record_access(request, people, *, action=AccessAction.VIEW, part="summary", purpose="") -> int:
    """Write one access event per person seen. Returns how many were written."""
    if hasattr(people, "pk"):
        people = [people]
    common = _common(request, action, part, purpose)
    events = [AccessEvent(person_ref=p.pk, **common) for p in people]
    AccessEvent.objects.bulk_create(events)
    return len(events)


def record_page_access(request, *parts) -> int:
    """One page that shows several people in several parts: ``(people, part, purpose)`` each, one INSERT."""
    events = []
    for people, part, purpose in parts:
        if hasattr(people, "pk"):
            people = [people]
        common = _common(request, AccessAction.VIEW, part, purpose)
        events += [AccessEvent(person_ref=p.pk, **common) for p in people]
    AccessEvent.objects.bulk_create(events)
    return len(events)


def record_contact_access(request, contacts, *, action=AccessAction.VIEW, part="contact") -> int:
    """Callers with no record yet were shown: log each against their contact."""
    if hasattr(contacts, "pk"):
        contacts = [contacts]
    common = _common(request, action, part, "")
    events = [AccessEvent(contact_ref=c.pk, **common) for c in contacts]
    AccessEvent.objects.bulk_create(events)
    return len(events)


def _common(request, action, part, purpose) -> dict:
    user = request.user
    return {
        "actor": user,
        "actor_organisation_id": user.organisation_id,
        "action": action,
        "part": part,
        "purpose": _text(purpose),
        "ip_address": _client_ip(request),
        "user_agent": _text(request.META.get("HTTP_USER_AGENT", "")),
        "path": _text(request.get_full_path()),
    }


def access_events_for(person_pk):
    """Every access to one person's record, newest first (the model's ordering)."""
    return AccessEvent.objects.filter(person_ref=person_pk).select_related("actor", "actor_organisation")
