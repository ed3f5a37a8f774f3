"""What other apps ask of the directory: search it, find who a referral to a service goes to, describe a
service for a letter or a list; and the change proposals partners make and administrators decide.

The directory sits in layer 3: it knows organisations and users, never people. A page that searches
from a carer's record passes the record's ids through untouched (views.py).
"""

import re
from dataclasses import dataclass
from datetime import time as Time
from uuid import UUID

from django.db import transaction
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone

from carershub.core import ukdata
from carershub.core.locking import StaleRecordError, claim_version, update_if
from carershub.directory import changes as change_rules
from carershub.directory import vocabulary
from carershub.directory.models import (
    Address,
    Attribute,
    ChangeProposal,
    DirectoryOrganisation,
    ProposalStatus,
    Schedule,
    Service,
    ServiceArea,
    ServiceChange,
    ServiceStatus,
    TaxonomyTerm,
)
from carershub.partnership.models import Area, Organisation, PostcodeDistrict

__all__ = [
    "search",
    "referable_organisation",
    "describe",
    "for_display",
    "StaleRecordError",
]


# --- search -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """What a "postcode area" box was read as: the prefixes and council area services are matched by."""

    prefixes: tuple[str, ...]  # most specific first: "CF37 1", "CF37", "CF"
    outward: str  # a district ("CF37"), or "" for a postcode area or a council
    letters: str  # the postcode area ("CF"), or ""
    area: Area | None


class UnknownPlace(ValueError):
    """The postcode area box held neither a postcode, a district, a postcode area nor a council's name."""


def read_place(text: str) -> Place | None:
    """A full postcode, an outward code ("CF37"), a postcode area ("CF") or a council area's name."""
    text = (text or "").strip()
    if not text:
        return None
    prefixes = ukdata.postcode_prefixes(text)
    if prefixes:
        outward = ukdata.postcode_outward(text)
        letters = prefixes[-1]
        area = _area_for_prefixes(prefixes)
        return Place(tuple(prefixes), outward, letters, area)
    try:
        prefix = ukdata.normalise_postcode_prefix(text)
    except ukdata.ValidationProblem:
        prefix = None
    if prefix and " " not in prefix:
        letters = re.match(r"[A-Z]+", prefix).group(0)
        prefixes = (prefix,) if prefix == letters else (prefix, letters)
        return Place(prefixes, "" if prefix == letters else prefix, letters, _area_for_prefixes(list(prefixes)))
    area = Area.objects.filter(name__iexact=text).first()
    if area is None:
        raise UnknownPlace(text)
    return Place((), "", "", area)


def _area_for_prefixes(prefixes: list[str]) -> Area | None:
    rows = {row.prefix: row.area for row in PostcodeDistrict.objects.filter(prefix__in=prefixes).select_related("area")}
    for prefix in prefixes:
        if prefix in rows:
            return rows[prefix]
    return None


def _term_ids(term) -> list[UUID]:
    """The term and its children (one level: our taxonomies are flat, an imported one may not be)."""
    if term is None:
        return []
    term_id = term.pk if isinstance(term, TaxonomyTerm) else UUID(str(term))
    return [term_id, *TaxonomyTerm.objects.filter(parent_id=term_id).values_list("pk", flat=True)]


def search(
    *,
    text: str = "",
    term=None,
    postcode: str = "",
    age: int | None = None,
    day: str | int | None = None,
    time: Time | None = None,
    carer_group: str = "",
    include_inactive: bool = False,
):
    """Services matching every criterion given, best first (a queryset).

    text: every word in the name, description or organisation's name. term: a TaxonomyTerm or its id
    (a need; its children count too). postcode: read by read_place (raises UnknownPlace); a service
    matches where one of its service areas names the place's prefixes or council area, or one of its
    addresses is in the district (or postcode area), or it lists no service area and no location
    (region-wide, online or by phone); local matches come first. age: within minimum_age/maximum_age.
    day: "MO".."SU" or 0-6 (Monday 0); time: open then (opens_at <= time < closes_at), on that day if
    given. carer_group: a code of vocabulary.CARER_GROUPS; a service with no carer group is for all.
    """
    qs = Service.objects.all()
    if not include_inactive:
        qs = qs.filter(status=ServiceStatus.ACTIVE)
    rank = []
    words = [w.lower() for w in (text or "").split()][:10]
    for word in words:
        qs = qs.filter(search_text__contains=word)
    if words:
        rank.append(When(name__icontains=words[0], then=Value(2)))
    if term is not None:
        qs = qs.filter(Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term_id__in=_term_ids(term))))
    if carer_group:
        group_id = vocabulary.carer_group(carer_group)
        group_terms = TaxonomyTerm.objects.filter(taxonomy_id=vocabulary.taxonomy_id(vocabulary.GROUPS_TAXONOMY))
        qs = qs.filter(
            Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term_id=group_id))
            | ~Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term__in=group_terms))
        )
    place = read_place(postcode)
    if place is not None:
        local_area = Q(area=place.area) if place.area else Q(pk__in=[])
        area_match = ServiceArea.objects.filter(Q(postcode_prefix__in=place.prefixes) | local_area, service=OuterRef("pk"))
        if place.outward:
            address_q = Q(outward_code=place.outward)
        elif place.letters:
            address_q = Q(outward_code__regex=rf"^{place.letters}[0-9]")
        else:
            address_q = Q(pk__in=[])
        address_match = Address.objects.filter(address_q, location__service_at_locations__service=OuterRef("pk"))
        local = Exists(area_match) | Exists(address_match)
        everywhere = ~Exists(ServiceArea.objects.filter(service=OuterRef("pk"))) & ~Exists(
            Address.objects.filter(location__service_at_locations__service=OuterRef("pk"))
        )
        qs = qs.filter(local | everywhere).annotate(_local=Case(When(local, then=Value(1)), default=Value(0)))
        rank.append(When(_local=1, then=Value(1)))
    if age is not None:
        qs = qs.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age), Q(maximum_age__isnull=True) | Q(maximum_age__gte=age))
    if day is not None or time is not None:
        qs = qs.filter(Exists(_open_schedules(day, time).filter(Q(service=OuterRef("pk")) | Q(service_at_location__service=OuterRef("pk")))))
    if rank:
        qs = qs.annotate(_rank=sum((Case(w, default=Value(0), output_field=IntegerField()) for w in rank), Value(0)))
        return qs.order_by("-_rank", "name", "id")
    return qs.order_by("name", "id")


def _day_code(day) -> str:
    if isinstance(day, int):
        return vocabulary.DAYS[day]
    code = str(day).upper()[:2]
    if code not in vocabulary.DAYS:
        raise ValueError(day)
    return code


def _open_schedules(day, time):
    schedules = Schedule.objects.all()
    today = timezone.localdate()
    schedules = schedules.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    if day is not None:
        # BYDAY holds "MO,WE" or "1TU" (first Tuesday): the code ends each item.
        schedules = schedules.filter(byday__regex=rf"(^|,)\s*[-+0-9]*{_day_code(day)}\s*(,|$)")
    if time is not None:
        schedules = schedules.filter(opens_at__lte=time, closes_at__gt=time)
    return schedules


def for_display(queryset):
    """The queryset with what a results list shows, in a fixed number of queries."""
    return queryset.select_related("organization", "organisation").prefetch_related(
        "schedules",
        "cost_options",
        "languages",
        "phones",
        "service_areas",
        Prefetch("attributes", queryset=Attribute.objects.select_related("taxonomy_term")),
        "service_at_locations__location__addresses",
    )


# --- for other apps ---------------------------------------------------------------------------


def referable_organisation(service: Service) -> Organisation | None:
    """The partnership organisation a referral to this service goes to, or None.

    None when the service is run by nobody in the partnership (signpost, do not refer), when it is not
    active, or when its organisation is a commissioning body: a health board or integrated care board
    buys services, it does not take referrals (issue 11).
    """
    if service is None or not service.organisation_id or service.status != ServiceStatus.ACTIVE:
        return None
    organisation = service.organisation
    if organisation.kind == Organisation.Kind.HEALTH_BOARD or not organisation.is_active:
        return None
    return organisation


def describe(service: Service, language: str = "en") -> dict:
    """A small dict for a letter or a list: name, organisation, phone, email, url, address (one line).

    ORUK holds no Welsh, so ``language`` changes nothing yet; it is here so callers need not change
    when the directory gains Welsh names.
    """
    phone = next(iter(service.phones.all()), None)
    address = None
    for sal in service.service_at_locations.all():
        address = next(iter(sal.location.addresses.all()), None)
        if address:
            break
    return {
        "id": str(service.pk),
        "name": service.name,
        "organisation": service.organization.name if service.organization_id else "",
        "phone": ukdata.format_phone(phone.number) if phone and _is_phone(phone.number) else (phone.number if phone else ""),
        "email": service.email or (service.organization.email if service.organization_id else ""),
        "url": service.url or (service.organization.website if service.organization_id else ""),
        "address": str(address) if address else "",
    }


def _is_phone(number: str) -> bool:
    try:
        ukdata.normalise_phone(number)
    except ukdata.ValidationProblem:
        return False
    return True


def get(service_id) -> Service | None:
    """A service by id (a UUID or its text), or None: what other apps use to read ``?service=``."""
    try:
        pk = UUID(str(service_id))
    except (TypeError, ValueError, AttributeError):
        return None
    return Service.objects.select_related("organization", "organisation").filter(pk=pk).first()


def services_of(organisation: Organisation):
    """The active services a partnership organisation runs (for a partner's pages, a referral form)."""
    return Service.objects.filter(organisation=organisation, status=ServiceStatus.ACTIVE).order_by("name", "id")


# --- change proposals ---------------------------------------------------------------------------


class NotYours(PermissionError):
    """The user's organisation does not run that service."""


def organisation_of(user) -> DirectoryOrganisation | None:
    """The directory organisation of the user's partnership organisation (made on first proposal)."""
    if not user.organisation_id:
        return None
    found = DirectoryOrganisation.objects.filter(partner_id=user.organisation_id).order_by("name", "id").first()
    return found


def may_propose_for(user, service: Service | None) -> bool:
    if not user.organisation_id:
        return False
    if service is None:
        return True
    return service.organisation_id == user.organisation_id


@transaction.atomic
def propose(*, actor, service: Service | None, changes: dict, note: str = "") -> ChangeProposal:
    """A partner proposes new values for a service of their own organisation, or a new service."""
    if not may_propose_for(actor, service):
        raise NotYours
    organization = service.organization if service else organisation_of(actor)
    if organization is None:
        organisation = actor.organisation
        organization = DirectoryOrganisation.objects.create(
            name=organisation.name, description=organisation.name, partner=organisation
        )
    current = change_rules.snapshot(service) if service else {}
    changes = {k: v for k, v in change_rules.clean_values(changes).items() if current.get(k) != v}
    return ChangeProposal.objects.create(
        service=service,
        organization=organization,
        changes=changes,
        against_version=service.version if service else None,
        note=note,
        proposed_by=actor,
    )


@transaction.atomic
def approve(proposal: ChangeProposal, *, actor, expected_version: int) -> Service:
    """Apply a proposal in one transaction; StaleRecordError if the service changed since it was proposed."""
    claim_version(proposal, expected_version, status=ProposalStatus.PROPOSED)
    values = change_rules.to_model_values(proposal.changes)
    if proposal.service_id is None:
        service = Service(organization=proposal.organization, **values)
        service.save()
        before = {}
        how = "created"
    else:
        service = Service.objects.select_related("organization").get(pk=proposal.service_id)
        before = change_rules.snapshot(service)
        # The service must still be the version the proposal was made against (decision 8).
        update_if(Service, service.pk, expect={"version": proposal.against_version}, version=F("version") + 1)
        for field, value in values.items():
            setattr(service, field, value)
        service.version = proposal.against_version + 1
        service.last_modified = timezone.now()
        service.save()
        how = "proposal"
    now = timezone.now()
    ChangeProposal.objects.filter(pk=proposal.pk).update(
        status=ProposalStatus.APPROVED, decided_by=actor, decided_at=now, service=service
    )
    ServiceChange.objects.create(
        service=service, proposal=proposal, changed_by=actor, changed_at=now, how=how, before=before,
        after=change_rules.snapshot(service),
    )
    return service


@transaction.atomic
def reject(proposal: ChangeProposal, *, actor, reason: str, expected_version: int) -> None:
    claim_version(proposal, expected_version, status=ProposalStatus.PROPOSED)
    ChangeProposal.objects.filter(pk=proposal.pk).update(
        status=ProposalStatus.REJECTED, decided_by=actor, decided_at=timezone.now(), reason=reason
    )


def pending_proposals():
    return ChangeProposal.objects.filter(status=ProposalStatus.PROPOSED).select_related(
        "service", "organization", "proposed_by"
    )


# --- making services (the demo, tests, the admin's shell) --------------------------------------


def directory_organisation_for(partner: Organisation) -> DirectoryOrganisation:
    """The directory organisation of a partner, made the first time."""
    found = DirectoryOrganisation.objects.filter(partner=partner).order_by("name", "id").first()
    return found or DirectoryOrganisation.objects.create(name=partner.name, description=partner.name, partner=partner)


def ensure_taxonomies() -> None:
    """Make the directory's own taxonomies if they are missing (migration 0002 makes them; a database
    flushed since, as between transactional tests, has lost them). One query when they are there."""
    from carershub.directory.models import Taxonomy

    wanted = {vocabulary.term_id(t, code) for t, terms in vocabulary.TERMS.items() for code in terms}
    if TaxonomyTerm.objects.filter(pk__in=wanted).count() == len(wanted):
        return
    for code, (name, description) in vocabulary.TAXONOMIES.items():
        taxonomy, _ = Taxonomy.objects.get_or_create(
            id=vocabulary.taxonomy_id(code), defaults={"name": name, "description": description, "version": "1"}
        )
        for term_code, term_name in vocabulary.TERMS[code].items():
            TaxonomyTerm.objects.get_or_create(
                id=vocabulary.term_id(code, term_code),
                defaults={"taxonomy": taxonomy, "name": term_name, "description": term_name, "code": term_code},
            )


@transaction.atomic
def add_service(
    *,
    organization: DirectoryOrganisation,
    name: str,
    description: str = "",
    needs: list[str] = (),
    carer_groups: list[str] = (),
    schedules: list[dict] = (),
    address: dict | None = None,
    location_name: str = "",
    areas: list[Area] = (),
    postcode_prefixes: list[str] = (),
    phone: str = "",
    languages: list[tuple[str, str]] = (("en", "English"),),
    costs: list[dict] = (),
    actor=None,
    **fields,
) -> Service:
    """A service with its terms, schedules, one location, areas, phone, languages and costs, and its history."""
    from carershub.directory.models import Address as AddressModel
    from carershub.directory.models import CostOption, Language, Location, Phone, ServiceAtLocation

    if needs or carer_groups:
        ensure_taxonomies()
    service = Service(organization=organization, name=name, description=description, **fields)
    service.save()
    for code in needs:
        Attribute.objects.create(service=service, taxonomy_term_id=vocabulary.need(code))
    for code in carer_groups:
        Attribute.objects.create(service=service, taxonomy_term_id=vocabulary.carer_group(code))
    if address:
        location = Location.objects.create(name=location_name or address.get("address_1", ""))
        AddressModel.objects.create(location=location, **address)
        ServiceAtLocation.objects.create(service=service, location=location)
    for spec in schedules:
        Schedule.objects.create(service=service, freq=spec.pop("freq", "WEEKLY"), **spec)
    for area in areas:
        ServiceArea.objects.create(service=service, area=area, name=area.name)
    for prefix in postcode_prefixes:
        prefix = ukdata.normalise_postcode_prefix(prefix)
        ServiceArea.objects.create(service=service, postcode_prefix=prefix, name=prefix)
    if phone:
        Phone.objects.create(service=service, number=phone)
    for code, language_name in languages:
        Language.objects.create(service=service, code=code, name=language_name)
    for cost in costs:
        CostOption.objects.create(service=service, **cost)
    ServiceChange.objects.create(
        service=service, changed_by=actor, how="created", before={}, after=change_rules.snapshot(service)
    )
    return service


def home_items(user):
    """The home page: a way into the directory, and for administrators the changes waiting."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from carershub.core.workqueues import Shortcut, WorkQueue
    from carershub.directory.rules import DECIDE_PROPOSALS, VIEW_DIRECTORY

    if not user.has_perm(VIEW_DIRECTORY):
        return []
    items = [Shortcut(reverse("directory:search"), _("Find a service in the directory"), order=44)]
    if user.has_perm(DECIDE_PROPOSALS):
        items.append(WorkQueue(reverse("directory:proposals"), _("Changes to the directory waiting for approval"),
                               pending_proposals().count(), order=44))
    return items
