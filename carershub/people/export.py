"""A person's whole record as plain data, for a subject access request or a transfer."""

from carershub.people.models import CaringRelationship, Consent, Person


def _plain(value):
    if value is None or isinstance(value, (str, int, bool, list, dict)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)  # related records (area, organisation, case worker) by name


def _fields(obj, names):
    return {name: _plain(getattr(obj, name)) for name in names}


def person_export(person: Person) -> dict:
    record = {
        "person": _fields(
            person,
            [
                "id", "given_name", "family_name", "preferred_name", "date_of_birth", "nhs_number",
                "address_line_1", "address_line_2", "town", "postcode", "area", "phone", "email",
                "preferred_contact_method", "preferred_language", "communication_needs", "sex",
                "gender_same_as_sex", "ethnic_group", "religion", "sexual_orientation", "disability",
                "gp_practice", "school", "employer", "created_at", "updated_at",
            ],
        )
    }
    if hasattr(person, "carer"):
        record["carer"] = _fields(person.carer, ["identified_on", "is_parent_carer", "caring_ended_on", "case_worker"])
        record["carer"]["carer_type"] = person.carer.carer_type()
    record["cares_for"] = [
        {
            "cared_for": {"id": r.cared_for_id, "name": r.cared_for.full_name},
            **_fields(r, ["relationship", "lives_with_carer", "caring_since", "hours_per_week", "census_band", "condition_groups", "conditions_detail", "ended_on"]),
        }
        for r in CaringRelationship.objects.filter(carer=person).select_related("cared_for")
    ]
    record["cared_for_by"] = [
        {"carer": {"id": r.carer_id, "name": r.carer.full_name}, "relationship": r.relationship}
        for r in CaringRelationship.objects.filter(cared_for=person).select_related("carer")
    ]
    record["contacts"] = [
        _fields(c, ["id", "received_at", "channel", "caller_role", "caller_name", "what_matters", "information_given", "signposted_to", "outcomes", "referred_to", "urgent_details"])
        for c in person.contacts.select_related("referred_to")
    ]
    record["consents"] = [
        _fields(c, ["organisation", "purpose", "given_on", "method", "expires_on", "withdrawn_on"])
        for c in Consent.objects.filter(person=person).select_related("organisation")
    ]
    return record
