"""Demo contract monitoring (issue 12; called from demo/region.py's load() after demo/money.py).

Finds the demo contracts by title (demo/money.py makes them) and makes nothing when they are absent:

- "Afon Valley Carers Support Service" (Afon Valley County Borough Council, from the Afon and
  Marches Carers Centre) and "Marchester Carers Hub Contract" (Marchester Integrated Care Board, from
  the same centre) each get KPIs: three counted from the demo's events, two reported by the provider;
- each gets quarterly returns for the last four quarters that have ended, in every state: the two
  oldest accepted, the next sent back once and accepted when resubmitted, the latest submitted and
  waiting for the commissioner's decision; the current quarter's return is a draft.

Returns are written by a partner worker of the provider organisation if the demo has one (staff
whose organisation is the contract's provider), otherwise recorded without a user; they are decided
by the demo's team manager (Afon Valley council) or commissioner (Marchester ICB). Figures invented.
"""

from decimal import Decimal

from carershub.accounts.models import Role
from carershub.reporting.money.models import Contract
from carershub.reporting.monitoring import quarters as q
from carershub.reporting.monitoring import services
from carershub.reporting.monitoring.models import Kpi

CONTRACTS = {
    "Afon Valley Carers Support Service": "manager",
    "Marchester Carers Hub Contract": "commissioner",
}

# name, what it counts, source, measure, scope, unit, target, direction, tolerance
KPIS = [
    ("New carers identified", "Carers identified by the provider's workers in the contract's areas in the quarter.",
     "counted", "carers_identified", "provider_in_areas", "number", 30, "higher", 5),
    ("Carers' assessments completed", "Carers' assessments completed for carers living in the contract's areas, "
     "by anyone, in the quarter.", "counted", "assessments_completed", "areas", "number", 20, "higher", 4),
    ("Group and course attendances", "Attendances at the provider's groups and courses in the quarter, less any "
     "corrected to 'did not attend'.", "counted", "group_attendances", "provider", "number", 40, "higher", 10),
    ("Carers saying the service helped", "Share of carers asked at the end of their support who said it made a "
     "difference to their life as a carer (the provider's exit survey).", "reported", "", "", "percent", 80,
     "higher", 5),
    ("Days from referral to first contact", "Average working days from a referral arriving to the first "
     "conversation with the carer.", "reported", "", "", "number", 5, "lower", 2),
]

# The reported figures of each return, oldest quarter first: (helped %, days to first contact).
REPORTED = [(Decimal("84"), Decimal("4")), (Decimal("78"), Decimal("6.5")), (Decimal("81"), Decimal("8")),
            (Decimal("86"), Decimal("4.5"))]
NARRATIVE = ("Demand grew after the GP practice drop-ins started; two part-time posts were vacant for six weeks, "
             "which slowed first contacts. The exit survey was answered by {n} carers.")


def _writer(contract, staff):
    return next((user for user in staff.values()
                 if user.organisation_id == contract.provider_id and user.has_role(Role.PARTNER_WORKER)), None)


def make(*, today, staff, orgs):
    made = {}
    for title, decider_name in CONTRACTS.items():
        contract = Contract.objects.filter(title=title).first()
        if contract is None or Kpi.objects.filter(contract=contract).exists():
            continue
        decider = staff.get(decider_name)
        kpis = [services.add_kpi(contract, actor=decider, name=name, description=description, source=source,
                                 measure=measure, scope=scope, unit=unit, target=Decimal(target),
                                 direction=direction, tolerance=Decimal(tolerance))
                for name, description, source, measure, scope, unit, target, direction, tolerance in KPIS]
        reported = [kpi for kpi in kpis if kpi.source == "reported"]
        writer = _writer(contract, staff)
        latest = q.last_complete(today)
        wanted = [quarter for quarter in q.ending_with(latest, 4) if contract.starts_on <= quarter.end
                  and quarter.start <= contract.ends_on]
        for index, quarter in enumerate(wanted):
            helped, days = REPORTED[(index + len(REPORTED) - len(wanted)) % len(REPORTED)]
            values = {reported[0].pk: helped, reported[1].pk: days}
            found, _new = services.start_return(contract, quarter, actor=writer)
            services.submit(found, expected_version=found.version, actor=writer, values=values,
                            narrative=NARRATIVE.format(n=40 + 7 * index))
            if quarter == latest:
                continue  # waits for the commissioner's decision
            if index == len(wanted) - 2:
                services.send_back(found, expected_version=found.version, actor=decider,
                                   reason="The days to first contact look high: please check them against "
                                          "the referral log and say what is being done.")
                services.submit(found, expected_version=found.version, actor=writer,
                                values={**values, reported[1].pk: days - Decimal("1")},
                                narrative=NARRATIVE.format(n=40 + 7 * index)
                                + " Checked: three referrals were logged twice; corrected.")
            services.accept(found, expected_version=found.version, actor=decider)
        current = latest.next()
        if contract.starts_on <= current.end and current.start <= contract.ends_on:
            services.start_return(contract, current, actor=writer)
        made[title] = contract
    return made
