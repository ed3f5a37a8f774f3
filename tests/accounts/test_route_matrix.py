"""Every route × every role, for records inside and outside the user's relationships.

The routes come from the URL configuration itself: a new page that is not classified in
ROUTES below fails ``test_every_route_is_classified``, so nobody adds a page without saying
who may use it. Checked on the server, whatever the page links to:

- anonymous visitors reach only the public pages; everything else sends them to sign in;
- each role reaches exactly the routes its work needs (others answer 403 or 404);
- the administrator (a superuser) reaches no page holding personal data;
- a record outside the user's relationships opens only after they say why ("break glass"),
  and partners and others never reach it at all.
"""

import datetime
import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from carershub.accounts.models import Role
from carershub.partnership.models import Organisation
from carershub.privacy import retention
from carershub.privacy import services as privacy_services
from carershub.privacy.models import RetentionReviewItem
from carershub.selfassessment import services as self_services
from tests import builders
from tests.conftest import documents_in

from tests.routes import AD, CO, COUNCIL, FD, ORGANISATION, PUBLIC, PW, ROLES, SERVICE, SIGNED_IN, TM

# Route tables of apps that keep their own (tests/<app>/routes.py): each has ROUTES like the table
# below, ``records(side, worker=, council=)`` adding that app's records to one side of the world,
# and ``kwargs(name, records)`` giving a route's URL values from them.
ROUTE_MODULES = [
    importlib.import_module(f"tests.{path.parent.name}.routes")
    for path in sorted(Path(__file__).resolve().parents[1].glob("*/routes.py"))
]

# url name -> (method, who may use it with the record inside their relationships).
# Routes the table leaves out are the sign-in pages (allauth), the admin site and the API,
# which have tests of their own.
ROUTES = {
    "home": ("get", SIGNED_IN),
    "healthz": ("get", PUBLIC),
    "people:search": ("get", SERVICE | {PW}),
    "people:new_carer": ("get", SERVICE),
    "people:access_reasons": ("get", {TM}),
    "people:detail": ("get", SERVICE | {PW}),
    # A partner sees the timeline of a record shared with them, less what they may not see.
    "people:timeline": ("get", SERVICE | {PW}),
    "people:edit_carer": ("get", SERVICE),
    "people:edit": ("get", SERVICE),
    "people:add_cared_for": ("get", SERVICE),
    "people:add_consent": ("get", SERVICE),
    "people:withdraw_consent": ("post", SERVICE),
    "people:export": ("get", {TM}),
    "people:access_history": ("get", {TM}),
    "people:give_reason": ("get", SERVICE | {PW}),
    "contacts:list": ("get", SERVICE),
    "contacts:new": ("get", SERVICE),
    # A partner opens only the contacts its own organisation logged (tests/referrals/test_partner_work.py).
    "contacts:detail": ("get", SERVICE),
    # Callers not yet linked are the region-wide front door's (and the taking organisation's).
    "contacts:link": ("post", {FD}),
    "contacts:new_carer": ("get", {FD}),
    "assessments:queue": ("get", SERVICE),
    "assessments:transitions": ("get", SERVICE),
    "assessments:start": ("get", COUNCIL),
    "assessments:detail": ("get", SERVICE),
    "assessments:submit": ("post", COUNCIL),
    "assessments:decide": ("get", COUNCIL),
    "assessments:issue_letter": ("get", COUNCIL),
    "assessments:record": ("get", SERVICE),
    "assessments:record_pdf": ("get", SERVICE),
    "assessments:give_record": ("get", COUNCIL),
    "assessments:sign_off": ("post", {TM}),
    "assessments:return_to_draft": ("post", {TM}),
    "assessments:letter": ("get", SERVICE),
    "assessments:letter_pdf": ("get", SERVICE),
    "assessments:edit_section": ("get", COUNCIL),
    # Documents are the service's: a partner's shared summary holds none (decision 36).
    "documents:list": ("get", SERVICE),
    "documents:new": ("get", SERVICE),
    "documents:download": ("get", SERVICE),
    "documents:withdraw": ("get", SERVICE),
    # Casework: the service's own working file. Tasks and concerns of the record's council are its
    # staff's to complete and decide (the front door at the centre sees them, but they are not its).
    "casework:my_work": ("get", SERVICE),
    "casework:concerns": ("get", SERVICE),
    "casework:new_note": ("get", SERVICE),
    "casework:note": ("get", SERVICE),
    "casework:new_task": ("get", SERVICE),
    "casework:task": ("get", SERVICE),
    "casework:complete_task": ("post", COUNCIL),
    "casework:reassign_task": ("post", {TM}),
    "casework:new_alert": ("get", SERVICE),
    "casework:person_alerts": ("get", SERVICE),
    "casework:alert": ("get", SERVICE),
    "casework:decide": ("post", COUNCIL),
    "casework:end_alert": ("post", COUNCIL),
    "plans:reviews": ("get", SERVICE),
    "plans:for_carer": ("get", SERVICE),
    "plans:create": ("get", COUNCIL),
    "plans:detail": ("get", SERVICE),
    "plans:edit": ("get", COUNCIL),
    "plans:change": ("post", COUNCIL),
    "plans:agree": ("post", COUNCIL),
    "plans:discard": ("post", COUNCIL),
    "plans:copy": ("get", SERVICE),
    "plans:copy_pdf": ("get", SERVICE),
    "plans:review": ("get", COUNCIL),
    "self_assessment:start": ("get", PUBLIC),
    "self_assessment:where": ("get", PUBLIC),
    "self_assessment:questions": ("get", PUBLIC),
    "self_assessment:sent": ("get", PUBLIC),
    "self_assessment:queue": ("get", COUNCIL),
    "self_assessment:review": ("get", COUNCIL),
    "self_assessment:discard": ("get", COUNCIL),
    "figures:index": ("get", {TM, CO}),
    "figures:csv": ("get", {TM, CO}),
    "privacy:notice": ("get", PUBLIC),
    "privacy:requests": ("get", {TM}),
    # People ask at any door: every service worker records a request; managers answer them.
    "privacy:new_request": ("get", SERVICE),
    "privacy:request": ("get", {TM}),
    "privacy:update_request": ("get", {TM}),
    "privacy:subject_access": ("get", {TM}),
    "privacy:erase": ("get", {TM}),
    "privacy:retention": ("get", {TM}),
    "privacy:retention_decision": ("get", {TM}),
}
for _module in ROUTE_MODULES:
    assert not set(_module.ROUTES) & set(ROUTES), _module.__name__
    ROUTES.update(_module.ROUTES)
SKIPPED_PREFIXES = ("admin/", "accounts/", "api/")


def _routes(patterns=None, prefix="", namespace=None):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            name = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern), name)
        elif isinstance(entry, URLPattern) and entry.name and not (prefix + str(entry.pattern)).startswith(SKIPPED_PREFIXES):
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def test_every_route_is_classified():
    names = {name for name, _pattern in _routes()}
    assert names - set(ROUTES) == set(), "classify the new routes in ROUTES"
    assert set(ROUTES) - names == set(), "routes in ROUTES that no longer exist"


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The region and the world, built once for this module's cases (nearly a thousand) in a
    transaction kept open around them and rolled back after the last.

    Each case still runs in a savepoint of its own, rolled back when it ends (pytest-django's
    ``db``), so what one case posts is gone before the next. Building the world for every case was
    most of the suite's time. The documents it stores go to a folder of the module's own, which
    every case then reads (``_document_storage`` below).
    """
    from django.conf import settings as django_settings
    from django.db import transaction
    from django.test import override_settings

    import tests.conftest as shared

    root = tmp_path_factory.mktemp("route-matrix-documents")
    storages = {**django_settings.STORAGES, "documents": shared.documents_storage(root)}
    with (
        django_db_blocker.unblock(),
        override_settings(STORAGES=storages, CARERSHUB_DOCUMENT_ROOT=root),
        transaction.atomic(),
    ):
        region = shared.build_region()
        make_user = shared.user_maker(region)
        world = _world(
            region, make_user, shared.carer_maker(region), shared.consent_maker(region), shared.contact_maker(make_user)
        )
        yield {"region": region, "world": world, "documents": root}
        transaction.set_rollback(True)


@pytest.fixture
def region(_built, db):
    return _built["region"]


@pytest.fixture
def world(_built, db):
    return _built["world"]


@pytest.fixture(autouse=True)
def _document_storage(settings, _built):
    return documents_in(settings, _built["documents"])


def _world(region, make_user, make_carer, make_consent, make_contact):
    """A record inside the Afon relationships, and one of another council's that nobody here works with."""
    afon_council = region["orgs"]["council"]
    marches_council = Organisation.objects.create(
        name="Test Marches Council", kind=Organisation.Kind.COUNCIL, sector=Organisation.Sector.STATUTORY,
        area=region["areas"]["marches"],
    )
    records = {}
    for key, council, area, postcode in (
        ("in", afon_council, "afon", "AF1 2AB"),
        ("out", marches_council, "marches", "MR1 2AB"),
    ):
        worker = make_user(Role.PRACTITIONER, organisation="council" if key == "in" else "centre")
        if key == "out":
            worker.organisation = marches_council
            worker.save()
        carer = make_carer(given=f"Route{key}", family="Matrixtest", postcode=postcode)
        carer.area = region["areas"][area]
        carer.save()
        assessment = builders.completed_assessment(carer, actor=worker, organisation=council)
        plan = builders.agreed_plan(assessment, actor=worker)
        sent = self_services.receive(
            details={"given_name": "Sent", "family_name": f"Matrix{key}", "date_of_birth": datetime.date(1970, 1, 1),
                     "postcode": postcode},
            answers={"caring_role": "Every day"}, area=region["areas"][area], made_by="self",
        )
        asked = privacy_services.record_request(
            carer, kind="access", received_on=datetime.date.today(), requested_by="person", actor=worker
        )
        item = RetentionReviewItem.objects.create(
            record_type="person", record_id=carer.pk, schedule=next(iter(retention.KINDS)),
            last_activity_on=datetime.date(2010, 1, 1), review_due_on=datetime.date(2018, 1, 1),
        )
        records[key] = {
            "request": asked,
            "retention_item": item,
            "person": carer,
            "assessment": assessment,
            "plan": plan,
            "self_assessment": sent,
            "consent": make_consent(carer, "partner" if key == "in" else "other_partner"),
            "contact": make_contact(carer),
            "document": builders.stored_document(carer, actor=worker),
            **builders.casework(carer, actor=worker),
        }
        for module in ROUTE_MODULES:
            records[key].update(module.records(records[key], worker=worker, council=council))
    records["unlinked"] = make_contact(given_name="Unlinked", family_name="Matrixcaller")
    return records


def _kwargs(name, pattern, records):
    """Values for the route's URL parameters, from the records of one side."""
    values = {
        "pk": records["person"].pk,
        "person_pk": records["person"].pk,
        "assessment_pk": records["assessment"].pk,
        "consent_pk": records["consent"].pk,
        "section": "details" if name == "people:edit" else "caring",
    }
    if name.startswith("assessments:"):
        values["pk"] = records["assessment"].pk
    elif name.startswith("plans:"):
        values["pk"] = records["plan"].pk
    elif name.startswith("self_assessment:"):
        values["pk"] = records["self_assessment"].pk
    elif name in {"casework:note"}:
        values["pk"] = records["note"].pk
    elif name in {"casework:task", "casework:complete_task", "casework:reassign_task"}:
        values["pk"] = records["task"].pk
    elif name in {"casework:alert", "casework:decide", "casework:end_alert"}:
        values["pk"] = records["alert"].pk
    elif name in {"documents:download", "documents:withdraw"}:
        values["pk"] = records["document"].pk
    elif name.startswith("contacts:"):
        values["pk"] = records["unlinked"].pk if name in {"contacts:link", "contacts:new_carer"} else records["contact"].pk
    elif name in {"privacy:request", "privacy:update_request", "privacy:subject_access"}:
        values["pk"] = records["request"].pk
    elif name == "privacy:retention_decision":
        values["pk"] = records["retention_item"].pk
    for module in ROUTE_MODULES:
        values.update(module.kwargs(name, records))
    return {key: values[key] for key in pattern.pattern.converters}


def _url(name, pattern, records):
    return reverse(name, kwargs=_kwargs(name, pattern, records))


def _call(client, method, url, records):
    data = {"person": records["person"].pk, "version": 1} if method == "post" else None
    return getattr(client, method)(url, data) if data else client.get(url)


def _signed_in(client_for, role):
    client = client_for(role, organisation=ORGANISATION[role])
    if role == AD:
        client.user.is_superuser = client.user.is_staff = True
        client.user.save()
    return client


def _refused(response) -> bool:
    # Refused, and nothing of the record said on the way.
    return response.status_code in (403, 404) and b"Matrixtest" not in response.content


def _sent_to_reason(response) -> bool:
    return response.status_code == 302 and "/why/" in response.url


@pytest.fixture
def inside(world):
    world["in"]["unlinked"] = world["unlinked"]
    return world["in"]


ROUTE_ITEMS = sorted(ROUTES.items())
# Building the world is most of a case's time. Reading a page changes nothing another role would
# see, so each page is read by every role in one case, over one world; a post may change the world,
# so each role posts in a case of its own.
PAGE_ITEMS = [(name, spec) for name, spec in ROUTE_ITEMS if spec[0] == "get"]
ACTION_ITEMS = [(name, spec) for name, spec in ROUTE_ITEMS if spec[0] != "get"]


def _reaches_only_what_its_work_needs(client_for, inside, role, name, spec):
    method, allowed = spec
    pattern = dict(_routes())[name]
    client = _signed_in(client_for, role)

    response = _call(client, method, _url(name, pattern, inside), inside)

    if allowed == PUBLIC or role in allowed:
        assert response.status_code in (200, 302), (role, name, response.status_code)
        assert not _sent_to_reason(response), (role, name, "asked for a reason inside a relationship")
        if response.status_code == 302:
            assert "/accounts/login/" not in response.url
    else:
        assert _refused(response), (role, name, response.status_code)


@pytest.mark.parametrize(("name", "spec"), PAGE_ITEMS, ids=[name for name, _ in PAGE_ITEMS])
def test_each_role_reaches_only_the_pages_its_work_needs(client_for, inside, name, spec):
    for role in ROLES:
        _reaches_only_what_its_work_needs(client_for, inside, role, name, spec)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "spec"), ACTION_ITEMS, ids=[name for name, _ in ACTION_ITEMS])
def test_each_role_reaches_only_the_actions_its_work_needs(client_for, inside, role, name, spec):
    _reaches_only_what_its_work_needs(client_for, inside, role, name, spec)


@pytest.mark.parametrize(("name", "spec"), ROUTE_ITEMS, ids=[name for name, _ in ROUTE_ITEMS])
def test_an_anonymous_visitor_reaches_only_the_public_routes(client, inside, name, spec):
    method, allowed = spec
    pattern = dict(_routes())[name]

    response = _call(client, method, _url(name, pattern, inside), inside)

    if allowed == PUBLIC:
        assert response.status_code in (200, 302)
        assert "/accounts/login/" not in response.get("Location", "")
    else:
        assert response.status_code == 302 and "/accounts/login/" in response.url, (name, response.status_code)


PERSONAL_ROUTES = sorted(n for n, (_m, allowed) in ROUTES.items() if allowed not in (PUBLIC, SIGNED_IN))
# Lists and queues have no record in their address: they are checked by what they hold, below. The
# carers centre's front door works region-wide, so nothing is outside for it.
RECORD_ROUTES = [n for n in PERSONAL_ROUTES if dict(_routes())[n].pattern.converters]
OUTSIDE_ROLES = [role for role in ROLES if role != FD]


def _opens_only_with_a_reason(client_for, outside, role, name):
    method, _allowed = ROUTES[name]
    pattern = dict(_routes())[name]
    client = _signed_in(client_for, role)

    response = _call(client, method, _url(name, pattern, outside), outside)

    if name == "people:give_reason" and role in SERVICE:
        # Those who may search the region are asked why, and nothing of the record is shown yet.
        assert response.status_code == 200
        assert "Matrixtest" not in response.content.decode().split("<main", 1)[-1].split("</h1>", 1)[-1]
    elif _sent_to_reason(response):
        assert role in SERVICE, (role, name)
    else:
        assert _refused(response), (role, name, response.status_code)


@pytest.mark.parametrize("name", [n for n in RECORD_ROUTES if ROUTES[n][0] == "get"])
def test_a_record_outside_the_relationship_shows_only_with_a_reason(client_for, world, name):
    outside = {**world["out"], "unlinked": world["unlinked"]}
    for role in OUTSIDE_ROLES:
        _opens_only_with_a_reason(client_for, outside, role, name)


@pytest.mark.parametrize("name", [n for n in RECORD_ROUTES if ROUTES[n][0] != "get"])
@pytest.mark.parametrize("role", OUTSIDE_ROLES)
def test_a_record_outside_the_relationship_opens_only_with_a_reason(client_for, world, role, name):
    _opens_only_with_a_reason(client_for, {**world["out"], "unlinked": world["unlinked"]}, role, name)


def test_the_administrator_sees_no_carer_on_any_page(client_for, world):
    admin = _signed_in(client_for, AD)
    names = [world[side]["person"].full_name for side in ("in", "out")] + ["Unlinked Matrixcaller"]

    for name, (method, allowed) in ROUTES.items():
        if method != "get":
            continue
        pattern = dict(_routes())[name]
        response = admin.get(_url(name, pattern, {**world["in"], "unlinked": world["unlinked"]}))
        body = response.content.decode(errors="replace")
        assert not any(n in body for n in names), (name, response.status_code)
