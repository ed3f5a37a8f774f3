"""Phone numbers are shown and offered for change in the national format (07700 900123), stored as +447700900123."""

from carershub.accounts.models import Role
from carershub.activity.models import Event
from carershub.contacts.models import Contact
from tests.pages import Page


def test_the_phone_filter_writes_the_national_format():
    from django.template import engines

    template = engines["jinja2"].from_string("{{ a | phone }}|{{ b | phone }}|{{ c | phone }}")

    assert template.render({"a": "+442920180000", "b": None, "c": "ring reception"}) == "029 2018 0000||ring reception"


def test_a_contact_shows_the_callers_number_in_the_national_format(front_door):
    contact = Contact.objects.create(
        channel="phone", caller_role="carer", given_name="Nia", family_name="Phonetest", phone="+447700900123",
        recorded_by=front_door.user,
    )

    page = Page(front_door.get(f"/contacts/{contact.pk}/"))

    assert "07700 900123" in page.text
    assert "+447700900123" not in page.text


def test_the_details_form_offers_the_number_as_written_and_saving_it_unchanged_changes_nothing(client_for, make_carer):
    person = make_carer(given="Rhodri", family="Phonetest", phone="+441632960123")
    client = client_for(Role.FRONT_DOOR)

    page = Page(client.get(f"/people/{person.pk}/edit/details/"))
    assert page.value_of("phone") == "01632 960 123"

    response = client.post(f"/people/{person.pk}/edit/details/", page.form_data())

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+441632960123"
    assert not Event.objects.filter(kind="person.changed").exists(), "the same number, written another way, is no change"
