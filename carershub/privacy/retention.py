"""How long each kind of record is kept before somebody must review it: pure rules, no Django.

UK GDPR Article 5(1)(e) (storage limitation): personal data are kept in a form which permits
identification "for no longer than is necessary". The periods themselves are settings
(``CARERSHUB_RETENTION``, defaults and their sources in ``carershub/settings.py``); this module
only says what a period means. A record past its period is listed for a manager's review, never
deleted by itself: the English Records Management Code of Practice (section 5.2) says no record
is destroyed without appraisal, and the Welsh code of 2022 follows it.
"""

from dataclasses import dataclass
from datetime import date

from carershub.core.i18n import gettext_noop
from carershub.core.ukdata import age_on, years_after

ADULT_RECORD = "adult_record"
CHILDRENS_RECORD = "childrens_record"
UNLINKED_CONTACT = "unlinked_contact"
UNUSED_SELF_ASSESSMENT = "unused_self_assessment"

KINDS = {
    ADULT_RECORD: gettext_noop("Adult's record"),
    CHILDRENS_RECORD: gettext_noop("Child's or young person's record"),
    UNLINKED_CONTACT: gettext_noop("Contact not linked to anybody's record"),
    UNUSED_SELF_ASSESSMENT: gettext_noop("Self-assessment nobody started an assessment from"),
}
ADULT_AGE = 18


@dataclass(frozen=True)
class Period:
    """Kept ``years`` after the last activity, and (children's records) at least until ``until_age``.

    ``until_age_if_17`` is the later birthday used when the person was 17 at the last activity
    (the codes' "25th birthday, or 26th if the young person was 17 at the conclusion of treatment").
    """

    years: int = 0
    until_age: int | None = None
    until_age_if_17: int | None = None


def parse_schedule(settings_value: dict) -> dict[str, Period]:
    """The schedule from its settings form; ValueError names what is wrong."""
    missing = set(KINDS) - set(settings_value)
    unknown = set(settings_value) - set(KINDS)
    if missing or unknown:
        raise ValueError(f"CARERSHUB_RETENTION needs exactly {sorted(KINDS)}; missing {sorted(missing)}, unknown {sorted(unknown)}")
    schedule = {}
    for kind, spec in settings_value.items():
        try:
            period = Period(**spec)
        except TypeError as error:
            raise ValueError(f"CARERSHUB_RETENTION[{kind!r}]: {error}") from None
        values = [period.years, period.until_age or 0, period.until_age_if_17 or 0]
        if not all(isinstance(v, int) and v >= 0 for v in values) or not (period.years or period.until_age):
            raise ValueError(f"CARERSHUB_RETENTION[{kind!r}] needs whole numbers of years, at least one above 0")
        schedule[kind] = period
    return schedule


def _age(date_of_birth: date, on: date) -> int:
    # A record touched before the date of birth it now holds (a corrected date) counts as a baby's.
    return age_on(date_of_birth, on) if on >= date_of_birth else 0


def person_kind(date_of_birth: date | None, last_activity: date) -> str:
    """A person's record is a child's record if they were under 18 at the last activity on it."""
    if date_of_birth is not None and _age(date_of_birth, last_activity) < ADULT_AGE:
        return CHILDRENS_RECORD
    return ADULT_RECORD


def review_due_on(period: Period, last_activity: date, date_of_birth: date | None = None) -> date:
    """The first day the record is past its retention period and due for review."""
    due = years_after(last_activity, period.years)
    if period.until_age and date_of_birth is not None:
        age = _age(date_of_birth, last_activity)
        until = period.until_age_if_17 if age == ADULT_AGE - 1 and period.until_age_if_17 else period.until_age
        due = max(due, years_after(date_of_birth, until))
    return due
