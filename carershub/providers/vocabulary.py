"""The words of the care-at-home register (issue 13): provider types, statuses, services, times of day.

Plain Python, no Django: the forms, the matching rules, the demo and the tests share these codes.
Labels are marked with core.i18n's gettext_noop so this module stays importable anywhere; the
models and forms pass them through gettext where they are shown.
"""

from carershub.core.i18n import gettext_noop as _


# What kind of organisation a provider is (ADSS Cymru report, chapters 5 and 7). The Section 16
# types (SSWBA 2014 s16: social enterprises, co-operatives, user-led services and the third sector)
# are the four in SECTION_16_TYPES.
PROVIDER_TYPES = [
    ("micro_enterprise", _("Community micro-enterprise")),
    ("sole_trader", _("Sole trader")),
    ("social_enterprise", _("Social enterprise")),
    ("cooperative", _("Co-operative")),
    ("user_led", _("User-led organisation")),
    ("third_sector", _("Third sector organisation")),
    ("private_agency", _("Private agency")),
    ("in_house", _("Council in-house service")),
]
SECTION_16_TYPES = frozenset({"social_enterprise", "cooperative", "user_led", "third_sector"})
# Providers small enough to work unregistered, within the four-person rule (providers/fourperson.py).
MICRO_TYPES = frozenset({"micro_enterprise", "sole_trader"})

STATUSES = [
    ("enquiry", _("Enquiry")),
    ("developing", _("Developing")),
    ("active", _("Active")),
    ("paused", _("Paused")),
    ("closed", _("Closed")),
]

# What a provider offers at home, and what a person asks for: the same codes, so they can be matched.
SERVICES = [
    ("personal_care", _("Personal care (washing, dressing, toileting)")),
    ("medication", _("Medication prompts")),
    ("meals", _("Meal preparation")),
    ("domestic", _("Help around the home")),
    ("shopping", _("Shopping and errands")),
    ("companionship", _("Companionship and social contact")),
    ("community_access", _("Getting out into the community")),
    ("sitting", _("Sitting service so the carer can have a break")),
    ("overnight", _("Overnight care")),
    ("dementia", _("Experience of dementia care")),
]

DAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]
PERIODS = [
    ("morning", _("Morning")),
    ("afternoon", _("Afternoon")),
    ("evening", _("Evening")),
    ("night", _("Night")),
]
# A time slot is "day:period", like "mon:morning".
SLOTS = [f"{day}:{period}" for day, _label in DAYS for period, _plabel in PERIODS]


def slot(day: str, period: str) -> str:
    return f"{day}:{period}"


def valid_slots(values) -> list[str]:
    """The known slots among ``values``, in week order; unknown ones are dropped."""
    wanted = set(values)
    return [s for s in SLOTS if s in wanted]
