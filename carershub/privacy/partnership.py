"""The partnership's records about a person (issue 11) as parts of their subject access download:
the referrals made of them between partners, and what they were signposted to.

Said in the download's words, staff marked as ``subject_access`` does; imported by
``subject_access.build`` when it runs, like ``privacy/delivered.py``.
"""

from django.utils.translation import gettext as _

from carershub.people.models import Person
from carershub.privacy.subject_access import Entry, Part, _Builder, free
from carershub.referrals import services as referral_services
from carershub.signposting import services as signposting_services


def referrals(b: _Builder, person: Person) -> Part:
    entries = [
        Entry(
            _("Referral to %(organisation)s") % {"organisation": r.to_organisation.name},
            [
                ("from", _("From"), r.from_organisation.name),
                ("to", _("To"), r.to_organisation.name),
                ("service", _("Service"), r.service.name if r.service_id else None),
                ("sent_at", _("Sent"), r.sent_at),
                ("sent_by", _("Sent by"), b.staff(r.sent_by)),
                ("reason", _("Reason for the referral"), free(r.reason)),
                ("urgency", _("How urgent"), r.get_urgency_display()),
                ("shared", _("What you agreed to share"), ", ".join(r.shared_labels())),
                ("lawful_basis", _("Lawful basis"), r.get_lawful_basis_display()),
                ("exception_reason", _("Why without consent"), free(r.exception_reason)),
                ("status", _("Status"), r.get_status_display()),
                ("decided_by", _("Accepted or declined by"), b.staff(r.decided_by)),
                ("decline_reason", _("Why it was declined"), free(r.decline_reason)),
                ("outcome", _("Outcome"), free(r.outcome)),
            ],
        )
        for r in referral_services.for_subject_access(person)
    ]
    return Part("referrals", _("Referrals to partner organisations"), entries,
                _("You have not been referred to a partner organisation."))


def signposts(b: _Builder, person: Person) -> Part:
    entries = [
        Entry(
            s.service.name if s.service_id else _("A service not listed in the directory"),
            [
                ("service", _("Service"), s.service.name if s.service_id else free(s.not_listed)),
                ("signposted_at", _("When"), s.signposted_at),
                ("signposted_by", _("Who"), b.staff(s.signposted_by)),
                ("note", _("Note"), free(s.note)),
            ],
        )
        for s in signposting_services.for_subject_access(person)
    ]
    return Part("signposts", _("Services you were told about"), entries,
                _("No services you were told about are recorded."))


def parts(b: _Builder, person: Person) -> list[Part]:
    return [referrals(b, person), signposts(b, person)]
