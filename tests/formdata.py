"""What a worker types into the service's forms, as POST data. All people here are invented."""

from datetime import date

# Synthetic NHS numbers (the 999 test range, valid modulus 11 check digit).
NHS_A = "9434765919"  # the example NHS number used on NHS forms
NHS_B = "9990000018"
NHS_C = "9990000026"


def date_parts(prefix: str, value: date | None) -> dict:
    if value is None:
        return {f"{prefix}_day": "", f"{prefix}_month": "", f"{prefix}_year": ""}
    return {f"{prefix}_day": str(value.day), f"{prefix}_month": str(value.month), f"{prefix}_year": str(value.year)}


def new_carer(**overrides) -> dict:
    data = {
        "given_name": "Bronwen",
        "family_name": "Testfield",
        "preferred_name": "",
        "date_of_birth_day": "12",
        "date_of_birth_month": "4",
        "date_of_birth_year": "1968",
        "nhs_number": "",
        "address_line_1": "1 Test Row",
        "address_line_2": "",
        "town": "Aberafon",
        "postcode": "AF1 2AB",
        "area": "",
        "phone": "",
        "email": "",
        "preferred_contact_method": "",
        "preferred_language": "en",
        "communication_needs": "",
        "case_worker": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def person_details(person, **overrides) -> dict:
    """The 'Personal and contact details' edit form as it is first shown for ``person``."""
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "preferred_name": person.preferred_name,
        **date_parts("date_of_birth", person.date_of_birth),
        "nhs_number": person.nhs_number or "",
        "address_line_1": person.address_line_1,
        "address_line_2": person.address_line_2,
        "town": person.town,
        "postcode": person.postcode,
        "area": person.area_id or "",
        "phone": person.phone,
        "email": person.email,
        "preferred_contact_method": person.preferred_contact_method,
        "preferred_language": person.preferred_language,
        "communication_needs": person.communication_needs,
        "version": person.version,
    }
    data.update(overrides)
    return data


def cared_for(**overrides) -> dict:
    data = {
        "person-given_name": "Idris",
        "person-family_name": "Testfield",
        "person-date_of_birth_day": "3",
        "person-date_of_birth_month": "9",
        "person-date_of_birth_year": "1940",
        "person-nhs_number": "",
        "person-postcode": "",
        "caring-relationship": "parent",
        "caring-caring_since_day": "",
        "caring-caring_since_month": "",
        "caring-caring_since_year": "",
        "caring-hours_per_week": "35",
        "caring-conditions_detail": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def contact(received_at, **overrides) -> dict:
    """A front-door contact at the given (aware, local) time, from an unknown caller."""
    data = {
        "received_on_day": str(received_at.day),
        "received_on_month": str(received_at.month),
        "received_on_year": str(received_at.year),
        "received_time": received_at.strftime("%H:%M"),
        "channel": "phone",
        "caller_role": "carer",
        "caller_name": "",
        "caller_organisation": "",
        "given_name": "Morwen",
        "family_name": "Testcaller",
        "date_of_birth_day": "2",
        "date_of_birth_month": "11",
        "date_of_birth_year": "1975",
        "postcode": "af3 2bd",
        "phone": "07700 900123",
        "email": "morwen@example.com",
        "cared_for_summary": "Her father, who has dementia",
        "what_matters": "Has not had a night's sleep in weeks. Wants to keep working.",
        "information_given": "",
        "signposted_to": "",
        "outcomes": ["identified_as_carer"],
        "referred_to": "",
        "urgent_details": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def consent(org, given_on, expires_on=None, **overrides) -> dict:
    data = {
        "organisation": org.pk,
        "purpose": "support_and_referral",
        "method": "verbal",
        **date_parts("given_on", given_on),
        **date_parts("expires_on", expires_on),
    }
    data.update(overrides)
    return data
