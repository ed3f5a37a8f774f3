"""The statutory returns from the service's records: the plain records ``cld`` maps, SALT LTS003, the Welsh measures.

Everything here reads; nothing is written but the access log of a Client Level Data download
(views). The records are those the events count (decision 6): contacts logged about a carer, carers'
assessments completed, support plan reviews held, direct payments and short breaks delivered. Each
record's council is the one whose work it was: the assessing council for an assessment and the
reviews of the plans resting on it, the paying council for a direct payment, the granting
organisation's area for a break, and the carer's area for a contact.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from carershub.assessments.models import Assessment, AssessmentStatus, AssessmentType
from carershub.contacts.models import Contact
from carershub.core.ukdata import age_on
from carershub.partnership.models import Area, Nation
from carershub.reporting.statutory import cld, salt, welsh
from carershub.support.breaks.models import Booking, BookingStatus
from carershub.support.models import Review, SupportPlan
from carershub.support.payments.models import Agreement


@dataclass
class Period:
    start: datetime.date
    end: datetime.date

    def window(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From the first moment of the first day to the first moment after the last, in local time."""
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        return start, end


def _local_day(moment) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None


def _person(person) -> dict | None:
    if person is None:
        return None
    return {
        "id": person.pk,
        "nhs_number": person.nhs_number or "",
        "date_of_birth": person.date_of_birth,
        "sex": person.sex,
        "ethnic_group": person.ethnic_group,
        "postcode": person.postcode,
        "date_of_death": None,  # the service does not record a death on the person's record
    }


def _area(area) -> dict:
    if area is None:
        return {"la_code": "", "la_name": "", "nation": ""}
    return {"la_code": area.code, "la_name": area.name, "nation": area.nation}


PERSON_FIELDS = ("nhs_number", "date_of_birth", "sex", "ethnic_group", "postcode", "area")


def _in_area(code: str | None, first: str, otherwise: str) -> Q:
    """The records whose council is ``code``: the area at ``first``, or where that is empty the area at
    ``otherwise`` (each source's rule below, as SQL, so one council's file reads only its own records)."""
    if not code:
        return Q()
    return Q(**{f"{first}__code": code}) | Q(**{f"{first}__isnull": True, f"{otherwise}__code": code})


def _contacts(period: Period, code: str | None = None):
    start, end = period.window()
    found = (
        Contact.objects.filter(received_at__gte=start, received_at__lt=end, person__carer__isnull=False)
        .filter(Q(person__area__code=code) if code else Q())
        .select_related("person__area")
        .order_by("received_at", "pk")
    )
    for contact in found.iterator(chunk_size=2000):
        day = _local_day(contact.received_at)
        yield {"source": cld.CONTACT, "id": contact.pk, "start": day, "end": day, "outcomes": contact.outcomes,
               "person": _person(contact.person), **_area(contact.person.area)}


def _assessments(period: Period, code: str | None = None):
    start, end = period.window()
    found = (
        Assessment.objects.filter(status=AssessmentStatus.COMPLETED, completed_at__gte=start, completed_at__lt=end)
        .filter(_in_area(code, "assessing_organisation__area", "carer__area"))
        .select_related("carer__area", "assessing_organisation__area")
        .order_by("completed_at", "pk")
    )
    for assessment in found.iterator(chunk_size=2000):
        area = assessment.assessing_organisation.area or assessment.carer.area
        yield {"source": cld.ASSESSED, "id": assessment.pk, "start": _local_day(assessment.started_at),
               "end": _local_day(assessment.completed_at), "eligible": assessment.eligible,
               "person": _person(assessment.carer), **_area(area)}


def _reviews(period: Period, code: str | None = None):
    found = (
        Review.objects.filter(reviewed_on__gte=period.start, reviewed_on__lte=period.end)
        .filter(_in_area(code, "plan__assessment__assessing_organisation__area", "plan__carer__area"))
        .select_related("plan__carer__area", "plan__assessment__assessing_organisation__area")
        .order_by("reviewed_on", "pk")
    )
    for review in found.iterator(chunk_size=2000):
        plan = review.plan
        area = plan.assessment.assessing_organisation.area or plan.carer.area
        yield {"source": cld.REVIEWED, "id": review.pk, "start": review.reviewed_on, "end": review.reviewed_on,
               "outcome": review.outcome, "person": _person(plan.carer), **_area(area)}


def _direct_payments(period: Period, code: str | None = None):
    found = (
        Agreement.objects.filter(starts_on__lte=period.end)
        .filter(Q(ended_on__isnull=True, ends_on__gte=period.start) | Q(ended_on__gte=period.start))
        .filter(_in_area(code, "council__area", "carer__area"))
        .select_related("carer__area", "council__area")
        .order_by("starts_on", "pk")
    )
    for agreement in found.iterator(chunk_size=2000):
        ended = agreement.ended_on
        if ended is None and agreement.ends_on <= period.end:
            ended = agreement.ends_on  # ran its course
        yield {"source": cld.DIRECT_PAYMENT_SOURCE, "id": agreement.pk, "start": agreement.starts_on,
               "end": ended, "ended_on": ended, "planned_end": agreement.ends_on,
               "person": _person(agreement.carer), **_area(agreement.council.area or agreement.carer.area)}


def _breaks(period: Period, code: str | None = None):
    start, end = period.window()
    found = (
        Booking.objects.filter(status=BookingStatus.DELIVERED, starts_at__lt=end, ends_at__gte=start)
        .filter(_in_area(code, "allowance__organisation__area", "carer__area"))
        .select_related("carer__area", "allowance__organisation__area")
        .order_by("starts_at", "pk")
    )
    for booking in found.iterator(chunk_size=2000):
        organisation = booking.allowance.organisation
        area = (organisation.area if organisation else None) or booking.carer.area
        yield {"source": cld.BREAK, "id": booking.pk, "start": _local_day(booking.starts_at),
               "end": _local_day(booking.ends_at), "break_kind": booking.kind,
               "commissioned": booking.provider_id is not None,
               "person": _person(booking.carer), **_area(area)}


def source_records(period: Period, *, area_code: str | None = None) -> list[dict]:
    """Every record of the period that may be a CLD event, as the plain dicts ``cld.build`` takes."""
    records = [*_contacts(period, area_code), *_assessments(period, area_code), *_reviews(period, area_code),
               *_direct_payments(period, area_code), *_breaks(period, area_code)]
    if area_code:  # the same rule in Python: the SQL above only saves reading other councils' records
        records = [r for r in records if r["la_code"] == area_code]
    return records


def client_level_data(period: Period, *, area_code: str | None = None) -> cld.Result:
    return cld.build(source_records(period, area_code=area_code), period_start=period.start, period_end=period.end)


def english_areas():
    return Area.objects.filter(nation=Nation.ENGLAND).order_by("name")


def welsh_areas():
    return Area.objects.filter(nation=Nation.WALES).order_by("name")


def welsh_measures(period: Period, *, area: Area | None = None) -> list[welsh.AreaMeasures]:
    """The Welsh measures for each Welsh area (or the one chosen), from assessments completed in the period."""
    start, end = period.window()
    areas = [area] if area is not None and area.nation == Nation.WALES else ([] if area else list(welsh_areas()))
    plans = SupportPlan.objects.filter(assessment=OuterRef("pk"), agreed_at__isnull=False)
    found = (
        Assessment.objects.filter(status=AssessmentStatus.COMPLETED, completed_at__gte=start, completed_at__lt=end,
                                  nation=Nation.WALES)
        .exclude(assessment_type=AssessmentType.REVIEW)
        .annotate(plan_agreed=Exists(plans))
        .select_related("carer", "assessing_organisation__area", "carer__area")
    )
    items = []
    for assessment in found.iterator(chunk_size=2000):
        where = assessment.assessing_organisation.area or assessment.carer.area
        dob, done = assessment.carer.date_of_birth, _local_day(assessment.completed_at)
        young = assessment.assessment_type == AssessmentType.YOUNG_CARER or bool(
            dob and done >= dob and age_on(dob, done) < 18)
        items.append({"la_code": where.code if where else "", "young": young, "plan_agreed": assessment.plan_agreed})
    return welsh.measures(items, [(a.code, a.name) for a in areas])


def lts003(result: cld.Result, period: Period) -> salt.Lts003:
    return salt.lts003(result.rows, period_end=period.end)


# ---------------------------------------------------------------- kept counts (reporting/prepared.py, decision 50)

PROBLEMS_KEPT = 100  # the problems the page lists; the problems file has them all


def _period_of(choices: dict) -> Period:
    return Period(datetime.date.fromisoformat(choices["start"]), datetime.date.fromisoformat(choices["end"]))


def count_returns(choices: dict) -> dict:
    """SALT LTS003 and the Welsh measures for the period and area (a code, or None for all): counts only."""
    period, code = _period_of(choices), choices.get("area")
    table = lts003(client_level_data(period, area_code=code), period)
    area = Area.objects.filter(code=code).first() if code else None
    found = welsh_measures(period, area=area) if area or not code else []
    return {"lts003": {"counts": table.counts, "carers": table.carers},
            "welsh": [[m.la_code, m.la_name, m.counts] for m in found]}


def count_client_level_data(choices: dict) -> dict:
    """What the page says of one council's Client Level Data file: its rows by event type, and its problems
    (the first ``PROBLEMS_KEPT`` as record references and reason codes, never a person's details)."""
    result = client_level_data(_period_of(choices), area_code=choices["area"])
    by_type: dict[str, int] = {}
    for row in result.rows:
        by_type[row["Event_Type"]] = by_type.get(row["Event_Type"], 0) + 1
    return {"rows": len(result.rows), "by_type": by_type, "problem_count": len(result.problems),
            "left_out": len(result.left_out()),
            "problems": [[p.source, p.record_id, p.field, p.code] for p in result.problems[:PROBLEMS_KEPT]]}


def _choices(period, area_code) -> dict:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "area": area_code}


def kept_returns(period, area_code: str | None):
    """(SALT LTS003, the Welsh measures, prepared.Prepared), counted once and kept; (None, None, prepared.Prepared)
    while the background worker counts them."""
    from carershub.reporting import prepared

    found = prepared.read("statutory", _choices(period, area_code))
    if found.data is None:
        return None, None, found
    table = salt.Lts003(counts=found.data["lts003"]["counts"], carers=found.data["lts003"]["carers"])
    measures = [welsh.AreaMeasures(code, name, counts) for code, name, counts in found.data["welsh"]]
    return table, measures, found


def kept_client_level_data(period, area_code: str) -> tuple[dict | None, list[cld.Problem]]:
    """The page's summary of one council's Client Level Data file, counted once and kept; (None, [])
    while the background worker counts it."""
    from carershub.reporting import prepared

    found = prepared.read("client-level-data", _choices(period, area_code))
    if found.data is None:
        return None, []
    return found.data, [cld.Problem(*problem) for problem in found.data["problems"]]


def home_items(user):
    """The statutory returns' link on the home page of those who may read them (counts only)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from carershub.core.workqueues import Shortcut
    from carershub.reporting.statutory.rules import VIEW_STATUTORY

    if not user.has_perm(VIEW_STATUTORY):
        return []
    return [Shortcut(reverse("statutory:index"), _("Statutory returns: Client Level Data, SALT and the Welsh measures"), order=37)]
