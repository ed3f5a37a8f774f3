"""A demo options appraisal (issue 12; called at the end of demo/region.py's load()).

Marchester Integrated Care Board's commissioner appraises three ways of providing carers' breaks
against the Section 16 principles (the preset, each weight 1, with "Voice and control" weighted 2),
rated red, amber or green with a reason for each. Names are invented; made through the app's services.
"""

from decimal import Decimal

from carershub.reporting.appraisal import services
from carershub.reporting.appraisal.models import Appraisal

OWNER = "Marchester Integrated Care Board"
TITLE = "Carers' breaks in Marchester: how should we provide them?"

# option -> (description, {principle: (colour, narrative)})
OPTIONS = [
    ("Keep the council's in-house breaks team", "The current team, extended to the whole city.", {
        "Co-production": ("R", "Carers were not involved in designing the current service."),
        "Social value": ("A", "Some local employment; little beyond the service itself."),
        "Community benefit": ("A", "Stable, but little partnership with community groups."),
        "Voice and control": ("A", "Carers choose dates, not the kind of break."),
    }),
    ("Commission one external provider", "An open tender for a single city-wide breaks provider.", {
        "Co-production": ("A", "The specification can require carers on a reference group."),
        "Social value": ("A", "Social value weighted at 10% of the tender."),
        "Community benefit": ("R", "A three-year contract may not last as long as carers need it."),
        "Voice and control": ("A", "Depends on the provider's offer."),
    }),
    ("Grow a carers' breaks co-operative", "A co-operative owned by carers and workers, with a start-up grant.", {
        "Co-production": ("G", "Carers own and run it."),
        "Social value": ("G", "Profits stay in Marchester; local workers as members."),
        "Community benefit": ("A", "Needs two years of support before it stands alone."),
        "Voice and control": ("G", "Carers decide the kinds of break offered."),
    }),
]


def make(*, today, staff, orgs) -> Appraisal | None:
    """staff: {username: User}; orgs: {name: Organisation}. Made once: a second load leaves it."""
    owner = orgs.get(OWNER)
    commissioner = staff.get("commissioner")
    if owner is None or commissioner is None or Appraisal.objects.filter(organisation=owner, title=TITLE).exists():
        return None
    appraisal = services.create_appraisal(
        actor=commissioner, organisation=owner, title=TITLE, method="rag", section16=True,
        purpose="Choose how to provide short breaks for carers from next April, in line with the Section 16 "
                "principles (the demo's own example).",
    )
    criteria = {c.name: c for c in appraisal.criteria.all()}
    voice = criteria["Voice and control"]
    services.change_criterion(voice, expected_version=appraisal.version, name=voice.name, weight=Decimal(2),
                              group=voice.group, description=voice.description)
    for name, description, cells in OPTIONS:
        services.add_option(appraisal, name=name, description=description,
                            cells={criteria[p].pk: value for p, value in cells.items()})
    return appraisal
