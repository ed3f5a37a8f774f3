"""The Open Referral UK 3.0 API: public, read-only JSON over the directory (decision 35).

Every response (errors too) carries ``Access-Control-Allow-Origin: *`` (UK profile, "Security").
Lists are pages: ``total_items, total_pages, page_number, size, first_page, last_page, empty,
contents``. An unknown id answers 404 JSON; a filter value that cannot be read answers 400 JSON,
naming the parameter. A page costs a fixed number of queries (tests/directory/test_oruk.py).
Only active services are published (an inactive, defunct or closed one is the publisher's
business, not the public's); terms and taxonomies are all published.
"""

import math
import re
import uuid
from datetime import datetime, time
from datetime import timezone as dt_timezone

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from carershub.directory import services as directory
from carershub.directory import vocabulary
from carershub.directory.models import (
    Attribute,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from carershub.directory.oruk import openapi, serialise

PROFILE_URL = "https://openreferraluk.org/"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 1_000_000
# What the OpenAPI document allows for ``postcode`` (openapi.POSTCODE_PATTERN): a postcode, district or area.
POSTCODE_LIKE = re.compile(openapi.POSTCODE_PATTERN)
DAY_NAMES = {
    "monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR", "saturday": "SA", "sunday": "SU",
}


class BadParameter(ValueError):
    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


def _json(data, status=200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status: int, message: str, parameter: str | None = None) -> JsonResponse:
    body = {"status": status, "message": message}
    if parameter:
        body["parameter"] = parameter
    return _json(body, status=status)


def api(view):
    """GET only (405 JSON otherwise), CORS on every answer, a bad parameter answered 400.

    Exempt from CSRF: nothing here changes anything or reads a session, and another method must
    answer 405 (the contract), not the CSRF check's 403.
    """

    @csrf_exempt
    def wrapper(request, *args, **kwargs):
        if request.method != "GET":
            response = _error(405, "This API is read-only: use GET")
            response["Allow"] = "GET"
            return response
        try:
            return view(request, *args, **kwargs)
        except BadParameter as bad:
            return _error(400, bad.message, bad.name)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# --- reading parameters -------------------------------------------------------------------------


def _int(request, name, *, default=None, low=None, high=None):
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not re.fullmatch(r"[+-]?\d{1,9}", raw.strip()):
        raise BadParameter(name, f"{name} must be a whole number")
    value = int(raw)
    if low is not None and value < low or high is not None and value > high:
        raise BadParameter(name, f"{name} must be from {low} to {high}")
    return value


def _number(request, name):
    raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a number") from None
    if not math.isfinite(value) or not 0 <= value <= 200:
        raise BadParameter(name, f"{name} must be from 0 to 200")
    return value


def _uuid(request, name):
    raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a UUID") from None


def _time(request, name):
    raw = request.GET.get(name)
    if raw is None:
        return None
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?", raw.strip())
    if not match:
        raise BadParameter(name, f"{name} must be a time like 09:30")
    return time(int(match[1]), int(match[2]), int(match[3] or 0))


def _day(request):
    if "day" not in request.GET:
        return None
    raw = request.GET["day"].strip()
    code = DAY_NAMES.get(raw.lower(), raw.upper())
    if code not in vocabulary.DAYS:
        raise BadParameter("day", "day must be a day of the week, like monday or MO")
    return code


def _datetime(request, name):
    if name not in request.GET:
        return None
    raw = request.GET[name].strip()
    try:
        value = parse_datetime(raw)
        if value is None:
            day = datetime.strptime(raw, "%Y-%m-%d")
            value = day
    except ValueError:
        raise BadParameter(name, f"{name} must be a date and time like 2026-01-31T09:00:00Z") from None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        # In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 text may carry.
        return value.astimezone(dt_timezone.utc)
    except (ValueError, OverflowError):
        raise BadParameter(name, f"{name} must be a date and time like 2026-01-31T09:00:00Z") from None


def _text(request, name, limit=200):
    raw = request.GET.get(name) or ""
    if len(raw) > limit:
        raise BadParameter(name, f"{name} must be at most {limit} characters")
    return raw.strip()


# --- pages ----------------------------------------------------------------------------------------


def _page(request, queryset, render) -> JsonResponse:
    page = _int(request, "page", default=1, low=1, high=MAX_PAGE)
    per_page = _int(request, "per_page", default=DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE)
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    start = (page - 1) * per_page
    rows = list(queryset[start : start + per_page]) if start < total else []
    return _json(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(rows),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": total == 0,
            "contents": [render(row) for row in rows],
        }
    )


def _service_filters(request, services):
    """The standard's service filters on a Service queryset (or a ServiceAtLocation one, via ``prefix``)."""
    text = _text(request, "search") or _text(request, "text")
    term_id = _uuid(request, "taxonomy_term_id")
    taxonomy_id = _uuid(request, "taxonomy_id")
    organization_id = _uuid(request, "organization_id")
    minimum_age = _number(request, "minimum_age")
    maximum_age = _number(request, "maximum_age")
    start_time = _time(request, "start_time")
    end_time = _time(request, "end_time")
    day = _day(request)
    modified_after = _datetime(request, "modified_after")
    if "postcode" in request.GET:
        postcode = request.GET["postcode"]
        if len(postcode) > 12 or not POSTCODE_LIKE.fullmatch(postcode):
            raise BadParameter("postcode", "postcode must be a postcode, a postcode district or a postcode area")
        try:
            services = services.filter(pk__in=directory.search(postcode=postcode).values("pk"))
        except directory.UnknownPlace:
            # Shaped like a postcode but not one we can read: no service covers it.
            services = services.none()
    for word in text.lower().split()[:10]:
        services = services.filter(search_text__contains=word)
    if term_id:
        services = services.filter(Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term_id=term_id)))
    if taxonomy_id:
        services = services.filter(
            Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term__taxonomy_id=taxonomy_id))
        )
    if organization_id:
        services = services.filter(organization_id=organization_id)
    # "Return services with a minimum age of at least the specified value" / "a maximum age ...
    # equal to or below": the standard's parameter descriptions, taken as written.
    if minimum_age is not None:
        services = services.filter(minimum_age__gte=minimum_age)
    if maximum_age is not None:
        services = services.filter(maximum_age__lte=maximum_age)
    if start_time or end_time or day:
        schedules = Schedule.objects.filter(Q(service=OuterRef("pk")) | Q(service_at_location__service=OuterRef("pk")))
        if start_time:
            schedules = schedules.filter(opens_at__gte=start_time)
        if end_time:
            schedules = schedules.filter(closes_at__lte=end_time)
        if day:
            schedules = schedules.filter(byday__regex=rf"(^|,)\s*[-+0-9]*{day}\s*(,|$)")
        services = services.filter(Exists(schedules))
    if modified_after:
        services = services.filter(last_modified__gte=modified_after)
    return services


def _id(value):
    """A path id as a UUID, or None (answered 404 like an unknown one: ids are UUIDs)."""
    try:
        return uuid.UUID(value)
    except (ValueError, TypeError):
        return None


def _published():
    return Service.objects.filter(status=ServiceStatus.ACTIVE)


def _nested(queryset):
    return queryset.select_related("organization").prefetch_related(
        "schedules",
        "service_areas__area",
        "languages",
        "funding",
        "cost_options",
        "phones",
        "contacts__phones",
        Prefetch("attributes", queryset=Attribute.objects.select_related("taxonomy_term__taxonomy")),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                "location__addresses", "location__accessibility"
            ),
        ),
    )


@api
def index(request):
    """About this API: HSDS version, profile, and where its OpenAPI document is."""
    return _json(
        {
            "version": "3.0",
            "profile": PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
        }
    )


@api
def openapi_document(request):
    return _json(openapi.document(request.build_absolute_uri(reverse("oruk:index")).rstrip("/")))


@api
def services(request):
    queryset = _service_filters(request, _published()).select_related("organization").order_by("name", "id")
    return _page(request, queryset, serialise.service_list_item)


@api
def service(request, id):
    found = _nested(_published()).filter(pk=_id(id)).first() if _id(id) else None
    if found is None:
        return _error(404, "No service has that id")
    return _json(serialise.service_nested(found))


@api
def service_at_locations(request):
    service_ids = _service_filters(request, _published()).values("pk")
    queryset = (
        ServiceAtLocation.objects.filter(service_id__in=service_ids)
        .select_related("location", "service__organization")
        .order_by("service__name", "id")
    )
    return _page(request, queryset, serialise.service_at_location_list_item)


@api
def service_at_location(request, id):
    found = (
        ServiceAtLocation.objects.filter(pk=_id(id), service__status=ServiceStatus.ACTIVE)
        .select_related("location")
        .prefetch_related("location__addresses", "location__accessibility")
        .first()
        if _id(id)
        else None
    )
    if found is None:
        return _error(404, "No service at a location has that id")
    found.service = _nested(Service.objects.all()).get(pk=found.service_id)
    return _json(serialise.service_at_location_nested(found))


@api
def taxonomies(request):
    return _page(request, Taxonomy.objects.order_by("name", "id"), serialise.taxonomy)


@api
def taxonomy(request, id):
    found = Taxonomy.objects.filter(pk=_id(id)).first() if _id(id) else None
    if found is None:
        return _error(404, "No taxonomy has that id")
    return _json(serialise.taxonomy(found, terms=found.terms.order_by("name", "id")))


@api
def taxonomy_terms(request):
    queryset = TaxonomyTerm.objects.select_related("taxonomy").order_by("name", "id")
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id:
        queryset = queryset.filter(taxonomy_id=taxonomy_id)
    parent_id = _uuid(request, "parent_id")
    if parent_id:
        queryset = queryset.filter(parent_id=parent_id)
    return _page(request, queryset, serialise.taxonomy_term)


@api
def taxonomy_term(request, id):
    found = TaxonomyTerm.objects.select_related("taxonomy").filter(pk=_id(id)).first() if _id(id) else None
    if found is None:
        return _error(404, "No taxonomy term has that id")
    return _json(serialise.taxonomy_term(found))


@api
def not_found(request, rest=""):
    return _error(404, "No such endpoint")

