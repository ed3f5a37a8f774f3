"""The table of postcode districts to council areas, and a person's area filled in from their postcode."""

from datetime import date

import pytest

from carershub.accounts.models import Role
from carershub.activity.models import Event
from carershub.partnership.models import PostcodeDistrict
from carershub.partnership.services import PostcodeAreas, area_for_postcode
from carershub.people.models import Person
from tests import formdata
from tests.pages import Page


@pytest.fixture
def districts(region):
    """The Afon area is "AF"; one of its districts, AF9, lies in the Marches; and one sector of AF8 too."""
    afon, marches = region["areas"]["afon"], region["areas"]["marches"]
    PostcodeDistrict.objects.create(prefix="AF", area=afon)
    PostcodeDistrict.objects.create(prefix="af9", area=marches)
    PostcodeDistrict.objects.create(prefix="AF8 3", area=marches)
    PostcodeDistrict.objects.create(prefix="MR", area=marches)
    return region["areas"]


@pytest.mark.parametrize(
    ("postcode", "area"),
    [
        pytest.param("AF1 2AB", "afon", id="the postcode area"),
        pytest.param("AF9 1AB", "marches", id="a district before its area"),
        pytest.param("af91ab", "marches", id="typed any way"),
        pytest.param("AF8 3AB", "marches", id="a sector before its district and area"),
        pytest.param("AF8 4AB", "afon", id="another sector of the district"),
        pytest.param("AF99 1AB", "afon", id="AF9 is not part of AF99"),
        pytest.param("MR5 7HT", "marches", id="another area"),
    ],
)
def test_the_most_specific_row_gives_the_area(districts, postcode, area):
    assert area_for_postcode(postcode) == districts[area]
    assert PostcodeAreas().area_id_for(postcode) == districts[area].pk


@pytest.mark.parametrize("postcode", ["AG1 1AA", "", "not a postcode", None])
def test_a_postcode_nobody_listed_has_no_area(districts, postcode):
    assert area_for_postcode(postcode) is None
    assert PostcodeAreas().area_id_for(postcode) is None


def test_the_lookup_is_one_query(districts, django_assert_num_queries):
    with django_assert_num_queries(1):
        area_for_postcode("AF9 1AB")


def test_prefixes_are_kept_in_one_form(districts):
    assert sorted(PostcodeDistrict.objects.values_list("prefix", flat=True)) == ["AF", "AF8 3", "AF9", "MR"]


def test_a_prefix_that_is_not_one_is_an_error_on_the_field(region):
    from django.core.exceptions import ValidationError

    row = PostcodeDistrict(prefix="CF371", area=region["areas"]["afon"])
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert error.value.message_dict["prefix"] == ["Enter a postcode area, district or sector, like CF, CF37 or CF37 1"]


def test_administrators_keep_the_table_in_django_admin(client_for, districts):
    admin = client_for(Role.ADMINISTRATOR)
    admin.user.is_staff = admin.user.is_superuser = True
    admin.user.save()

    listing = admin.get("/admin/partnership/postcodedistrict/")
    added = admin.post(
        "/admin/partnership/postcodedistrict/add/", {"prefix": " mr9  1 ", "area": districts["afon"].pk}
    )

    assert listing.status_code == 200 and "AF8 3" in listing.content.decode()
    assert added.status_code == 302
    assert PostcodeDistrict.objects.get(prefix="MR9 1").area == districts["afon"]


# ---------------------------------------------------------------------------
# A person's council area from their postcode
# ---------------------------------------------------------------------------


def new_carer_data(**overrides):
    data = {
        "given_name": "Heledd",
        "family_name": "Postcodetest",
        "date_of_birth_day": "3",
        "date_of_birth_month": "4",
        "date_of_birth_year": "1970",
        "postcode": "AF9 1AB",
        "area": "",
        "preferred_language": "en",
        "confirm_new": "on",
    }
    data.update(overrides)
    return data


def test_a_new_carer_gets_the_area_of_their_postcode(front_door, districts):
    response = front_door.post("/people/new/", new_carer_data())

    assert response.status_code == 302, Page(response).error_summary
    assert Person.objects.get(family_name="Postcodetest").area == districts["marches"]


def test_an_area_the_worker_chose_is_kept(front_door, districts):
    front_door.post("/people/new/", new_carer_data(area=str(districts["afon"].pk)))

    assert Person.objects.get(family_name="Postcodetest").area == districts["afon"]


def test_no_area_is_made_up_for_a_postcode_nobody_listed(front_door, districts):
    front_door.post("/people/new/", new_carer_data(postcode="AG1 1AA"))  # made up, like AF and MR

    assert Person.objects.get(family_name="Postcodetest").area is None


def _details(client, person, **changes):
    """Post the details form as shown, with these changes."""
    page = Page(client.get(f"/people/{person.pk}/edit/details/"))
    data = page.form_data()
    data.update(changes)
    return client.post(f"/people/{person.pk}/edit/details/", data)


@pytest.fixture
def moving(make_carer, districts):
    return make_carer(given="Gethin", family="Moving", postcode="AF1 2AB")  # area Afon, as AF gives


def test_a_new_postcode_moves_an_area_that_came_from_the_old_one(client_for, moving, districts):
    client = client_for(Role.FRONT_DOOR)

    response = _details(client, moving, postcode="AF9 1AB")

    assert response.status_code == 302, Page(response).error_summary
    moving.refresh_from_db()
    assert moving.area == districts["marches"]
    event = Event.objects.get(kind="person.changed")
    assert event.data["fields"] == ["area", "postcode"]


def test_a_new_postcode_leaves_an_area_the_worker_chose_for_the_old_one(client_for, moving, districts):
    Person.objects.filter(pk=moving.pk).update(postcode="MR5 7HT")  # area Afon: not what MR gives
    client = client_for(Role.FRONT_DOOR)

    _details(client, moving, postcode="AF9 1AB")

    moving.refresh_from_db()
    assert moving.area == districts["afon"]


def test_the_worker_can_choose_another_area_with_the_new_postcode(client_for, moving, districts):
    from carershub.partnership.models import Area, Nation

    client = client_for(Role.FRONT_DOOR)
    other = Area.objects.create(name="Test Third", code="W06999802", nation=Nation.WALES)

    _details(client, moving, postcode="AF9 1AB", area=str(other.pk))

    moving.refresh_from_db()
    assert moving.area == other


def test_a_blank_area_is_filled_in_from_the_postcode_on_any_save(client_for, moving, districts):
    Person.objects.filter(pk=moving.pk).update(area=None, postcode="AF9 1AB")
    client = client_for(Role.FRONT_DOOR)

    _details(client, moving, communication_needs="Large print")

    moving.refresh_from_db()
    assert moving.area == districts["marches"]


def test_the_details_form_says_where_the_area_comes_from(client_for, moving):
    page = Page(client_for(Role.FRONT_DOOR).get(f"/people/{moving.pk}/edit/details/"))

    assert "Worked out from the postcode unless you choose one" in page.text


def test_a_cared_for_person_at_another_address_gets_the_area_of_their_postcode(front_door, make_carer, districts):
    carer = make_carer(given="Carys", family="Carerarea", postcode="AF1 2AB")

    front_door.post(f"/people/{carer.pk}/cared-for/new/", formdata.cared_for(**{"person-postcode": "AF9 1AB"}))

    assert Person.objects.get(given_name="Idris").area == districts["marches"]


def test_a_record_made_from_a_contact_gets_the_area_of_the_callers_postcode(front_door, districts):
    from carershub.contacts.models import Contact

    contact = Contact.objects.create(
        channel="phone", caller_role="carer", given_name="Nia", family_name="Fromcontact", postcode="AF9 1AB",
        date_of_birth=date(1980, 1, 2), recorded_by=front_door.user,
    )
    page = Page(front_door.get(f"/contacts/{contact.pk}/new-carer/"))
    data = page.form_data()
    data["confirm_new"] = "on"

    response = front_door.post(f"/contacts/{contact.pk}/new-carer/", data)

    assert response.status_code == 302, Page(response).error_summary
    assert Person.objects.get(family_name="Fromcontact").area == districts["marches"]
