"""What support plan pages and the carer's copy show, worked out here rather than in templates."""

from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.core import errors
from carershub.core.presenters import Presenter
from carershub.support.models import PlanAction, SupportOption, SupportPlan

STATUS_TAGS = {
    SupportPlan.Status.DRAFT: "govuk-tag--grey",
    SupportPlan.Status.AGREED: "govuk-tag--green",
    SupportPlan.Status.SUPERSEDED: "govuk-tag--blue",
    SupportPlan.Status.CLOSED: "govuk-tag--red",
}

PROBLEMS = {
    "assessment_not_completed": _("the assessment is not completed yet"),
    "budget_not_eligible": _("a personal budget can only be given when the carer's needs are eligible"),
    "direct_payment_not_eligible": _("a direct payment can only be chosen when the carer's needs are eligible"),
    "not_draft": _("this version has already been agreed"),
    "not_agreed": _("this version is not the plan in force"),
    "no_outcomes": _("the carer's outcomes are missing"),
    "review_date_past": _("the review date must be in the future: change the plan to set a new one"),
    "already_reviewed": _("this version has already been reviewed"),
    "draft_exists": _(
        "there is a draft new version of this plan: agree or delete the draft first, "
        "or record the review as 'The plan is changed'"
    ),
}

# How the carer's copy names who does each action: it speaks to the carer.
WHO_FOR_CARER = {
    PlanAction.Who.CARER: _("You"),
    PlanAction.Who.FAMILY: _("Your family or friends"),
    PlanAction.Who.PARTNER: _("A partner organisation"),
    PlanAction.Who.COUNCIL: _("The council"),
}


def describe_problems(codes) -> str:
    return errors.describe_problems(codes, PROBLEMS)


def money(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    # Pounds and pence with thousands separated, as in English and Welsh letters: £1,250.00
    return f"£{amount:,.2f}"


def support_option_labels(codes) -> list[str]:
    labels = dict(SupportOption.choices)
    return [str(labels.get(code, code)) for code in codes]


class PlanPresenter(Presenter):
    def __init__(self, plan):
        super().__init__(plan)
        self.plan = plan

    @property
    def status_tag_class(self) -> str:
        return STATUS_TAGS[self.plan.status]

    @property
    def support_labels(self) -> list[str]:
        return support_option_labels(self.plan.support_options)

    @property
    def budget_text(self) -> str:
        return money(self.plan.personal_budget)

    @property
    def actions_list(self):
        if not hasattr(self, "_actions"):
            self._actions = list(self.plan.actions.select_related("organisation"))
        return self._actions

    def action_rows(self, *, for_carer=False) -> list[dict]:
        council = self.plan.assessment.assessing_organisation.name
        rows = []
        for action in self.actions_list:
            if action.who == PlanAction.Who.PARTNER and action.organisation:
                who = action.organisation.name
            elif for_carer and action.who == PlanAction.Who.COUNCIL:
                who = council
            elif for_carer:
                who = str(WHO_FOR_CARER[action.who])
            else:
                who = action.get_who_display()
            rows.append(
                {
                    "what": action.description,
                    "who": who,
                    "by_when": formats.date_format(action.due_by, "j F Y") if action.due_by else "",
                }
            )
        return rows

    @property
    def is_current(self) -> bool:
        return self.plan.status == SupportPlan.Status.AGREED

    @property
    def review_overdue(self) -> bool:
        return self.is_current and self.plan.review_date < timezone.localdate()

    @property
    def title(self) -> str:
        return gettext("Support plan, version %(n)s") % {"n": self.plan.plan_version}
