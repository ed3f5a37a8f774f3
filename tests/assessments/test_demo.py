"""The demo region's assessments: a young carer and a parent carer in each nation, each under their law."""

import pytest

from carershub.assessments.models import Assessment, AssessmentStatus
from carershub.demo import region


@pytest.mark.django_db
def test_the_demo_assesses_young_and_parent_carers_in_each_nation_at_each_stage(monkeypatch):
    for name in dir(region):
        part = getattr(region, name)
        # The region's other parts (support, partnership, providers, figures) have demos of their own.
        if name.startswith("demo_") and name != "demo_frameworks" and hasattr(part, "make"):
            monkeypatch.setattr(part, "make", lambda **kwargs: None)

    region.load(carers=60)

    found = {
        (a.nation, a.framework): a
        for a in Assessment.objects.exclude(framework="adult_carer").select_related("decided_by", "signed_off_by")
    }
    assert set(found) == {
        ("england", "young_carer"),
        ("england", "parent_carer"),
        ("england", "young_carer_transition"),
        ("wales", "young_carer"),
        ("wales", "parent_carer"),
    }
    assert {a.status for a in found.values()} == set(AssessmentStatus.values)
    # England's young carer has no national criteria: the council found needs and will provide services.
    kai = found[("england", "young_carer")]
    assert kai.decision is None and kai.eligible is None and kai.needs_to_be_met
    assert kai.copies.filter(document="decision_letter").count() == 1
    # In Wales a second person signs off: never the one who decided.
    signed = Assessment.objects.filter(nation="wales", signed_off_by__isnull=False)
    assert signed.exists()
    assert all(a.signed_off_by_id != a.decided_by_id for a in signed)
