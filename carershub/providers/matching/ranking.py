"""Ranking providers for a person who needs care at home, with the reasons (pure: no Django).

The caller turns the request and each provider into the plain records below (the provider's
problems come from providers.services.new_people_problems, its count of people from its current
arrangements) and shows the reasons as sentences (matching/services.py, reason_sentences).

Who is left out, with why (NOT SUITABLE):
- a provider that does not serve the person's council area;
- a provider that cannot take new people: not active, or an essential checklist item missing,
  not met or expired (the problems, in words);
- an unregistered micro-provider already caring for four people: the most it may care for at any
  one time without registering with Care Inspectorate Wales (CIW's advice quoted in the ADSS Cymru
  report, paragraph 9.5).

The others are ranked by a score out of about 100, simple enough to say aloud:
- help asked for: up to SERVICES_POINTS, in proportion to the services asked that it offers;
- days and times: up to TIMES_POINTS, in proportion to the times asked when it is available;
- the person's postcode district: DISTRICT_POINTS when it lists the district, or lists none
  (it works across the whole area);
- Welsh: WELSH_POINTS when the person wants care in Welsh and the provider speaks it, and
  NO_WELSH_PENALTY off when it does not. A penalty, not a filter: the person may still choose
  care in English over waiting for none, and the worker decides that with them; the active offer
  of care in Welsh is the Welsh Government's "More than just words" framework (not checked here
  against its text);
- another language: LANGUAGE_POINTS when the provider lists it;
- hours: HOURS_POINTS when the provider can offer the hours a week asked (or says nothing).
Room under the four-person limit is shown, not scored. Equal scores go in name order.
"""

from dataclasses import dataclass, field
from decimal import Decimal

SERVICES_POINTS = 40
TIMES_POINTS = 30
DISTRICT_POINTS = 10
WELSH_POINTS = 10
NO_WELSH_PENALTY = 30
LANGUAGE_POINTS = 5
HOURS_POINTS = 5

# Reason codes (the page words them; the introduction stores them with their params).
SERVES_AREA = "serves_area"
COVERS_DISTRICT = "covers_district"
WHOLE_AREA = "whole_area"
OUTSIDE_DISTRICTS = "outside_districts"
ALL_SERVICES = "all_services"
SOME_SERVICES = "some_services"
ALL_TIMES = "all_times"
SOME_TIMES = "some_times"
SPEAKS_WELSH = "speaks_welsh"
NO_WELSH = "no_welsh"
SPEAKS_LANGUAGE = "speaks_language"
LANGUAGE_NOT_LISTED = "language_not_listed"
HOURS_ENOUGH = "hours_enough"
HOURS_SHORT = "hours_short"
ROOM = "room"
LAST_PLACE = "last_place"
NO_LIMIT = "no_limit"
# Why a provider is left out.
NOT_IN_AREA = "not_in_area"
CANNOT_TAKE = "cannot_take"
AT_LIMIT = "at_limit"


@dataclass(frozen=True)
class Need:
    area: str  # council area code
    postcode_district: str = ""
    services: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()
    hours: Decimal | None = None
    welsh: bool = False
    other_language: str = ""


@dataclass(frozen=True)
class Candidate:
    provider_id: int
    name: str
    areas: frozenset[str] = frozenset()
    postcode_districts: frozenset[str] = frozenset()
    services: frozenset[str] = frozenset()
    slots: frozenset[str] = frozenset()
    welsh: bool = False
    other_languages: str = ""
    people_now: int = 0
    limit: int | None = None  # 4 for an unregistered micro-provider, None when no limit applies
    hours_offered: int | None = None
    problems: tuple[str, ...] = ()


Reason = tuple[str, dict]


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: int
    reasons: list[Reason]


@dataclass(frozen=True)
class Left:
    candidate: Candidate
    reasons: list[Reason]


@dataclass
class Result:
    suitable: list[Ranked] = field(default_factory=list)
    not_suitable: list[Left] = field(default_factory=list)

    def place_of(self, provider_id: int) -> Ranked | None:
        return next((r for r in self.suitable if r.candidate.provider_id == provider_id), None)


def districts(text: str) -> frozenset[str]:
    """Postcode districts typed as "SA61, SA62 sa63": upper case, one each."""
    parts = text.replace(";", ",").replace(" ", ",").split(",")
    return frozenset(part.strip().upper() for part in parts if part.strip())


def _name_key(candidate: Candidate):
    return (candidate.name.casefold(), candidate.provider_id)


def _left_out(need: Need, c: Candidate) -> list[Reason]:
    why: list[Reason] = []
    if need.area not in c.areas:
        why.append((NOT_IN_AREA, {}))
    if c.problems:
        why.append((CANNOT_TAKE, {"problems": list(c.problems)}))
    if c.limit is not None and c.people_now >= c.limit:
        why.append((AT_LIMIT, {"people": c.people_now, "limit": c.limit}))
    return why


def _share(points: int, have: int, asked: int) -> float:
    return points if asked == 0 else points * have / asked


def _score(need: Need, c: Candidate) -> tuple[int, list[Reason]]:
    reasons: list[Reason] = []
    score = 0.0

    if not c.postcode_districts:
        score += DISTRICT_POINTS
        reasons.append((WHOLE_AREA, {}))
    elif need.postcode_district and need.postcode_district.upper() in c.postcode_districts:
        score += DISTRICT_POINTS
        reasons.append((COVERS_DISTRICT, {"district": need.postcode_district.upper()}))
    elif need.postcode_district:
        reasons.append((OUTSIDE_DISTRICTS, {"district": need.postcode_district.upper()}))
    else:
        reasons.append((SERVES_AREA, {}))  # the person's postcode district is not known

    wanted = list(dict.fromkeys(need.services))
    offered = [s for s in wanted if s in c.services]
    missing = [s for s in wanted if s not in c.services]
    score += _share(SERVICES_POINTS, len(offered), len(wanted))
    if wanted and not missing:
        reasons.append((ALL_SERVICES, {"count": len(wanted)}))
    elif wanted:
        reasons.append((SOME_SERVICES, {"have": len(offered), "asked": len(wanted), "missing": missing}))

    times = list(dict.fromkeys(need.slots))
    free = [s for s in times if s in c.slots]
    not_free = [s for s in times if s not in c.slots]
    score += _share(TIMES_POINTS, len(free), len(times))
    if times and not not_free:
        reasons.append((ALL_TIMES, {"count": len(times)}))
    elif times:
        reasons.append((SOME_TIMES, {"have": len(free), "asked": len(times), "missing": not_free}))

    if need.hours is not None and c.hours_offered is not None:
        if Decimal(c.hours_offered) >= Decimal(need.hours):
            score += HOURS_POINTS
            reasons.append((HOURS_ENOUGH, {"offered": c.hours_offered}))
        else:
            reasons.append((HOURS_SHORT, {"offered": c.hours_offered}))
    else:
        score += HOURS_POINTS

    if need.welsh and c.welsh:
        score += WELSH_POINTS
        reasons.append((SPEAKS_WELSH, {}))
    elif need.welsh:
        score -= NO_WELSH_PENALTY
        reasons.append((NO_WELSH, {}))

    language = need.other_language.strip()
    if language:
        if language.casefold() in c.other_languages.casefold():
            score += LANGUAGE_POINTS
            reasons.append((SPEAKS_LANGUAGE, {"language": language}))
        else:
            reasons.append((LANGUAGE_NOT_LISTED, {"language": language}))

    if c.limit is None:
        reasons.append((NO_LIMIT, {}))
    elif c.limit - c.people_now == 1:
        reasons.append((LAST_PLACE, {"people": c.people_now, "limit": c.limit}))
    else:
        reasons.append((ROOM, {"room": c.limit - c.people_now, "limit": c.limit}))
    return round(score), reasons


def rank(need: Need, candidates: list[Candidate]) -> Result:
    """The suitable providers best first (ties by name), and the others by name with why."""
    result = Result()
    for c in candidates:
        why = _left_out(need, c)
        if why:
            result.not_suitable.append(Left(c, why))
        else:
            score, reasons = _score(need, c)
            result.suitable.append(Ranked(c, score, reasons))
    result.suitable.sort(key=lambda r: (-r.score, *_name_key(r.candidate)))
    result.not_suitable.sort(key=lambda r: _name_key(r.candidate))
    return result
