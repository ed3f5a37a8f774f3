"""The front door: log a contact, then make or find the carer's record without typing anything again."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from carershub.activity.models import Event
from carershub.contacts.models import Contact
from carershub.people.models import Person
from tests import formdata
from tests.pages import Page


def an_hour_ago():
    return timezone.localtime() - timedelta(hours=1)


@pytest.fixture
def fixed_clock(monkeypatch):
    """Freeze the clock the contact form checks against at 10:00 yesterday (sessions keep the real clock)."""
    real = timezone
    frozen = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=1), datetime.min.time()))
    frozen += timedelta(hours=10)

    class Clock:
        def __getattr__(self, name):
            return getattr(real, name)

        def now(self):
            return frozen

        def localtime(self, value=None, timezone=None):
            return real.localtime(value or frozen, timezone)

        def localdate(self, value=None, timezone=None):
            return real.localdate(value or frozen, timezone)

    monkeypatch.setattr("carershub.contacts.forms.timezone", Clock())
    monkeypatch.setattr("carershub.core.forms.timezone", Clock())
    return real.localtime(frozen)


# --- Logging a contact -------------------------------------------------------------------------------


def test_a_contact_from_an_unknown_caller_is_logged_without_a_record(front_door):
    when = an_hour_ago().replace(second=0, microsecond=0)

    response = front_door.post("/contacts/new/", formdata.contact(when))

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response.url == f"/contacts/{contact.pk}/"
    assert contact.person is None
    assert (contact.given_name, contact.family_name) == ("Morwen", "Testcaller")
    assert contact.postcode == "AF3 2BD"
    assert contact.phone == "+447700900123"
    assert contact.outcomes == ["identified_as_carer"]
    assert contact.received_at == when
    assert contact.recorded_by == front_door.user
    assert contact.organisation == front_door.user.organisation


def test_logging_a_contact_writes_a_contact_logged_event(front_door, region):
    partner = region["orgs"]["partner"]
    data = formdata.contact(an_hour_ago(), outcomes=["referral", "assessment_offered"], referred_to=partner.pk)

    front_door.post("/contacts/new/", data)

    event = Event.objects.get(kind="contact.logged")
    assert event.actor == front_door.user
    assert event.data == {
        "channel": "phone",
        "outcomes": ["referral", "assessment_offered"],
        "referred_to": partner.pk,
    }
    assert event.object_id == Contact.objects.get().pk


def test_a_contact_about_a_known_carer_is_linked_and_asks_nothing_about_them_again(front_door, make_carer):
    person = make_carer(given="Known", family="Carertest")
    form = Page(front_door.get(f"/contacts/new/?person={person.pk}"))
    assert form.value_of("given_name") is None
    assert form.value_of("postcode") is None

    data = {k: v for k, v in formdata.contact(an_hour_ago()).items() if k not in ("given_name", "family_name")}
    response = front_door.post(f"/contacts/new/?person={person.pk}", data)

    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.person == person
    assert Event.objects.get(kind="contact.logged").person == person


def test_a_referral_needs_the_organisation_it_went_to(front_door):
    response = front_door.post("/contacts/new/", formdata.contact(an_hour_ago(), outcomes=["referral"]))

    assert response.status_code == 200
    assert "Choose the organisation they were referred to" in Page(response).error_for("referred_to")
    assert not Contact.objects.exists()


def test_a_referral_with_an_organisation_is_saved(front_door, region):
    partner = region["orgs"]["partner"]

    front_door.post("/contacts/new/", formdata.contact(an_hour_ago(), outcomes=["referral"], referred_to=partner.pk))

    assert Contact.objects.get().referred_to == partner


def test_the_setting_that_identified_a_carer_is_recorded_and_shown(front_door, region):
    gp = region["orgs"]["gp"]

    response = front_door.post("/contacts/new/", formdata.contact(an_hour_ago(), channel="gp", source_organisation=gp.pk))

    contact = Contact.objects.get()
    assert contact.source_organisation == gp
    assert "Test Surgery" in Page(front_door.get(f"/contacts/{contact.pk}/")).text, response


def test_only_a_setting_can_be_named_as_the_one_that_identified_a_carer(front_door, region):
    data = formdata.contact(an_hour_ago(), source_organisation=region["orgs"]["partner"].pk)

    response = front_door.post("/contacts/new/", data)

    assert response.status_code == 200
    assert Page(response).error_for("source_organisation")
    assert not Contact.objects.exists()


def test_an_urgent_concern_needs_details_of_what_was_done(front_door):
    response = front_door.post(
        "/contacts/new/", formdata.contact(an_hour_ago(), outcomes=["urgent"], urgent_details="   ")
    )

    assert response.status_code == 200
    assert "Enter what is urgent and what has been done" in Page(response).error_for("urgent_details")
    assert not Contact.objects.exists()


def test_information_only_cannot_be_combined_with_another_outcome(front_door):
    data = formdata.contact(an_hour_ago(), outcomes=["information_only", "identified_as_carer"])

    response = front_door.post("/contacts/new/", data)

    assert response.status_code == 200
    page = Page(response)
    assert "cannot be selected with another outcome" in page.error_for("outcomes")
    assert sorted(page.value_of("outcomes")) == ["identified_as_carer", "information_only"]
    assert not Contact.objects.exists()


def test_the_worker_can_tick_more_than_one_outcome(front_door):
    page = Page(front_door.get("/contacts/new/"))

    outcome_inputs = [n for n in page.find_all("input") if n.attrs.get("name") == "outcomes"]
    assert len(outcome_inputs) == 5
    assert {n.attrs.get("type") for n in outcome_inputs} == {"checkbox"}


def test_a_contact_needs_at_least_one_outcome_and_what_matters(front_door):
    response = front_door.post("/contacts/new/", formdata.contact(an_hour_ago(), outcomes=None, what_matters=""))

    page = Page(response)
    assert "Select at least one outcome" in page.error_for("outcomes")
    assert "Enter what matters to them" in page.error_for("what_matters")
    assert not Contact.objects.exists()


def test_a_contact_time_later_today_than_now_is_refused(front_door, fixed_clock):
    later_today = fixed_clock + timedelta(hours=1)

    response = front_door.post("/contacts/new/", formdata.contact(later_today))

    assert response.status_code == 200
    page = Page(response)
    assert "Time of contact must be now or in the past" in page.error_for("received_time")
    assert page.value_of("received_time") == later_today.strftime("%H:%M")
    assert not Contact.objects.exists()


def test_a_contact_time_a_moment_ago_is_accepted(front_door, fixed_clock):
    response = front_door.post("/contacts/new/", formdata.contact(fixed_clock - timedelta(minutes=1)))

    assert response.status_code == 302


def test_a_contact_date_in_the_future_is_refused(front_door, fixed_clock):
    response = front_door.post("/contacts/new/", formdata.contact(fixed_clock + timedelta(days=1)))

    assert response.status_code == 200
    assert "Date of contact must be today or in the past" in Page(response).error_for("received_on")
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("received_time", "25:00", "Enter the time like 14:30"),
        ("postcode", "QQ1 2AB", "Enter a full UK postcode"),
        ("what_matters", "w" * 5001, "What matters to them must be 5000 characters or less"),
        ("given_name", "n" * 101, "Carer's first name must be 100 characters or less"),
    ],
)
def test_bad_contact_input_gets_a_field_error_and_keeps_what_was_typed(front_door, field, value, message):
    response = front_door.post("/contacts/new/", formdata.contact(an_hour_ago(), **{field: value}))

    assert response.status_code == 200
    page = Page(response)
    assert message in page.error_for(field)
    assert page.value_of(field).strip() == value.strip()
    assert page.value_of("what_matters" if field != "what_matters" else "given_name")
    assert not Contact.objects.exists()


# --- From contact to carer record ----------------------------------------------------------------


@pytest.fixture
def unknown_caller(front_door):
    front_door.post("/contacts/new/", formdata.contact(an_hour_ago()))
    return Contact.objects.get()


def test_an_unlinked_contact_offers_to_create_a_carer_record_from_it(front_door, unknown_caller):
    page = Page(front_door.get(f"/contacts/{unknown_caller.pk}/"))

    assert f"/contacts/{unknown_caller.pk}/new-carer/" in page.links()


def test_the_old_new_record_link_from_a_contact_still_works(front_door, unknown_caller):
    response = front_door.get(f"/people/new/?from_contact={unknown_caller.pk}", follow=True)

    assert response.redirect_chain[-1][0] == f"/contacts/{unknown_caller.pk}/new-carer/"
    assert Page(response).value_of("given_name") == "Morwen"


def test_the_new_record_form_is_filled_in_from_the_contact(front_door, unknown_caller):
    page = Page(front_door.get(f"/contacts/{unknown_caller.pk}/new-carer/"))

    assert page.value_of("given_name") == "Morwen"
    assert page.value_of("family_name") == "Testcaller"
    assert (page.value_of("date_of_birth_day"), page.value_of("date_of_birth_month")) == ("2", "11")
    assert page.value_of("date_of_birth_year") == "1975"
    assert page.value_of("postcode") == "AF3 2BD"
    assert page.value_of("phone") == "07700 900123"  # as people write it; saved as +447700900123
    assert page.value_of("email") == "morwen@example.com"


def test_saving_the_filled_in_form_unchanged_makes_the_record_and_links_the_contact(front_door, unknown_caller):
    form = Page(front_door.get(f"/contacts/{unknown_caller.pk}/new-carer/")).form_data(
        f"/contacts/{unknown_caller.pk}/new-carer/"
    )

    response = front_door.post(f"/contacts/{unknown_caller.pk}/new-carer/", form)

    person = Person.objects.get()
    assert response.status_code == 302
    assert response.url == f"/people/{person.pk}/"
    assert (person.given_name, person.family_name, person.date_of_birth) == ("Morwen", "Testcaller", date(1975, 11, 2))
    assert (person.postcode, person.phone, person.email) == ("AF3 2BD", "+447700900123", "morwen@example.com")
    unknown_caller.refresh_from_db()
    assert unknown_caller.person == person


def test_making_a_record_from_a_contact_writes_identified_and_linked_events(front_door, unknown_caller):
    form = Page(front_door.get(f"/contacts/{unknown_caller.pk}/new-carer/")).form_data(
        f"/contacts/{unknown_caller.pk}/new-carer/"
    )

    front_door.post(f"/contacts/{unknown_caller.pk}/new-carer/", form)

    person = Person.objects.get()
    identified = Event.objects.get(kind="carer.identified")
    assert identified.person == person
    assert identified.data["contact_id"] == unknown_caller.pk
    linked = Event.objects.get(kind="contact.linked")
    assert (linked.person, linked.object_id, linked.actor) == (person, unknown_caller.pk, front_door.user)


def test_the_new_record_shows_the_contact_that_started_it(front_door, unknown_caller):
    form = Page(front_door.get(f"/contacts/{unknown_caller.pk}/new-carer/")).form_data(
        f"/contacts/{unknown_caller.pk}/new-carer/"
    )

    page = Page(front_door.post(f"/contacts/{unknown_caller.pk}/new-carer/", form, follow=True))

    assert f"/contacts/{unknown_caller.pk}/" in page.links()


def test_a_contact_already_linked_goes_to_its_record_instead_of_a_new_one(front_door, unknown_caller, make_carer):
    person = make_carer()
    Contact.objects.filter(pk=unknown_caller.pk).update(person=person)

    response = front_door.post(f"/contacts/{unknown_caller.pk}/new-carer/", formdata.new_carer())

    assert response.status_code == 302
    assert response.url == f"/people/{person.pk}/"
    assert Person.objects.count() == 1


def test_an_unlinked_contact_can_be_linked_to_an_existing_record(front_door, unknown_caller, make_carer):
    person = make_carer(given="Morwen", family="Testcaller")
    page = Page(front_door.get(f"/contacts/{unknown_caller.pk}/", {"q": "Testcaller"}))
    link_form = page.form_data(f"/contacts/{unknown_caller.pk}/link/")
    assert link_form["person"] == str(person.pk)

    response = front_door.post(f"/contacts/{unknown_caller.pk}/link/", link_form)

    assert response.status_code == 302
    assert response.url == f"/people/{person.pk}/"
    unknown_caller.refresh_from_db()
    assert unknown_caller.person == person
    assert Event.objects.get(kind="contact.linked").person == person


def test_linking_a_contact_that_is_already_linked_fails_cleanly(front_door, unknown_caller, make_carer):
    first, second = make_carer(given="First", family="Linktest"), make_carer(given="Second", family="Linktest")
    front_door.post(f"/contacts/{unknown_caller.pk}/link/", {"person": first.pk})

    response = front_door.post(f"/contacts/{unknown_caller.pk}/link/", {"person": second.pk}, follow=True)

    assert response.status_code == 200
    assert "This contact was already linked to a record." in Page(response).text
    unknown_caller.refresh_from_db()
    assert unknown_caller.person == first
    assert Event.objects.filter(kind="contact.linked").count() == 1


@pytest.mark.parametrize("person", ["", "abc", "99999999999999999999999"])
def test_linking_to_a_person_that_does_not_exist_is_not_found(front_door, unknown_caller, person):
    response = front_door.post(f"/contacts/{unknown_caller.pk}/link/", {"person": person})

    assert response.status_code == 404
    unknown_caller.refresh_from_db()
    assert unknown_caller.person is None


def test_the_unlinked_list_shows_only_contacts_waiting_for_a_record(front_door, make_carer, make_contact):
    waiting = make_contact(given_name="Waiting", family_name="Unlinkedtest")
    make_contact(make_carer(given="Already", family="Linkedtest"))

    page = Page(front_door.get("/contacts/?show=unlinked"))

    assert f"/contacts/{waiting.pk}/" in page.links()
    assert "Linkedtest" not in page.text


@pytest.mark.parametrize("q", ["Testcaller\u0000", "943 476 5918", "x" * 3000])
def test_odd_text_in_the_find_their_record_box_never_causes_a_failure(front_door, unknown_caller, make_carer, q):
    make_carer(given="Morwen", family="Testcaller")

    response = front_door.get(f"/contacts/{unknown_caller.pk}/", {"q": q})

    assert response.status_code == 200


@pytest.mark.parametrize("page_number", ["abc", "0", "99999999999999999999999", "1e400"])
def test_an_odd_page_number_on_the_contact_list_never_causes_a_failure(front_door, make_contact, page_number):
    make_contact()

    assert front_door.get("/contacts/", {"page": page_number}).status_code == 200
