"""The demo's synthetic survey returns: both surveys, measures that can be worked out, made once."""

from carershub.demo import survey as demo_survey
from carershub.partnership.models import Area, Nation
from carershub.reporting.survey import services
from carershub.reporting.survey.models import SurveyReturn


def test_demo_returns_are_made_once_and_give_every_measure(db):
    Area.objects.create(name="Afon Valley", code="W06999901", nation=Nation.WALES)
    Area.objects.create(name="Marchester", code="E06999901", nation=Nation.ENGLAND)

    demo_survey.make(today=None, staff={}, orgs={})
    demo_survey.make(today=None, staff={}, orgs={})

    assert SurveyReturn.objects.filter(survey="sace").count() == 46
    assert SurveyReturn.objects.filter(survey="wales").count() == 34
    for survey in ("sace", "wales"):
        (group,) = services.groups(survey)
        assert all(result.shown for result in group.results), survey
