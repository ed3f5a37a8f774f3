"""Load another directory's Open Referral UK 3.0 feed into ours, idempotently (decision 35).

Records keep the feed's UUIDs. Each service is checked (the UK profile's required fields and types,
and our own limits), then written in its own savepoint: a service whose JSON is the same as last time
(a SHA-256 of it, canonical) is "unchanged"; otherwise its fields are updated and its schedules,
areas, locations, languages, costs, contacts, phones, funding and attributes replaced by the feed's
("changed", or "added" the first time). A rejected service changes nothing and is reported with the
reason. A feed cannot overwrite a service kept in Carers Hub (an id clash is rejected).

From a URL: only http and https; pages of ``/services?page=N&per_page=100`` with a timeout and a cap
on each answer's size and on the number of pages; a service listed without its nested records is
fetched from ``/services/{id}``.
"""

import hashlib
import json
import re
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from carershub.directory import changes as change_rules
from carershub.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    DirectoryOrganisation,
    Funding,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceChange,
    ServiceStatus,
    Source,
    Taxonomy,
    TaxonomyTerm,
)

TIMEOUT_SECONDS = 15
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
MAX_PAGES = 200
PER_PAGE = 100
STATUSES = {choice.value for choice in ServiceStatus}
LOCATION_TYPES = {"physical", "postal", "virtual"}


class FeedError(Exception):
    """The feed as a whole could not be read (not JSON, too big, not reachable, not http(s))."""


class Rejected(Exception):
    """One service of the feed is refused; the message says why."""


@dataclass
class Report:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (service id or position, reason)

    def as_dict(self):
        return {"added": self.added, "changed": self.changed, "unchanged": self.unchanged, "rejected": self.rejected}


# --- reading the feed -------------------------------------------------------------------------------


def _fetch(url: str):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedError("Only http and https addresses can be read")
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "CarersHub-ORUK-import"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (scheme checked)
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except (OSError, ValueError) as problem:
        raise FeedError(f"Could not read {url}: {problem}") from None
    if len(body) > MAX_RESPONSE_BYTES:
        raise FeedError(f"{url} answered more than {MAX_RESPONSE_BYTES // (1024 * 1024)} MB")
    return _parse(body)


def _parse(body: bytes):
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise FeedError("The feed is not JSON") from None


def services_in(data) -> list:
    """The services in a file: a page envelope ({"contents": [...]}), a list, or one service."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return data["contents"]
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and "id" in data:
        return [data]
    raise FeedError("The file holds no services: expected a page of services, a list of them, or one")


def read_url(base: str, fetch=_fetch) -> list:
    """Every service of the feed at ``base`` (its API root), fully nested."""
    base = base.rstrip("/")
    found = []
    for page in range(1, MAX_PAGES + 1):
        data = fetch(f"{base}/services?page={page}&per_page={PER_PAGE}")
        items = services_in(data)
        for item in items:
            if isinstance(item, dict) and "schedules" not in item and _is_uuid(item.get("id")):
                try:
                    item = fetch(f"{base}/services/{item['id']}")
                except FeedError as problem:
                    item = {"id": item.get("id"), "_problem": str(problem)}
            found.append(item)
        if not items or not isinstance(data, dict) or data.get("last_page", True) or page >= int(data.get("total_pages") or 1):
            break
    else:
        raise FeedError(f"The feed has more than {MAX_PAGES} pages")
    return found


def read_source(source: str, fetch=_fetch) -> list:
    """A URL (http/https) or the path of a JSON file."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        return read_url(source, fetch=fetch)
    try:
        with open(source, "rb") as handle:
            body = handle.read(MAX_RESPONSE_BYTES * 10 + 1)
    except OSError as problem:
        raise FeedError(f"Could not read {source}: {problem.strerror}") from None
    if len(body) > MAX_RESPONSE_BYTES * 10:
        raise FeedError("The file is too big")
    return services_in(_parse(body))


# --- checking one service ---------------------------------------------------------------------------


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _uuid(record: dict, key: str, where: str, required=True):
    value = record.get(key)
    if value is None and not required:
        return None
    if not _is_uuid(value):
        raise Rejected(f"{where}: {key} must be a UUID")
    return uuid.UUID(value)


def _text(record: dict, key: str, where: str, limit: int, required=False) -> str:
    value = record.get(key)
    if value is None:
        if required:
            raise Rejected(f"{where}: {key} is missing")
        return ""
    if not isinstance(value, str):
        raise Rejected(f"{where}: {key} must be text")
    value = value.strip()
    if required and not value:
        raise Rejected(f"{where}: {key} is empty")
    return value[:limit]


def _list(record: dict, key: str, where: str) -> list:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise Rejected(f"{where}: {key} must be a list of objects")
    return value


def _age(record, key, where):
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 150:
        raise Rejected(f"{where}: {key} must be a number from 0 to 150")
    return int(value)


def _date(record, key, where):
    value = record.get(key)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise Rejected(f"{where}: {key} must be a date like 2026-01-31") from None


def _time(record, key, where):
    value = record.get(key)
    if value in (None, ""):
        return None
    match = re.match(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?", str(value))
    if not match:
        raise Rejected(f"{where}: {key} must be a time like 09:30")
    return time(int(match[1]), int(match[2]), int(match[3] or 0))


def _decimal(record, key, where):
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise Rejected(f"{where}: {key} must be a number")
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise Rejected(f"{where}: {key} must be a number") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("10000000"):
        raise Rejected(f"{where}: {key} must be from 0 to 9,999,999.99")
    return amount


def check(record) -> dict:
    """The service as we will store it, or Rejected with the reason (the UK profile's rules and ours)."""
    if not isinstance(record, dict):
        raise Rejected("a service must be a JSON object")
    if record.get("_problem"):
        raise Rejected(record["_problem"])
    sid = _uuid(record, "id", "service")
    status = record.get("status")
    if status not in STATUSES:
        raise Rejected(f"service: status must be one of {', '.join(sorted(STATUSES))}")
    values = {
        "id": sid,
        "name": _text(record, "name", "service", 200, required=True),
        "description": _text(record, "description", "service", 4000),
        "url": _text(record, "url", "service", 500),
        "email": _text(record, "email", "service", 254),
        "status": status,
        "fees": _text(record, "fees", "service", 500),
        "accreditations": _text(record, "accreditations", "service", 500),
        "minimum_age": _age(record, "minimum_age", "service"),
        "maximum_age": _age(record, "maximum_age", "service"),
        "assured_date": _date(record, "assured_date", "service"),
        "assurer_email": _text(record, "assurer_email", "service", 254),
        "alert": _text(record, "alert", "service", 500),
    }
    if values["url"] and not re.match(r"^https?://", values["url"]):
        raise Rejected("service: url must be an http or https address")
    for key in ("email", "assurer_email"):
        if values[key] and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", values[key]):
            raise Rejected(f"service: {key} must be an email address")
    if None not in (values["minimum_age"], values["maximum_age"]) and values["maximum_age"] < values["minimum_age"]:
        raise Rejected("service: maximum_age is below minimum_age")
    org = record.get("organization")
    if org is not None:
        if not isinstance(org, dict):
            raise Rejected("organization must be an object")
        _uuid(org, "id", "organization")
        _text(org, "name", "organization", 200, required=True)
    # Children: checked now, so a bad one rejects the service before anything is written.
    for s in _list(record, "schedules", "schedule"):
        _uuid(s, "id", "schedule"), _date(s, "valid_from", "schedule"), _date(s, "valid_to", "schedule")
        _time(s, "opens_at", "schedule"), _time(s, "closes_at", "schedule")
        if s.get("freq") not in (None, "", "WEEKLY", "MONTHLY"):
            raise Rejected("schedule: freq must be WEEKLY or MONTHLY")
    for sal in _list(record, "service_at_locations", "service_at_location"):
        _uuid(sal, "id", "service_at_location")
        loc = sal.get("location")
        if not isinstance(loc, dict):
            raise Rejected("service_at_location: location is missing")
        _uuid(loc, "id", "location")
        if loc.get("location_type") not in LOCATION_TYPES:
            raise Rejected("location: location_type must be physical, postal or virtual")
        for a in _list(loc, "addresses", "address"):
            _uuid(a, "id", "address")
            for key in ("address_1", "city", "state_province", "postal_code", "country"):
                _text(a, key, "address", 200, required=True)
        for key in ("latitude", "longitude"):
            if loc.get(key) is not None and (isinstance(loc[key], bool) or not isinstance(loc[key], (int, float))):
                raise Rejected(f"location: {key} must be a number")
    for c in _list(record, "cost_options", "cost_option"):
        _uuid(c, "id", "cost_option"), _decimal(c, "amount", "cost_option")
    for key in ("service_areas", "languages", "funding", "contacts", "phones"):
        for item in _list(record, key, key):
            _uuid(item, "id", key)
    for attr in _list(record, "attributes", "attribute"):
        _uuid(attr, "id", "attribute")
        term = attr.get("taxonomy_term")
        if isinstance(term, dict):
            _uuid(term, "id", "taxonomy_term")
            _text(term, "name", "taxonomy_term", 200, required=True)
        else:
            _uuid(attr, "taxonomy_term_id", "attribute")
    return values


def fingerprint(record: dict) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


# --- writing -----------------------------------------------------------------------------------------


def _organization(org: dict | None) -> DirectoryOrganisation | None:
    if not org:
        return None
    found, _ = DirectoryOrganisation.objects.update_or_create(
        id=uuid.UUID(org["id"]),
        defaults={
            "name": _s(org, "name", 200),
            "description": _s(org, "description", 4000) or _s(org, "name", 200),
            "email": _s(org, "email", 254),
            "website": _s(org, "website", 500),
            "uri": _s(org, "uri", 500),
            "source": Source.IMPORTED,
            "last_modified": timezone.now(),
        },
    )
    return found


def _term(attr: dict) -> TaxonomyTerm | None:
    term = attr.get("taxonomy_term")
    if not isinstance(term, dict):
        return TaxonomyTerm.objects.filter(pk=attr["taxonomy_term_id"]).first()
    taxonomy = None
    if _is_uuid(term.get("taxonomy_id")):
        taxonomy, _ = Taxonomy.objects.get_or_create(
            id=uuid.UUID(term["taxonomy_id"]),
            defaults={"name": str(term.get("taxonomy") or "Imported")[:200], "description": str(term.get("taxonomy") or "Imported")},
        )
    found, _ = TaxonomyTerm.objects.update_or_create(
        id=uuid.UUID(term["id"]),
        defaults={
            "name": term["name"][:200],
            "description": str(term.get("description") or term["name"])[:2000],
            "code": str(term.get("term") or "")[:100],
            "taxonomy": taxonomy,
            "term_uri": str(term.get("term_uri") or "")[:500],
        },
    )
    return found


def _s(record, key, limit):
    value = record.get(key)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _replace_children(service: Service, record: dict) -> None:
    service.schedules.all().delete()
    service.service_areas.all().delete()
    service.languages.all().delete()
    service.cost_options.all().delete()
    service.funding.all().delete()
    service.phones.all().delete()
    service.contacts.all().delete()
    service.attributes.all().delete()
    service.service_at_locations.all().delete()
    where = "service"
    for sal in record.get("service_at_locations") or []:
        loc = sal["location"]
        location, _ = Location.objects.update_or_create(
            id=uuid.UUID(loc["id"]),
            defaults={
                "location_type": loc["location_type"],
                "name": _s(loc, "name", 200),
                "description": _s(loc, "description", 2000),
                "latitude": Decimal(str(loc["latitude"])).quantize(Decimal("0.000001")) if loc.get("latitude") is not None else None,
                "longitude": Decimal(str(loc["longitude"])).quantize(Decimal("0.000001")) if loc.get("longitude") is not None else None,
                "external_identifier": _s(loc, "external_identifier", 100),
                "external_identifier_type": _s(loc, "external_identifier_type", 50),
            },
        )
        location.addresses.all().delete()
        location.accessibility.all().delete()
        for a in loc.get("addresses") or []:
            Address.objects.create(
                id=uuid.UUID(a["id"]), location=location, attention=_s(a, "attention", 200), address_1=_s(a, "address_1", 200),
                city=_s(a, "city", 100), region=_s(a, "region", 100), state_province=_s(a, "state_province", 100),
                postal_code=_s(a, "postal_code", 10), country=_s(a, "country", 2) or "GB",
                address_type=a.get("address_type") if a.get("address_type") in LOCATION_TYPES else "physical",
            )
        for x in loc.get("accessibility") or []:
            if _is_uuid(x.get("id")):
                Accessibility.objects.create(
                    id=uuid.UUID(x["id"]), location=location, description=_s(x, "description", 500),
                    details=_s(x, "details", 1000), url=_s(x, "url", 500),
                )
        ServiceAtLocation.objects.create(id=uuid.UUID(sal["id"]), service=service, location=location)
    for s in record.get("schedules") or []:
        Schedule.objects.create(
            id=uuid.UUID(s["id"]), service=service, valid_from=_date(s, "valid_from", where),
            valid_to=_date(s, "valid_to", where), dtstart=_date(s, "dtstart", where), freq=s.get("freq") or "",
            interval=s["interval"] if isinstance(s.get("interval"), int) and 0 < s["interval"] < 1000 else None,
            byday=_s(s, "byday", 50).upper(), bymonthday=_s(s, "bymonthday", 50), description=_s(s, "description", 500),
            opens_at=_time(s, "opens_at", where), closes_at=_time(s, "closes_at", where),
            schedule_link=_s(s, "schedule_link", 500), attending_type=_s(s, "attending_type", 100), notes=_s(s, "notes", 500),
        )
    for a in record.get("service_areas") or []:
        ServiceArea.objects.create(
            id=uuid.UUID(a["id"]), service=service, name=_s(a, "name", 200) or _s(a, "service_area", 200),
            extent=_s(a, "extent", 100000), extent_type=_s(a, "extent_type", 50), uri=_s(a, "uri", 500),
        )
    for lang in record.get("languages") or []:
        Language.objects.create(
            id=uuid.UUID(lang["id"]), service=service, code=_s(lang, "code", 10), name=_s(lang, "name", 100),
            note=_s(lang, "note", 200),
        )
    for c in record.get("cost_options") or []:
        CostOption.objects.create(
            id=uuid.UUID(c["id"]), service=service, valid_from=_date(c, "valid_from", where),
            valid_to=_date(c, "valid_to", where), option=_s(c, "option", 200), amount=_decimal(c, "amount", where),
            amount_description=_s(c, "amount_description", 200),
        )
    for f in record.get("funding") or []:
        Funding.objects.create(id=uuid.UUID(f["id"]), service=service, source=_s(f, "source", 500))
    for p in record.get("phones") or []:
        if _s(p, "number", 30):
            Phone.objects.create(id=uuid.UUID(p["id"]), service=service, number=_s(p, "number", 30),
                                 description=_s(p, "description", 200))
    for c in record.get("contacts") or []:
        contact = Contact.objects.create(id=uuid.UUID(c["id"]), service=service, name=_s(c, "name", 200),
                                         title=_s(c, "title", 200), email=_s(c, "email", 254))
        for p in c.get("phones") or []:
            if isinstance(p, dict) and _is_uuid(p.get("id")) and _s(p, "number", 30):
                Phone.objects.create(id=uuid.UUID(p["id"]), contact=contact, number=_s(p, "number", 30),
                                     description=_s(p, "description", 200))
    seen = set()
    for attr in record.get("attributes") or []:
        term = _term(attr)
        if term is None or term.pk in seen:
            continue
        seen.add(term.pk)
        Attribute.objects.create(id=uuid.UUID(attr["id"]), service=service, taxonomy_term=term)


def load(records: list, *, source_name: str, actor=None) -> Report:
    """Write the feed's services; each in its own savepoint, so one bad record rejects only itself."""
    report = Report()
    for position, record in enumerate(records, start=1):
        label = str(record.get("id")) if isinstance(record, dict) and record.get("id") else f"#{position}"
        try:
            values = check(record)
            digest = fingerprint(record)
            with transaction.atomic():
                outcome = _write(record, values, digest, source_name=source_name, actor=actor)
        except Rejected as problem:
            report.rejected.append((label, str(problem)))
            continue
        except (IntegrityError, ValueError, TypeError, InvalidOperation) as problem:
            report.rejected.append((label, f"could not be stored: {type(problem).__name__}"))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def _write(record, values, digest, *, source_name, actor) -> str:
    existing = Service.objects.select_for_update().filter(pk=values["id"]).first()
    if existing is not None and existing.source != Source.IMPORTED:
        raise Rejected("a service kept in Carers Hub has this id")
    if existing is not None and existing.source_hash == digest:
        return "unchanged"
    organization = _organization(record.get("organization"))
    if organization is None and _is_uuid(record.get("organization_id")):
        organization = DirectoryOrganisation.objects.filter(pk=record["organization_id"]).first()
    before = change_rules.snapshot(existing) if existing else {}
    service = existing or Service(id=values["id"])
    for key, value in values.items():
        if key != "id":
            setattr(service, key, value)
    service.organization = organization
    service.source = Source.IMPORTED
    service.source_feed = source_name[:500]
    service.source_hash = digest
    modified = parse_datetime(record["last_modified"]) if isinstance(record.get("last_modified"), str) else None
    service.last_modified = modified if modified and timezone.is_aware(modified) else timezone.now()
    if existing:
        service.version += 1
    service.save()
    _replace_children(service, record)
    ServiceChange.objects.create(
        service=service, changed_by=actor, how="import", before=before, after=change_rules.snapshot(service)
    )
    return "changed" if existing else "added"


def import_source(source: str, *, actor=None, fetch=_fetch) -> Report:
    """``manage.py import_oruk`` and the administrator's page: a URL or a file path."""
    return load(read_source(source, fetch=fetch), source_name=source, actor=actor)


def import_data(data, *, source_name: str, actor=None) -> Report:
    """An uploaded file, already parsed."""
    return load(services_in(data), source_name=source_name, actor=actor)

