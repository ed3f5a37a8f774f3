"""Care at home through providers (issue 13) as parts of a person's subject access download: the
care arranged for them with providers, and the requests to find them care with the introductions
made. Said in the download's words; imported by ``subject_access.build`` when it runs, like
``privacy/partnership.py``.
"""

from django.utils.translation import gettext as _

from carershub.people.models import Person
from carershub.privacy.subject_access import Entry, Part, _Builder, free
from carershub.providers import vocabulary
from carershub.providers.arrangements import services as arrangement_services
from carershub.providers.matching import services as matching_services


def _labels(codes, pairs) -> str:
    names = dict(pairs)
    return ", ".join(_(names[code]) for code in codes if code in names)


def arrangements(b: _Builder, person: Person) -> Part:
    entries = [
        Entry(
            _("Care at home from %(provider)s") % {"provider": a.provider.name},
            [
                ("provider", _("Provider"), a.provider.name),
                ("kind", _("Regular or cover"), a.get_kind_display()),
                ("covering_for", _("Covering for"), a.covering_for.name if a.covering_for_id else None),
                ("setting", _("Where care is given"), a.get_setting_display()),
                ("starts_on", _("Starts"), a.starts_on),
                ("ends_on", _("Ends"), a.ends_on),
                ("hours_per_week", _("Hours a week"), a.hours_per_week),
                ("funded_by", _("Paid for by"), a.get_funded_by_display()),
                ("ended_reason", _("Why it ended"), free(a.ended_reason)),
                ("created_by", _("Recorded by"), b.staff(a.created_by)),
            ],
        )
        for a in arrangement_services.for_subject_access(person)
    ]
    return Part("care_arrangements", _("Care at home arranged for you"), entries,
                _("No care at home has been arranged for you through us."))


def care_requests(b: _Builder, person: Person) -> Part:
    entries = []
    for r in matching_services.for_subject_access(person):
        introductions = "; ".join(
            _("%(provider)s (%(outcome)s)") % {"provider": i.provider.name, "outcome": i.get_outcome_display()}
            for i in r.introductions.all()
        )
        entries.append(Entry(
            _("Looking for care at home"),
            [
                ("created_at", _("When"), r.created_at),
                ("created_by", _("Who"), b.staff(r.created_by)),
                ("services", _("Help needed"), _labels(r.services, vocabulary.SERVICES)),
                ("times", _("Days and times"), ", ".join(matching_services.slot_label(t) for t in r.times)),
                ("hours_per_week", _("Hours a week"), r.hours_per_week),
                ("welsh_needed", _("Care in Welsh"), _("Yes") if r.welsh_needed else _("No")),
                ("other_language", _("Other language"), free(r.other_language)),
                ("preferences", _("What matters to you"), free(r.preferences)),
                ("direct_payment", _("Paid through a direct payment"), _("Yes") if r.direct_payment else _("No")),
                ("status", _("Status"), r.get_status_display()),
                ("introductions", _("Providers you were introduced to"), introductions or None),
            ],
        ))
    return Part("care_requests", _("Finding you care at home"), entries,
                _("We have not looked for care at home for you."))


def parts(b: _Builder, person: Person) -> list[Part]:
    return [arrangements(b, person), care_requests(b, person)]
