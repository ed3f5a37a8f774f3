"""Builders for coverage: Census figures for an area, and known carers with their hours of care."""

import datetime
import itertools

from carershub.people.models import CarerProfile, CaringRelationship, Person
from carershub.reporting.coverage.models import CensusUnpaidCare

_n = itertools.count(1)


def census_figures(area, *, no_care=9_000, bands=(400, 150, 100, 90, 260), synthetic=False) -> CensusUnpaidCare:
    b9, b10, b20, b35, b50 = bands
    return CensusUnpaidCare.objects.create(
        area=area, area_name=area.name, population=no_care + sum(bands), no_care=no_care, band_9_or_less=b9,
        band_10_to_19=b10, band_20_to_34=b20, band_35_to_49=b35, band_50_or_more=b50, synthetic=synthetic,
    )


def known_carer(area, *hours, bands=(), identified_on=datetime.date(2025, 1, 1), ended_on=None, caring_ended=None):
    """A carer in the area caring for one person per number of hours (or per band, where only the band is known)."""
    n = next(_n)
    carer = Person.objects.create(given_name="Known", family_name=f"Coveragecarer{n}", area=area)
    CarerProfile.objects.create(person=carer, identified_on=identified_on, caring_ended_on=caring_ended)
    for i, value in enumerate(hours):
        cared = Person.objects.create(given_name="Cared", family_name=f"Coverage{n}x{i}", area=area)
        CaringRelationship.objects.create(carer=carer, cared_for=cared, relationship="parent", hours_per_week=value,
                                          ended_on=ended_on)
    for i, band in enumerate(bands):
        cared = Person.objects.create(given_name="Cared", family_name=f"Coverage{n}b{i}", area=area)
        CaringRelationship.objects.create(carer=carer, cared_for=cared, relationship="parent", census_band=band,
                                          ended_on=ended_on)
    return carer
