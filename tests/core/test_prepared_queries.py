"""Queries compiled once and run with new values (core/queries.py, DEVELOPERS.md decision 65):
the same rows, the same SQL and the same answers as the queryset they are built from."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carershub.accounts.backends import LOAD_USER, StaffBackend, _user_with_everything, has_authenticator
from carershub.accounts.models import Role
from carershub.core import queries
from carershub.core.queries import Prepared, as_key
from carershub.people.models import CaringRelationship, Person


def _sql(run):
    with CaptureQueriesContext(connection) as captured:
        result = run()
    return result, [q["sql"] for q in captured.captured_queries]


def test_the_user_load_finds_what_the_queryset_finds_with_the_same_sql(make_user):
    practitioner = make_user(Role.PRACTITIONER, Role.TEAM_MANAGER)
    no_code = make_user(Role.FRONT_DOOR, mfa=False)

    for user in (practitioner, no_code):
        prepared, prepared_sql = _sql(lambda: LOAD_USER(user.pk))
        orm, orm_sql = _sql(lambda: list(_user_with_everything(user.pk)))

        assert prepared_sql == orm_sql
        assert [u.pk for u in prepared] == [u.pk for u in orm] == [user.pk]
        (p,), (o,) = prepared, orm
        assert (p.username, p.organisation, p._role_list, p._has_authenticator) == (
            o.username, o.organisation, o._role_list, o._has_authenticator
        )
        assert p.organisation.name == user.organisation.name, "the related row comes with it"
    assert StaffBackend().get_user(practitioner.pk).role_codes == {Role.PRACTITIONER, Role.TEAM_MANAGER}
    assert has_authenticator(StaffBackend().get_user(no_code.pk)) is False
    assert has_authenticator(StaffBackend().get_user(practitioner.pk)) is True
    assert Authenticator.objects.filter(user=practitioner).exists()


def test_each_call_runs_with_its_own_values(make_carer, region):
    ann, bryn = make_carer(given="Ann"), make_carer(given="Bryn")
    load = Prepared(lambda pk: Person.objects.select_related("area").filter(pk=pk).order_by())

    assert [p.given_name for p in load(ann.pk)] == ["Ann"]
    assert [p.given_name for p in load(bryn.pk)] == ["Bryn"]
    assert load(max(ann.pk, bryn.pk) + 1000) == []
    assert load(bryn.pk)[0].area == region["areas"]["afon"]


def test_a_value_used_twice_is_filled_in_both_places(make_carer):
    ann, bryn, cai = make_carer(given="Ann"), make_carer(given="Bryn"), make_carer(given="Cai")
    CaringRelationship.objects.create(carer=ann, cared_for=bryn, relationship="parent")
    CaringRelationship.objects.create(carer=cai, cared_for=ann, relationship="spouse")
    of = Prepared(
        lambda pk: CaringRelationship.objects.filter(carer_id=pk) | CaringRelationship.objects.filter(cared_for_id=pk)
    )

    assert sorted((r.carer.given_name, r.cared_for.given_name) for r in of(ann.pk)) == [("Ann", "Bryn"), ("Cai", "Ann")]
    assert [(r.carer.given_name, r.cared_for.given_name) for r in of(bryn.pk)] == [("Ann", "Bryn")]


def test_every_run_converts_each_column_as_the_queryset_does(make_carer, region):
    """Which columns need converting is worked out once: dates, times, encrypted text and the
    related row's columns still come back as the ORM's own, on the first run and every later one."""
    ann = make_carer(given="Ann", dob=datetime.date(1961, 3, 27))
    ann.phone = "01632 960 001"
    ann.save()
    bryn = make_carer(given="Bryn")
    load = Prepared(lambda pk: Person.objects.select_related("area").filter(pk=pk).order_by())
    fields = [field.attname for field in Person._meta.concrete_fields]

    for _ in range(2):
        for person in (ann, bryn):
            (prepared,) = load(person.pk)
            orm = Person.objects.select_related("area").get(pk=person.pk)
            assert [getattr(prepared, name) for name in fields] == [getattr(orm, name) for name in fields]
            assert prepared.area.name == orm.area.name
    (prepared,) = load(ann.pk)
    assert prepared.date_of_birth == datetime.date(1961, 3, 27)
    assert prepared.phone == "01632 960 001"
    assert isinstance(prepared.created_at, datetime.datetime) and prepared.created_at.tzinfo is not None


def test_the_sql_is_built_once_per_connection(make_carer):
    ann = make_carer()
    built = []
    load = Prepared(lambda pk: built.append(pk) or Person.objects.filter(pk=pk).order_by())

    for _ in range(3):
        assert load(ann.pk)[0].pk == ann.pk

    assert built == [queries._MARK], "built once, with a stand-in, never with a real value"


def test_a_value_the_filter_would_change_is_refused():
    # The stand-in must reach the SQL as it was given: here the ORM would turn it into text.
    with pytest.raises(ImproperlyConfigured, match="did not reach"):
        Prepared(lambda pk: Person.objects.filter(given_name=pk))(1)
    with pytest.raises(ImproperlyConfigured, match="did not reach"):
        Prepared(lambda pk: Person.objects.filter(pk=pk + 1))(1)


@pytest.mark.django_db
def test_a_query_django_knows_matches_nothing_is_refused():
    with pytest.raises(ImproperlyConfigured, match="matching nothing"):
        Prepared(lambda pk: Person.objects.filter(pk=pk, id__in=[]))(1)


@pytest.mark.django_db
def test_prefetching_dicts_and_flat_or_named_values_are_refused():
    with pytest.raises(ImproperlyConfigured):
        Prepared(lambda pk: Person.objects.filter(pk=pk).prefetch_related("cares_for"))(1)
    with pytest.raises(ImproperlyConfigured):
        Prepared(lambda pk: Person.objects.filter(pk=pk).values("pk"))(1)
    with pytest.raises(ImproperlyConfigured):
        Prepared(lambda pk: Person.objects.filter(pk=pk).values_list("pk", flat=True))(1)
    with pytest.raises(ImproperlyConfigured):
        Prepared(lambda pk: Person.objects.filter(pk=pk).values_list("pk", named=True))(1)


def test_values_come_as_the_querysets_tuples_converted_on_every_run(make_carer, region):
    """A values_list() query gives the queryset's own tuples, with no model instance: dates, encrypted
    text and the columns of related rows (a left join for a missing one) converted as Django does."""
    ann = make_carer(given="Ann", dob=datetime.date(1961, 3, 27))
    ann.phone = "01632 960 001"
    ann.save()
    cared_for = Person.objects.create(given_name="Bryn", family_name="Jones", area=region["areas"]["afon"])
    names = ("pk", "given_name", "date_of_birth", "phone", "created_at", "area__name", "carer__is_parent_carer")
    load = Prepared(lambda pk: Person.objects.filter(pk=pk).order_by().values_list(*names))

    for _ in range(2):
        for person in (ann, cared_for):
            assert load(person.pk) == list(Person.objects.filter(pk=person.pk).values_list(*names))
    ((pk, given, born, phone, created, area, parent),) = load(ann.pk)
    assert (pk, given, born, phone, area, parent) == (
        ann.pk, "Ann", datetime.date(1961, 3, 27), "01632 960 001", region["areas"]["afon"].name, False
    )
    assert isinstance(created, datetime.datetime) and created.tzinfo is not None
    assert load(cared_for.pk)[0][-1] is None, "no carer profile: nothing joined"


def test_one_prepared_query_per_shape(make_carer):
    ann = make_carer()
    load = Prepared.keyed(
        lambda also, pk: Person.objects.select_related("gp_practice", *also).filter(pk=pk).order_by(), name="person"
    )

    with_area, with_area_sql = _sql(lambda: load(("area",), ann.pk))
    plain, plain_sql = _sql(lambda: load((), ann.pk))

    assert with_area[0].pk == plain[0].pk == ann.pk
    assert '"partnership_area"' in with_area_sql[0] and '"partnership_area"' not in plain_sql[0]


@pytest.mark.parametrize(
    ("value", "key"),
    [(5, 5), ("5", 5), ("x", None), (None, None), (2**63, None), (-(2**63), -(2**63)), ("99999999999999999999", None)],
)
def test_a_key_is_an_integer_a_big_integer_column_holds(value, key):
    assert as_key(value) == key


def test_a_person_number_too_large_for_the_database_is_not_found(client_for):
    practitioner = client_for(Role.PRACTITIONER)

    assert practitioner.get("/people/99999999999999999999/").status_code == 404
