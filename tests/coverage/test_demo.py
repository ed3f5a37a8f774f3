"""The demo's synthetic Census figures: made for the two demo areas, marked synthetic, made once."""

from carershub.demo import coverage as demo_coverage
from carershub.partnership.models import Area, Nation
from carershub.reporting.coverage import services
from carershub.reporting.coverage.models import CensusUnpaidCare


def test_demo_census_figures_are_synthetic_and_made_once(db):
    afon = Area.objects.create(name="Afon Valley", code="W06999901", nation=Nation.WALES)
    Area.objects.create(name="Marchester", code="E06999901", nation=Nation.ENGLAND)

    demo_coverage.make(today=None, staff={}, orgs={})
    demo_coverage.make(today=None, staff={}, orgs={})

    assert CensusUnpaidCare.objects.count() == 2
    assert all(f.synthetic for f in CensusUnpaidCare.objects.all())
    assert services.census_carers(afon) == 2_640 + 980 + 610 + 590 + 2_270
    assert services.population(afon) == 58_210 + services.census_carers(afon)
