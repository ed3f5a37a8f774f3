"""May this referral be sent? The pure decision (decision 36): no Django here.

A referral shares a carer's personal data with another organisation. It is sent only when:

- **Consent**: the carer has a consent that is active on the day it is sent (given on or before
  that day, not withdrawn, not expired), to the receiving organisation, for the referral's
  purpose (UK GDPR Art 6(1)(a) and, for the health details of a carer's situation, Art 9(2)(a)).
  A consent to another organisation, or for another purpose, does not cover it.
- **Or a recorded exception**, with the reason in words:
  - *safeguarding*: DPA 2018 Sch 1 Pt 2 para 18 (safeguarding of children and of individuals at
    risk) with UK GDPR Art 9(2)(g);
  - *vital interests*: UK GDPR Art 6(1)(d) and Art 9(2)(c) (the carer cannot give consent and
    their or another's life or health is at stake);
  - *a legal duty*: UK GDPR Art 6(1)(c) (e.g. a duty to co-operate under the Care Act 2014 s6-7
    or the SSWA 2014 s162-164), named by the worker.
  The paragraphs and articles are cited as named in the Act's and the Regulation's tables of
  contents; their full text was not checked here.

The service layer (referrals/services.py) hands this module the carer's consents, read under a
row lock in the transaction that creates the referral, so a withdrawal racing a send is seen.
"""

import datetime
from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    return message


CONSENT = "consent"
SAFEGUARDING = "safeguarding"
VITAL_INTERESTS = "vital_interests"
LEGAL_DUTY = "legal_duty"
EXCEPTIONS = (SAFEGUARDING, VITAL_INTERESTS, LEGAL_DUTY)
BASES = (CONSENT, *EXCEPTIONS)

# What the worker is told, on the organisation field (or the exception's fields), and why.
PROBLEMS = {
    "no_consent": gettext_noop(
        "%(name)s has no consent to share with %(organisation)s for “%(purpose)s”. Record their consent "
        "first, or give the lawful exception and why"
    ),
    "consent_withdrawn": gettext_noop(
        "%(name)s withdrew their consent to share with %(organisation)s for “%(purpose)s”. Ask them again, "
        "or give the lawful exception and why"
    ),
    "consent_expired": gettext_noop(
        "%(name)s’s consent to share with %(organisation)s for “%(purpose)s” has ended. Ask them again, "
        "or give the lawful exception and why"
    ),
    "consent_not_started": gettext_noop(
        "%(name)s’s consent to share with %(organisation)s for “%(purpose)s” does not start until later. "
        "Send the referral then, or give the lawful exception and why"
    ),
    "reason_missing": gettext_noop("Enter why the referral is made without consent"),
    "duty_missing": gettext_noop("Enter the legal duty the referral is made under"),
    "unknown_basis": gettext_noop("Select the lawful basis for the referral"),
}


@dataclass(frozen=True)
class ConsentFact:
    """What the decision needs of one consent row."""

    id: int
    organisation_id: int
    purpose: str
    given_on: datetime.date
    expires_on: datetime.date | None = None
    withdrawn_on: datetime.date | None = None

    def active_on(self, day: datetime.date) -> bool:
        return (
            self.given_on <= day
            and self.withdrawn_on is None
            and (self.expires_on is None or self.expires_on >= day)
        )


@dataclass(frozen=True)
class Exception_:
    basis: str
    reason: str = ""
    legal_duty: str = ""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    basis: str | None = None
    consent_id: int | None = None
    # A key of PROBLEMS when not allowed, and the field it belongs on.
    problem: str | None = None
    field: str | None = None


def decide(
    consents, *, organisation_id: int, purpose: str, day: datetime.date, exception: Exception_ | None = None
) -> Decision:
    """Allowed under an active consent to ``organisation_id`` for ``purpose`` on ``day``, else
    under a recorded exception with its reason; otherwise refused with the reason why."""
    covering = [
        c for c in consents if c.organisation_id == organisation_id and c.purpose == purpose
    ]
    active = [c for c in covering if c.active_on(day)]
    if exception is None or not exception.basis or exception.basis == CONSENT:
        if active:
            # The newest consent given is the one relied on.
            chosen = max(active, key=lambda c: (c.given_on, c.id))
            return Decision(True, CONSENT, chosen.id)
        return Decision(False, problem=_why_not(covering, day), field="to_organisation")
    if exception.basis not in EXCEPTIONS:
        return Decision(False, problem="unknown_basis", field="lawful_basis")
    if not exception.reason.strip():
        return Decision(False, problem="reason_missing", field="exception_reason")
    if exception.basis == LEGAL_DUTY and not exception.legal_duty.strip():
        return Decision(False, problem="duty_missing", field="legal_duty")
    return Decision(True, exception.basis)


def _why_not(covering, day) -> str:
    if not covering:
        return "no_consent"
    if any(c.withdrawn_on is not None for c in covering):
        return "consent_withdrawn"
    if any(c.given_on > day for c in covering):
        return "consent_not_started"
    return "consent_expired"
