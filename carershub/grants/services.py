"""The community grants fund: each operation one transaction that leaves its activity event.

THE RULE (decision 38): the sum of a round's awards never exceeds its budget. ``award`` takes the
round's row lock (``select_for_update``) before it reads what the round has awarded, so two managers
awarding at the same moment take turns: the second reads the total after the first commits, and is
told how much remains. A payment takes the award's (the application's) row lock the same way, so the
total paid never passes the award. The arithmetic is fund.py (pure).

Grants are not about a person: events carry no person, and nothing here is shown on a person's page.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.accounts.models import Role
from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.core import amounts
from carershub.core.locking import claim_version
from carershub.core.workqueues import Shortcut, WorkQueue
from carershub.grants import fund
from carershub.grants.models import (
    NEXT_STATUS,
    RECEIVING,
    Application,
    Criterion,
    Interest,
    MonitoringReturn,
    Outcome,
    Payment,
    Round,
    RoundStatus,
    Score,
    Scoresheet,
)
from carershub.grants.rules import VIEW_ROUNDS
from carershub.partnership.models import Organisation


class Refused(Exception):
    """Refused for a reason the user can act on: ``code`` a key of fund.MESSAGES or of REFUSALS
    (forms.py), ``params`` its placeholders (money already written as £1,234.56)."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def _money(problem):
    code, values = problem
    return Refused(code, **{key: amounts.pounds(value) for key, value in values.items()})


# ---------------------------------------------------------------- what a user may see


FUND_MANAGERS = (Role.COMMISSIONER, Role.TEAM_MANAGER)


def rounds_visible_to(user):
    """Rounds the user's organisation funds (for its commissioners and team managers) and rounds whose
    panel they are on."""
    if not user.is_authenticated:
        return Round.objects.none()
    on_panel = Q(panel=user)
    if user.organisation_id and user.has_role(*FUND_MANAGERS):
        on_panel |= Q(funder_id=user.organisation_id)
    return Round.objects.filter(pk__in=Round.objects.filter(on_panel).values("pk"))


def round_or_404(user, pk) -> Round:
    return get_object_or_404(rounds_visible_to(user).select_related("funder"), pk=pk)


def application_or_404(user, pk) -> Application:
    application = get_object_or_404(Application.objects.select_related("round__funder", "group"), pk=pk)
    if not rounds_visible_to(user).filter(pk=application.round_id).exists():
        raise Http404
    return application


def is_panel_member(user, round_: Round) -> bool:
    return round_.panel.filter(pk=user.pk).exists()


# ---------------------------------------------------------------- rounds


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    weight: int
    guidance: str = ""


@transaction.atomic
def create_round(*, actor, criteria, panel, **fields) -> Round:
    """A draft round funded by the actor's organisation, with its weighted criteria and its panel."""
    if not actor.organisation_id:
        raise Refused("no_organisation")
    if not criteria:
        raise Refused("no_criteria")
    if fields["max_award_pence"] > fields["budget_pence"]:
        raise Refused("maximum_over_budget")
    round_ = Round.objects.create(funder_id=actor.organisation_id, created_by=actor, **fields)
    Criterion.objects.bulk_create(
        Criterion(round=round_, name=c.name, weight=c.weight, guidance=c.guidance, order=n)
        for n, c in enumerate(criteria, start=1)
    )
    round_.panel.set(panel)
    return round_


@transaction.atomic
def change_panel(round_: Round, *, expected_version, panel, actor) -> Round:
    """Name the round's scorers again (until it is decided); scores already submitted stay."""
    if round_.status == RoundStatus.DECIDED:
        raise Refused("round_decided")
    claim_version(round_, expected_version)
    round_.panel.set(panel)
    return round_


@transaction.atomic
def move_on(round_: Round, *, expected_version, actor) -> Round:
    """Draft -> open -> closed -> scoring -> decided. A round is decided once every application is."""
    following = NEXT_STATUS.get(round_.status)
    if following is None:
        raise Refused("round_decided")
    if following == RoundStatus.DECIDED and round_.applications.filter(outcome=Outcome.WAITING).exists():
        raise Refused("undecided_left")
    claim_version(round_, expected_version, status=round_.status)
    Round.objects.filter(pk=round_.pk).update(status=following)
    round_.status = following
    return round_


def budget(round_: Round) -> fund.Budget:
    """What the round has awarded and paid, as the database holds it now."""
    awarded = Application.objects.filter(round=round_, outcome=Outcome.AWARDED).aggregate(
        total=Sum("awarded_pence"))["total"] or 0
    paid = Payment.objects.filter(application__round=round_).aggregate(total=Sum("amount_pence"))["total"] or 0
    return fund.Budget(budget=round_.budget_pence, awarded=awarded, paid=paid)


# ---------------------------------------------------------------- applications


@transaction.atomic
def record_application(round_: Round, *, actor, group=None, new_group_name="", section16_type, **fields) -> Application:
    """An application received from a group: an organisation of the partnership, or a new community
    group made with it. Late (received outside the round's dates) only with a reason."""
    if round_.status not in RECEIVING:
        raise Refused("not_receiving")
    if fields["requested_pence"] > round_.max_award_pence:
        raise Refused("over_maximum", maximum=amounts.pounds(round_.max_award_pence))
    received = fields["received_on"]
    if not (round_.opens_on <= received <= round_.closes_on) and not fields.get("late_reason", "").strip():
        raise Refused("late_without_reason")
    if received >= round_.opens_on and received <= round_.closes_on:
        fields["late_reason"] = ""
    if group is None:
        name = new_group_name.strip()
        if Organisation.objects.filter(name__iexact=name, kind=Organisation.Kind.COMMUNITY_GROUP).exists():
            raise Refused("group_exists")
        try:
            with transaction.atomic():
                group = Organisation.objects.create(
                    name=name, kind=Organisation.Kind.COMMUNITY_GROUP, sector=section16_type,
                    area_id=round_.funder.area_id,
                )
        except IntegrityError:
            raise Refused("group_exists") from None
    application = Application.objects.create(
        round=round_, group=group, section16_type=section16_type, recorded_by=actor, **fields
    )
    record_event(EventKind.GRANT_APPLIED, actor=actor, obj=application,
                 data={"round": round_.pk, "requested_pence": application.requested_pence,
                       "section16_type": section16_type, "late": application.is_late})
    return application


# ---------------------------------------------------------------- scoring


def has_interest(user, application) -> bool:
    return Interest.objects.filter(application=application, member=user).exists()


def has_scored(user, application) -> bool:
    return Scoresheet.objects.filter(application=application, scorer=user).exists()


def may_see_scores(user, application) -> bool:
    """A panel member sees the panel's scores of an application only once they submitted their own
    (so nobody anchors on another's), and never for one they declared an interest in. A manager of
    the round who is not on its panel sees them."""
    if not is_panel_member(user, application.round):
        return True
    if has_interest(user, application):
        return False
    return has_scored(user, application)


@transaction.atomic
def declare_interest(application: Application, *, member, note) -> Interest:
    if not is_panel_member(member, application.round):
        raise Refused("not_on_panel")
    if has_scored(member, application):
        raise Refused("already_scored")
    try:
        with transaction.atomic():
            return Interest.objects.create(application=application, member=member, note=note)
    except IntegrityError:
        raise Refused("already_declared") from None


@transaction.atomic
def submit_scores(application: Application, *, scorer, scores: dict, comments: dict, comment="") -> Scoresheet:
    """One panel member's scores of every criterion (0 to the round's highest score), submitted once."""
    round_ = application.round
    if round_.status != RoundStatus.SCORING:
        raise Refused("not_scoring")
    if not is_panel_member(scorer, round_):
        raise Refused("not_on_panel")
    if has_interest(scorer, application):
        raise Refused("interest_declared")
    criteria = list(round_.criteria.all())
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None or not (0 <= value <= round_.score_max):
            raise Refused("score_missing")
    try:
        with transaction.atomic():
            sheet = Scoresheet.objects.create(application=application, scorer=scorer, comment=comment)
    except IntegrityError:
        raise Refused("already_scored") from None
    Score.objects.bulk_create(
        Score(sheet=sheet, criterion=c, score=scores[c.pk], comment=comments.get(c.pk, "")) for c in criteria
    )
    return sheet


@dataclass
class Scored:
    application: Application
    score: Fraction | None
    scorers: int
    interests: int
    position: int | None = None

    @property
    def shown(self) -> str:
        return fund.shown(self.score)


def scores_of(round_: Round, applications=None) -> dict:
    """{application pk: Scored} for the round's applications, in two queries."""
    applications = list(applications if applications is not None else round_.applications.select_related("group"))
    weights = {c.pk: c.weight for c in round_.criteria.all()}
    per_sheet: dict = {}
    for score in Score.objects.filter(sheet__application__round=round_).values("sheet_id", "sheet__application_id",
                                                                               "criterion_id", "score"):
        per_sheet.setdefault((score["sheet__application_id"], score["sheet_id"]), {})[score["criterion_id"]] = score["score"]
    interests = dict(Interest.objects.filter(application__round=round_).values_list("application_id")
                     .annotate(n=Count("pk")).values_list("application_id", "n"))
    by_application: dict = {}
    for (application_id, _sheet), marks in per_sheet.items():
        if weights and set(weights) <= set(marks):
            by_application.setdefault(application_id, []).append(fund.scorer_score(marks, weights))
    return {
        a.pk: Scored(a, fund.application_score(by_application.get(a.pk, [])), len(by_application.get(a.pk, [])),
                     interests.get(a.pk, 0))
        for a in applications
    }


def ranking(round_: Round) -> list:
    scored = scores_of(round_)
    ranked = fund.rank((pk, s.score, s.scorers, s.application.requested_pence) for pk, s in scored.items())
    rows = []
    for r in ranked:
        row = scored[r.key]
        row.position = r.position
        rows.append(row)
    return rows


def sheets_for(application):
    """The submitted scoresheets of an application with their scores, oldest first."""
    return application.scoresheets.select_related("scorer").prefetch_related("scores__criterion")


def waiting_for_scores(user):
    """Applications of rounds being scored, on whose panel the user is, that they have neither scored
    nor declared an interest in."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(round__status=RoundStatus.SCORING, round__panel=user)
        .exclude(Exists(Scoresheet.objects.filter(application=OuterRef("pk"), scorer=user)))
        .exclude(Exists(Interest.objects.filter(application=OuterRef("pk"), member=user)))
        .select_related("round", "group")
        .order_by("round__decision_on", "received_on", "pk")
    )


# ---------------------------------------------------------------- decisions


def _awarded_total(round_: Round) -> int:
    """The round's awards so far: read only after the round's row is locked (the hold point of the
    concurrency test)."""
    return Application.objects.filter(round=round_, outcome=Outcome.AWARDED).aggregate(
        total=Sum("awarded_pence"))["total"] or 0


def _locked_for_decision(application: Application, expected_version) -> Round:
    """Lock the round row first (the budget's lock), then check the application is still undecided."""
    round_ = Round.objects.select_for_update().get(pk=application.round_id)
    if round_.status != RoundStatus.SCORING:
        raise Refused("not_deciding")
    claim_version(application, expected_version, outcome=Outcome.WAITING)
    return round_


@transaction.atomic
def award(application: Application, *, amount_pence: int, expected_version, actor) -> Application:
    """Award ``amount_pence`` (up to what was asked for): refused with how much remains when the
    round's awards would pass its budget. Raises StaleRecordError if it was decided meanwhile."""
    round_ = _locked_for_decision(application, expected_version)
    problem = fund.award_problem(
        amount=amount_pence, requested=application.requested_pence, maximum=round_.max_award_pence,
        budget=round_.budget_pence, awarded=_awarded_total(round_),
    )
    if problem:
        raise _money(problem)
    today = timezone.localdate()
    Application.objects.filter(pk=application.pk).update(
        outcome=Outcome.AWARDED, awarded_pence=amount_pence, decided_on=today, decided_by=actor, decline_reason=""
    )
    application.outcome, application.awarded_pence, application.decided_on = Outcome.AWARDED, amount_pence, today
    record_event(EventKind.GRANT_AWARDED, actor=actor, obj=application,
                 data={"round": round_.pk, "amount_pence": amount_pence})
    return application


@transaction.atomic
def decline(application: Application, *, reason: str, expected_version, actor) -> Application:
    round_ = _locked_for_decision(application, expected_version)
    today = timezone.localdate()
    Application.objects.filter(pk=application.pk).update(
        outcome=Outcome.DECLINED, decline_reason=reason, decided_on=today, decided_by=actor
    )
    application.outcome, application.decline_reason, application.decided_on = Outcome.DECLINED, reason, today
    record_event(EventKind.GRANT_DECLINED, actor=actor, obj=application, data={"round": round_.pk})
    return application


# ---------------------------------------------------------------- payments and monitoring


def paid(application: Application) -> int:
    return application.payments.aggregate(total=Sum("amount_pence"))["total"] or 0


@transaction.atomic
def record_payment(application: Application, *, amount_pence: int, paid_on, reference="", actor) -> Payment:
    """A payment against an award: the award's row is locked before what was paid is added up."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.outcome != Outcome.AWARDED:
        raise Refused("not_awarded")
    problem = fund.payment_problem(amount=amount_pence, award=locked.awarded_pence, paid=paid(locked))
    if problem:
        raise _money(problem)
    payment = Payment.objects.create(application=locked, amount_pence=amount_pence, paid_on=paid_on,
                                     reference=reference, recorded_by=actor)
    record_event(EventKind.GRANT_PAID, actor=actor, obj=locked,
                 data={"round": locked.round_id, "amount_pence": amount_pence})
    return payment


@transaction.atomic
def record_return(application: Application, *, actor, **fields) -> MonitoringReturn:
    if application.outcome != Outcome.AWARDED:
        raise Refused("not_awarded")
    returned = MonitoringReturn.objects.create(application=application, recorded_by=actor, **fields)
    record_event(EventKind.GRANT_MONITORED, actor=actor, obj=application,
                 data={"round": application.round_id, "carers_reached": returned.carers_reached,
                       "spent_pence": returned.spent_pence, "unspent_pence": returned.unspent_pence})
    return returned


def overdue_returns(round_: Round, today=None) -> list:
    """Awards of the round without a monitoring return by their due day, oldest due first."""
    today = today or timezone.localdate()
    awards = (round_.applications.filter(outcome=Outcome.AWARDED).select_related("group")
              .annotate(returns_received=Count("returns")))
    overdue = []
    for a in awards:
        if a.decided_on and fund.return_overdue(awarded_on=a.decided_on, months=round_.return_months,
                                                returns_received=a.returns_received, today=today):
            a.return_due = fund.return_due(a.decided_on, round_.return_months)
            overdue.append(a)
    return sorted(overdue, key=lambda a: (a.return_due, a.pk))


# ---------------------------------------------------------------- the home page


def home_items(user):
    if not user.has_perm(VIEW_ROUNDS):
        return []
    items = [Shortcut(reverse("grants:rounds"), _("Community grants fund"), order=80)]
    if user.grant_panels.exists():
        items.append(WorkQueue(reverse("grants:scoring"), _("Grant applications waiting for your scores"),
                               waiting_for_scores(user).count(), order=81))
    return items
