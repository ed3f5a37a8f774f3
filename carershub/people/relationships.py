"""Who has a legitimate relationship with a person's record: the one place that says so.

Health and care records may be opened only by those who work with the person (the common law
duty of confidentiality and UK GDPR Article 5(1)(b)/(f) and Article 9(2)(h): processing for
the provision of health or social care). Every query that lists or opens a person, and every
query that reaches a person through another record (an assessment, a plan, a contact),
starts from here.

A member of staff has a relationship with a person when:

1. **Region-wide front door**: they work at the carers centre, the region's one front door for
   every carer (SERVICE-MODEL: the integrated service finds, listens to and supports carers
   across the region; its front door workers and the managers and practitioners behind them
   pick up any carer who gets in touch).
2. **Case worker**: they are the carer's named case worker.
3. **Team**: the case worker belongs to their organisation.
4. **Council of residence**: they work for the council of the area the person lives in.
5. **Assessing council**: their organisation has assessed the carer.
6. **Consent**: the person has an active consent to share with their organisation (the only
   reason open to partner workers).
7. **The caring relationship**: the person cares for, or is cared for by, someone they have a
   relationship with under 2 to 5 (the cared-for person on a carer's page). Not under 6: a
   partner who may see a carer does not thereby see the cared-for person's health.
8. **Break glass**: they gave a reason to open this record outside 1 to 7, for a working day;
   the reason is logged and a manager reviews it (``AccessGrant``).

An accepted referral will be one more reason once referrals exist (issue 11).
Commissioners and administrators have no relationship with anyone: they see counts and
accounts, never a carer's record.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from carershub.accounts.models import SERVICE_ROLES, Role

BREAK_GLASS_HOURS = 12


def works_region_wide(user) -> bool:
    """The carers centre's service staff find and open every carer of the region (reason 1)."""
    org = user.organisation
    return user.has_role(*SERVICE_ROLES) and org is not None and org.kind == org.Kind.CARERS_CENTRE


def can_find_region_wide(user) -> bool:
    """Service workers search the whole region (so nobody is recorded twice); partners only their own."""
    return user.is_authenticated and user.has_role(*SERVICE_ROLES)


def _worked_with(user, org, path=""):
    """Reasons 2 to 5 as a filter on the person at ``path`` ("" for Person itself, "carer__" from a
    caring relationship): case worker, their team, the assessing council, the council of residence."""
    q = Q(**{f"{path}carer__case_worker": user})
    if org is not None:
        q |= Q(**{f"{path}carer__case_worker__organisation": org})
        q |= Q(**{f"{path}assessments__assessing_organisation": org})
        if org.kind == org.Kind.COUNCIL and org.area_id:
            q |= Q(**{f"{path}area_id": org.area_id})
    return q


def related_q(user) -> Q | None:
    """A filter on Person for everybody ``user`` has a relationship with (reasons 1-7).

    None means everybody (the region-wide front door); ``Q(pk__in=[])`` means nobody. Each reason
    is an EXISTS on the person's own row or links, so checking one person costs a few index
    lookups, however many people the organisation works with.
    """
    from carershub.people.models import CaringRelationship, Consent, Person

    if not user.is_authenticated:
        return Q(pk__in=[])
    org = user.organisation
    consent = (
        Q(Exists(Consent.objects.active().filter(person=OuterRef("pk"), organisation_id=org.pk)))
        if org is not None
        else Q(pk__in=[])
    )
    if not user.has_role(*SERVICE_ROLES):
        return consent if user.has_role(Role.PARTNER_WORKER) else Q(pk__in=[])
    if works_region_wide(user):
        return None
    own = Exists(Person.objects.filter(pk=OuterRef("pk")).filter(_worked_with(user, org)))
    # Reason 7: the person cares for, or is cared for by, someone worked with under 2 to 5 (not consent).
    cares_for_them = Exists(
        CaringRelationship.objects.filter(cared_for=OuterRef("pk")).filter(_worked_with(user, org, "carer__"))
    )
    cared_for_by_them = Exists(
        CaringRelationship.objects.filter(carer=OuterRef("pk")).filter(_worked_with(user, org, "cared_for__"))
    )
    return Q(own) | consent | Q(cares_for_them) | Q(cared_for_by_them)


def granted_q(user) -> Q:
    """People this user opened by giving a reason, while the grant lasts (reason 8)."""
    from carershub.people.models import AccessGrant

    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(Exists(AccessGrant.objects.active().filter(user=user, person=OuterRef("pk"))))


def grant_expiry(now=None):
    return (now or timezone.now()) + timezone.timedelta(hours=BREAK_GLASS_HOURS)
