"""The Quality Framework Checklist for providers of care at home (pure).

Built from the themes Flintshire developed with Social Firms Wales (ADSS Cymru, "Rebalancing the
care sector", chapter 9, paragraph 9.11, themes a to j), made into items a council can evidence
and date. DBS checks and references are held for every worker who delivers care (theme c).

An item is *essential* when a provider must not take new people without it in date: a provider
with an essential item missing, not met or expired is refused new arrangements and introductions
(issue 13). Which items are essential is this product's reading of the report (it lists themes,
not a rule): safeguarding-critical checks, insurance, the safeguarding policy and cover
arrangements. A council that reads it differently changes ESSENTIAL here.

Registration with Care Inspectorate Wales is not an item: it is the provider's registration
pathway (providers.models.RegistrationApplication), and only applies above four people.
"""

import datetime
from dataclasses import dataclass

from carershub.core.i18n import gettext_noop as _

# How long before an expiry date an item appears on the reminders queue.
REMIND_DAYS = 42


@dataclass(frozen=True)
class Item:
    code: str
    theme: str  # the report's theme letter, a to j
    label: str
    hint: str
    per_worker: bool = False
    expires: bool = False  # evidence of this kind goes out of date (a DBS check, an insurance policy)
    essential: bool = False


ITEMS = [
    Item("governance", "a", _("Status and governance"),
         _("The structure (sole trader, company, informal or formal group), governance and the named responsible person")),
    Item("registers_kept", "a", _("Registers of care workers and of people supported"),
         _("The responsible person keeps a list of who provides care and who receives it")),
    Item("scw_registration", "b", _("Registration of workers with Social Care Wales"),
         _("Where required for the role"), expires=True),
    Item("dbs", "c", _("DBS check"), _("An enhanced DBS check for this worker, with its date"),
         per_worker=True, expires=True, essential=True),
    Item("references", "c", _("References"), _("References taken up and checked for this worker"),
         per_worker=True, essential=True),
    Item("training", "c", _("Training and experience"),
         _("Training or qualifications for the care given, and experience in care"), per_worker=True, expires=True),
    Item("financial_history", "d", _("Financial history"),
         _("Accounts, grants or tenders handled before: enough for the council to judge financial competence")),
    Item("policy_safeguarding", "e", _("Safeguarding policy"), "", expires=True, essential=True),
    Item("policy_medication", "e", _("Medication policy"), "", expires=True),
    Item("policy_complaints", "e", _("Complaints policy"), "", expires=True),
    Item("policy_data_protection", "e", _("Data protection policy"), "", expires=True),
    Item("capacity_cover", "f", _("Capacity and cover arrangements"),
         _("What happens when a worker is ill or on leave"), essential=True),
    Item("insurance", "g", _("Insurance"), _("Public liability insurance and, with staff, employer's liability"),
         expires=True, essential=True),
    Item("quality_evidence", "h", _("Quality evidence and feedback"),
         _("How the quality of care is shown: feedback from people supported, compliments and complaints")),
    Item("voice_and_control", "i", _("Assessing needs, voice and control"),
         _("How needs are assessed, and how people keep a strong voice and their well-being outcomes are met")),
    Item("community_benefit", "j", _("Benefits to the wider community"), ""),
]
BY_CODE = {item.code: item for item in ITEMS}
ESSENTIAL = frozenset(item.code for item in ITEMS if item.essential)

MET = "met"
NOT_MET = "not_met"
NOT_APPLICABLE = "not_applicable"
OUTCOMES = [
    (MET, _("Met")),
    (NOT_MET, _("Not met")),
    (NOT_APPLICABLE, _("Does not apply")),
]


@dataclass(frozen=True)
class Current:
    """The latest check recorded for one item (and, for per-worker items, one worker)."""

    code: str
    outcome: str
    expires_on: datetime.date | None
    worker: str = ""  # a worker's name, for per-worker items


@dataclass(frozen=True)
class Gap:
    code: str
    worker: str
    why: str  # "missing", "not_met", "expired"


def state(current: Current, today: datetime.date) -> str:
    """"missing" is never returned here; "expired", "due" (within REMIND_DAYS), "not_met" or "ok"."""
    if current.outcome == NOT_MET:
        return "not_met"
    if current.outcome == MET and current.expires_on is not None:
        if current.expires_on < today:
            return "expired"
        if current.expires_on <= today + datetime.timedelta(days=REMIND_DAYS):
            return "due"
    return "ok"


def essential_gaps(checks: list[Current], workers: list[str], today: datetime.date) -> list[Gap]:
    """What stops a provider taking new people: each essential item missing, not met or expired.

    ``checks`` is the latest check per item (and per worker); ``workers`` the names of the workers
    who deliver care now. A provider-wide essential item must be met or "does not apply"; a
    per-worker one must be met for every current worker. A provider with no workers recorded has
    no per-worker gaps here: its register page asks for its workers.
    """
    latest = {(c.code, c.worker if BY_CODE[c.code].per_worker else ""): c for c in checks if c.code in BY_CODE}
    gaps = []
    for item in ITEMS:
        if not item.essential:
            continue
        for worker in (workers if item.per_worker else [""]):
            current = latest.get((item.code, worker))
            if current is None:
                gaps.append(Gap(item.code, worker, "missing"))
            elif current.outcome == NOT_MET:
                gaps.append(Gap(item.code, worker, "not_met"))
            elif current.outcome == NOT_APPLICABLE and item.per_worker:
                gaps.append(Gap(item.code, worker, "not_met"))
            elif state(current, today) == "expired":
                gaps.append(Gap(item.code, worker, "expired"))
    return gaps
