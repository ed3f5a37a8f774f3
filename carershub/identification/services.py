"""Identification in settings: each operation one transaction, leaving its activity event.

Settings are ``partnership.Organisation`` rows of SETTING_KINDS (decision 37). What a user sees is
scoped like groups: settings in the area of the user's organisation, or every setting for an
organisation that works across the region (the carers centre, a commissioner's ICB without an area).
Carers identified are counted from the contacts that name a setting (``source_organisation``):
distinct carers with a record, plus contacts from callers not yet linked to one.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.accounts.models import SERVICE_ROLES, Role
from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.contacts.models import Contact
from carershub.core.locking import StaleRecordError, claim_version
from carershub.core.workqueues import Shortcut
from carershub.identification import coverage
from carershub.identification.models import (
    KIND_PLURAL,
    SETTING_KINDS,
    Champion,
    Engagement,
    EngagementKind,
    Training,
)
from carershub.identification.rules import VIEW_SETTINGS
from carershub.partnership.models import Organisation
from carershub.referrals import services as referral_services

# Who owns and runs a setting of each kind, when it is added here (Organisation.sector is required).
SECTOR_OF_KIND = {
    Organisation.Kind.GP_PRACTICE: Organisation.Sector.PRIVATE,  # independent contractors to the NHS
    Organisation.Kind.SCHOOL: Organisation.Sector.STATUTORY,
    Organisation.Kind.NHS_TRUST: Organisation.Sector.STATUTORY,
    Organisation.Kind.PHARMACY: Organisation.Sector.PRIVATE,
    Organisation.Kind.EMPLOYER: Organisation.Sector.PRIVATE,
}
QUARTERS_SHOWN = 8


class Refused(Exception):
    """Refused for a reason the worker can act on, said on ``field``."""

    def __init__(self, code, field, **params):
        super().__init__(code)
        self.code, self.field, self.params = code, field, params


# ---------------------------------------------------------------- what a user may see


def _may_see_settings(user) -> bool:
    return user.is_authenticated and user.has_role(*SERVICE_ROLES, Role.COMMISSIONER)


def settings_visible_to(user):
    """Settings of the area the user's organisation works in; every setting for a region-wide one."""
    if not _may_see_settings(user) or user.organisation is None:
        return Organisation.objects.none()
    settings = Organisation.objects.filter(kind__in=SETTING_KINDS)
    if user.organisation.area_id is not None:
        settings = settings.filter(area_id=user.organisation.area_id)
    return settings


def setting_or_404(user, pk) -> Organisation:
    return get_object_or_404(settings_visible_to(user).select_related("area"), pk=pk)


def trainings_visible_to(user):
    """Training the user's organisation delivered, or given to a setting they see; all, region-wide."""
    if not _may_see_settings(user) or user.organisation is None:
        return Training.objects.none()
    if user.organisation.area_id is None:
        return Training.objects.all()
    seen = Training.for_settings.through.objects.filter(
        training_id=OuterRef("pk"), organisation__area_id=user.organisation.area_id
    )
    return Training.objects.filter(Q(delivered_by_id=user.organisation_id) | Exists(seen))


def training_or_404(user, pk) -> Training:
    return get_object_or_404(trainings_visible_to(user).select_related("delivered_by"), pk=pk)


def champion_or_404(user, pk) -> Champion:
    champion = get_object_or_404(Champion.objects.select_related("setting"), pk=pk)
    setting_or_404(user, champion.setting_id)
    return champion


# ---------------------------------------------------------------- counting


def _identified(since: datetime.datetime | None):
    """Carers each setting identified (a subquery on the setting's pk): distinct carers among the
    contacts that name it and the referrals it sent through Carers Hub (a carer in both counted
    once), plus contacts from callers not yet linked to a record."""
    contacts = Contact.objects.filter(source_organisation=OuterRef("pk"))
    referred = referral_services.referrals_from(OuterRef("pk"))
    if since is not None:
        contacts = contacts.filter(received_at__gte=since)
        referred = referred.filter(sent_at__gte=since)
    also_a_contact = Contact.objects.filter(source_organisation=OuterRef("from_organisation"), person=OuterRef("person"))
    if since is not None:
        also_a_contact = also_a_contact.filter(received_at__gte=since)
    referred = referred.exclude(Exists(also_a_contact))

    def counted(queryset, group, expression):
        rows = queryset.order_by().values(group).annotate(n=expression).values("n")[:1]
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    linked = counted(contacts.filter(person__isnull=False), "source_organisation", Count("person", distinct=True))
    unlinked = counted(contacts.filter(person__isnull=True), "source_organisation", Count("pk"))
    only_referred = counted(referred, "from_organisation", Count("person", distinct=True))
    return linked + unlinked + only_referred


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def with_status(settings, today: datetime.date):
    """Settings annotated with ``last_engaged`` (engagement or training), ``committed_until``/``committed``
    and ``identified`` (carers identified in the last 12 months)."""
    last_engagement = Engagement.objects.filter(setting=OuterRef("pk"), date__lte=today).order_by("-date").values("date")[:1]
    last_training = (
        Training.for_settings.through.objects.filter(organisation_id=OuterRef("pk"), training__date__lte=today)
        .order_by("-training__date")
        .values("training__date")[:1]
    )
    commitment = Engagement.objects.filter(
        setting=OuterRef("pk"), kind=EngagementKind.COMMITMENT, date__lte=today
    ).filter(Q(commitment_until__isnull=True) | Q(commitment_until__gte=today))
    since = coverage.engaged_since(today)
    return settings.annotate(
        engagement_on=Subquery(last_engagement),
        training_on=Subquery(last_training),
        committed_on=Subquery(commitment.order_by("-date").values("date")[:1]),
        identified=_identified(_start_of_day(since)),
    ).annotate(
        # Greatest is NULL on PostgreSQL if either is NULL and ignores NULLs on SQLite: coalesce both.
        last_engaged=Greatest(
            Coalesce("engagement_on", "training_on"), Coalesce("training_on", "engagement_on")
        ),
    )


@dataclass(frozen=True)
class Coverage:
    area: object  # Area or None
    kind: str
    engaged: int
    total: int

    @property
    def kind_plural(self):
        return KIND_PLURAL[self.kind]


def coverage_of(rows, today: datetime.date) -> list[Coverage]:
    """Engaged of all active settings, per area and kind, from annotated settings (with_status)."""
    tally: dict = {}
    for row in rows:
        if not row.is_active or row.kind not in SETTING_KINDS:
            continue
        key = (row.area, row.kind)
        engaged, total = tally.get(key, (0, 0))
        tally[key] = (engaged + coverage.is_engaged(row.last_engaged, today), total + 1)
    order = {kind: i for i, kind in enumerate(SETTING_KINDS)}
    return [
        Coverage(area=area, kind=kind, engaged=engaged, total=total)
        for (area, kind), (engaged, total) in sorted(
            tally.items(), key=lambda item: (item[0][0].name if item[0][0] else "", order[item[0][1]])
        )
    ]


def identified_by_quarter(setting, today: datetime.date, quarters: int = QUARTERS_SHOWN) -> dict:
    """{first day of quarter: carers identified}, newest first, over the last ``quarters`` quarters:
    from the contacts naming the setting and the referrals it sent."""
    starts = coverage.last_quarters(today, quarters)
    since = _start_of_day(starts[-1])
    contacts = Contact.objects.filter(source_organisation=setting, received_at__gte=since).values_list(
        "person_id", "received_at"
    )
    referred = referral_services.referrals_from(setting).filter(sent_at__gte=since).values_list("person_id", "sent_at")
    rows = [*contacts, *referred]
    return coverage.carers_identified(((person, timezone.localdate(at)) for person, at in rows), starts)


def identified_all_time(setting) -> int:
    contacts = Contact.objects.filter(source_organisation=setting)
    people = set(contacts.filter(person__isnull=False).values_list("person_id", flat=True).distinct())
    people |= set(referral_services.referrals_from(setting).values_list("person_id", flat=True).distinct())
    return len(people) + contacts.filter(person__isnull=True).count()


def engagements(setting):
    return Engagement.objects.filter(setting=setting).select_related("organisation", "recorded_by")


def champions(setting):
    return Champion.objects.filter(setting=setting)


def trainings_for(setting):
    return Training.objects.filter(for_settings=setting).select_related("delivered_by")


# ---------------------------------------------------------------- settings


def fingerprint(setting: Organisation) -> str:
    """A short digest of what the setting form changes: the version it was shown at (Organisation has no
    version column of its own)."""
    values = "\x1f".join(str(v) for v in (setting.name, setting.kind, setting.area_id, setting.ods_code, setting.is_active))
    return hashlib.sha256(values.encode()).hexdigest()[:16]


def _check_unique(*, name, kind, ods_code, exclude=None):
    others = Organisation.objects.exclude(pk=exclude) if exclude else Organisation.objects.all()
    if others.filter(name__iexact=name, kind=kind).exists():
        raise Refused("name_taken", "name")
    if ods_code:
        taken = others.filter(ods_code__iexact=ods_code).first()
        if taken is not None:
            raise Refused("ods_taken", "ods_code", name=taken.name)


@transaction.atomic
def create_setting(*, actor, name, kind, area, ods_code="") -> Organisation:
    _check_unique(name=name, kind=kind, ods_code=ods_code)
    try:
        with transaction.atomic():
            return Organisation.objects.create(
                name=name, kind=kind, area=area, ods_code=ods_code, sector=SECTOR_OF_KIND[kind]
            )
    except IntegrityError:  # the same name and kind added at the same moment
        raise Refused("name_taken", "name") from None


@transaction.atomic
def update_setting(setting, *, expected: str, actor, name, kind, area, ods_code, is_active) -> Organisation:
    locked = Organisation.objects.select_for_update().get(pk=setting.pk)
    if fingerprint(locked) != expected:
        raise StaleRecordError
    _check_unique(name=name, kind=kind, ods_code=ods_code, exclude=locked.pk)
    locked.name, locked.kind, locked.area, locked.ods_code, locked.is_active = name, kind, area, ods_code, is_active
    try:
        with transaction.atomic():
            locked.save(update_fields=["name", "kind", "area", "ods_code", "is_active"])
    except IntegrityError:
        raise Refused("name_taken", "name") from None
    return locked


# ---------------------------------------------------------------- engagement, champions, training


@transaction.atomic
def record_engagement(setting, *, actor, date, kind, unit="", with_whom="", notes="", commitment_until=None) -> Engagement:
    if kind != EngagementKind.COMMITMENT:
        commitment_until = None
    elif commitment_until is not None and commitment_until < date:
        raise Refused("until_before_date", "commitment_until")
    engagement = Engagement.objects.create(
        setting=setting, date=date, kind=kind, unit=unit, with_whom=with_whom, notes=notes,
        commitment_until=commitment_until, recorded_by=actor, organisation_id=actor.organisation_id,
    )
    # The event's organisation is the worker's (record_event); the setting is in its data.
    record_event(
        EventKind.SETTING_ENGAGED, actor=actor, obj=engagement,
        data={"setting_id": setting.pk, "setting_kind": setting.kind, "kind": kind, "setting_area_id": setting.area_id},
    )
    return engagement


@transaction.atomic
def add_champion(setting, *, actor, **fields) -> Champion:
    return Champion.objects.create(setting=setting, created_by=actor, **fields)


@transaction.atomic
def update_champion(champion, *, expected_version: int, actor, **fields) -> Champion:
    claim_version(champion, expected_version)
    for name, value in fields.items():
        setattr(champion, name, value)
    champion.save(update_fields=[*fields])
    return champion


@transaction.atomic
def record_training(*, actor, date, title, for_settings, delivered_by, attending, trainer="", roles=(), notes="") -> Training:
    training = Training.objects.create(
        date=date, title=title, delivered_by=delivered_by, trainer=trainer, attending=attending, roles=sorted(roles),
        notes=notes, recorded_by=actor,
    )
    training.for_settings.set(for_settings)
    record_event(
        EventKind.TRAINING_DELIVERED, actor=actor, obj=training,
        data={"attending": attending, "setting_ids": sorted(s.pk for s in for_settings), "roles": sorted(roles)},
    )
    return training


# ---------------------------------------------------------------- the home page


def home_items(user):
    """A shortcut to the settings (no query: the counts are on the page itself)."""
    if not user.has_perm(VIEW_SETTINGS):
        return []
    return [Shortcut(reverse("identification:settings"), _("Carers identified in settings"), order=60)]
