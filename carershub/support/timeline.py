"""Support plans on the person page: plans agreed and reviews on the timeline, and the plan in force
with its review date at a glance. Registered in ``SupportConfig.ready()``."""

from django.db.models import Exists, OuterRef
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from carershub.activity.models import EventKind
from carershub.core import reversing
from carershub.core.queries import Prepared
from carershub.people import timeline
from carershub.people.sections import Glance, already_read, holds, read_once
from carershub.people.timeline import Entry
from carershub.support.models import Review, SupportPlan
from carershub.support.rules import VIEW_PLAN
from carershub.support.services import REVIEW_DUE_WINDOW_DAYS

PLAN_KINDS = (EventKind.PLAN_AGREED,)
REVIEW_KINDS = (EventKind.REVIEW_COMPLETED,)
Status = SupportPlan.Status
CURRENT_PLANS = "support_current_plans"  # the agreed and draft plans, read once for the page


def may_see(user) -> bool:
    """Plans are the service's: a partner worker who sees a carer under consent does not see them."""
    return user.has_perm(VIEW_PLAN)


def _day(value) -> str:
    return formats.date_format(value, "j F Y")


def _pks(events, label):
    return {e.object_id for e in events if e.object_type == label and e.object_id is not None}


def describe_plans(user, events) -> dict:
    person = events[0].person
    # The plan in force and the draft, if the glance read them, need no query of their own.
    plans = timeline.rows_for(
        events, SupportPlan.objects.filter(carer_id=person.pk), read=already_read(person, CURRENT_PLANS)
    )
    found = {}
    for event in events:
        plan = plans.get(event.object_id) if event.object_type == "support.supportplan" else None
        if plan is not None:
            found[event.pk] = Entry(
                _("Support plan agreed: version %(number)s") % {"number": plan.plan_version},
                _("Review due %(date)s") % {"date": _day(plan.review_date)},
                reversing.url("plans:detail", plan.pk),
            )
    return found


# The reviews of a page of the timeline with their plans, compiled once per number of ids (at most a
# page's 25, as for contacts; decision 65).
_REVIEWS_BY_ID = Prepared.keyed(
    lambda count, carer, *ids: Review.objects.filter(pk__in=ids, plan__carer_id=carer).select_related("plan").order_by(),
    name="the timeline's reviews",
)


def describe_reviews(user, events) -> dict:
    pks = _pks(events, "support.review")
    reviews = {review.pk: review for review in _REVIEWS_BY_ID(len(pks), events[0].person.pk, *pks)} if pks else {}
    found = {}
    for event in events:
        review = reviews.get(event.object_id) if event.object_type == "support.review" else None
        if review is not None:
            found[event.pk] = Entry(
                _("Support plan reviewed: %(outcome)s") % {"outcome": review.get_outcome_display()},
                (_("Version %(number)s, on time") if review.on_time else _("Version %(number)s, late"))
                % {"number": review.plan.plan_version},
                reversing.url("plans:detail", review.plan_id),
            )
    return found


def glances(user, person):
    """The plan in force and when it is to be reviewed (red when overdue), or that there is none."""
    if not (may_see(user) and hasattr(person, "carer")):
        return []
    plans = read_once(
        person,
        CURRENT_PLANS,
        lambda: list(
            SupportPlan.objects.filter(carer=person, status__in=[Status.AGREED, Status.DRAFT])
            .annotate(reviewed=Exists(Review.objects.filter(plan=OuterRef("pk"))))
            .order_by("-plan_version")
        )
        if holds(person, "plans")
        else [],
    )
    agreed = next((p for p in plans if p.status == Status.AGREED), None)
    draft = next((p for p in plans if p.status == Status.DRAFT), None)
    rows = []
    if agreed is None:
        rows.append(Glance(_("Support plan"), _("No plan in force"), order=30))
    else:
        rows.append(
            Glance(
                _("Support plan"),
                _("Version %(number)s, agreed %(date)s")
                % {"number": agreed.plan_version, "date": _day(timezone.localtime(agreed.agreed_at))},
                href=reversing.url("plans:detail", agreed.pk),
                order=30,
            )
        )
        if not agreed.reviewed:
            today = timezone.localdate()
            text, tag = _day(agreed.review_date), None
            if agreed.review_date < today:
                text, tag = _("%(date)s: overdue") % {"date": text}, "govuk-tag--red"
            elif (agreed.review_date - today).days <= REVIEW_DUE_WINDOW_DAYS:
                text, tag = _("%(date)s: due soon") % {"date": text}, "govuk-tag--yellow"
            rows.append(Glance(_("Review due"), text, order=31, tag=tag))
    if draft is not None:
        rows.append(
            Glance(
                _("Draft plan"),
                _("Version %(number)s, being written") % {"number": draft.plan_version},
                href=reversing.url("plans:detail", draft.pk),
                order=32,
            )
        )
    return rows
