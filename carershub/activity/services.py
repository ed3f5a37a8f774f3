from carershub.activity.models import Event


def record_event(kind, *, actor=None, person=None, obj=None, data=None, occurred_at=None, organisation=None) -> Event:
    """Write one activity event; call inside the transaction that made the change.

    The event belongs to the actor's organisation unless ``organisation`` says whose work it was
    (a care arrangement is the provider's, whoever records it).
    """
    fields = {
        "kind": kind,
        "actor": actor if actor is not None and actor.is_authenticated else None,
        "organisation_id": organisation.pk if organisation is not None else getattr(actor, "organisation_id", None),
        "person": person,
        "area_id": getattr(person, "area_id", None),
        "data": data or {},
    }
    if obj is not None:
        fields["object_type"] = obj._meta.label_lower
        fields["object_id"] = obj.pk
    if occurred_at is not None:
        fields["occurred_at"] = occurred_at
    return Event.objects.create(**fields)


def changed_fields(form) -> list[str]:
    """Names (not values) of the fields a form changed: the event says what, not the data."""
    return sorted(name for name in form.changed_data if name != "version")
