from django.db import transaction

from carershub.activity.models import EventKind
from carershub.activity.services import record_event


@transaction.atomic
def log_contact(form, *, actor):
    contact = form.save(commit=False)
    contact.recorded_by = actor
    contact.organisation_id = actor.organisation_id
    contact.save()
    # One event for the contact and one per outcome, so each figure is a simple count.
    record_event(
        EventKind.CONTACT_LOGGED,
        actor=actor,
        person=contact.person,
        obj=contact,
        data={"channel": contact.channel, "outcomes": contact.outcomes, "referred_to": contact.referred_to_id},
        occurred_at=contact.received_at,
    )
    return contact
