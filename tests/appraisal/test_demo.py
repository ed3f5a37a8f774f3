"""The demo appraisal (carershub/demo/appraisal.py), made with objects built here (region.load is slow)."""

import datetime

from carershub.accounts.models import Role
from carershub.demo import appraisal as demo
from carershub.partnership.models import Organisation
from carershub.reporting.appraisal import services


def test_the_demo_appraisal_is_made_once_for_the_icb(make_user):
    icb = Organisation.objects.create(name=demo.OWNER, kind=Organisation.Kind.HEALTH_BOARD,
                                      sector=Organisation.Sector.STATUTORY)
    commissioner = make_user(Role.COMMISSIONER, organisation=icb, username="commissioner")
    kwargs = {"today": datetime.date(2026, 12, 2), "staff": {"commissioner": commissioner}, "orgs": {demo.OWNER: icb}}

    made = demo.make(**kwargs)
    again = demo.make(**kwargs)

    assert again is None and made.organisation == icb
    compared = services.compare(made)
    assert [c.name for c in compared.criteria] == ["Co-production", "Social value", "Community benefit",
                                                    "Voice and control"]
    # Weights 1, 1, 1, 2 (possible 10): co-operative G G A G = 2+2+1+4 = 9; in-house R A A A = 0+1+1+2 = 4;
    # one provider A A R A = 1+1+0+2 = 4 (equal second).
    ranked = [(option.name, result.total, result.rank) for option, result in compared.ranking]
    assert ranked == [("Grow a carers' breaks co-operative", 9, 1), ("Keep the council's in-house breaks team", 4, 2),
                      ("Commission one external provider", 4, 2)]
