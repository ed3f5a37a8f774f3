"""Identification in settings through the pages: the answer at the top of the list, engagement,
champions and training recorded once with their events, carers identified counted from contacts,
commissioners seeing counts only, and bad input refused on the field with nothing saved."""

import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.identification import services
from carershub.identification.models import Champion, Engagement, Training
from carershub.partnership.models import Organisation
from carershub.referrals import services as referral_services
from tests import formdata
from tests.pages import Page

TODAY = timezone.localdate


def _post(client, url, typed):
    return client.post(url, {**Page(client.get(url)).form_data(), **typed})


# ---------------------------------------------------------------- the coverage answer


def test_the_list_answers_how_many_gp_practices_in_an_area_were_engaged(signed_in, region, make_setting, engage):
    surgeries = [region["orgs"]["gp"]] + [make_setting(f"Surgery {n}") for n in range(3)]
    engage(surgeries[0], days_ago=10)
    engage(surgeries[1], days_ago=364)
    engage(surgeries[2], days_ago=366)  # more than a year ago: not engaged
    make_setting("Closed Surgery")
    Organisation.objects.filter(name="Closed Surgery").update(is_active=False)  # closed: not counted
    make_setting("Marches Surgery", area="marches")  # another council's area: not shown here
    make_setting("Ysgol Afon", kind=Organisation.Kind.SCHOOL)

    page = Page(signed_in.get("/settings-engaged/"))

    assert "2 of 4 GP practices in Test Afon engaged in the last 12 months" in page.text
    assert "0 of 1 schools and colleges in Test Afon engaged in the last 12 months" in page.text
    assert "Marches Surgery" not in page.text and "Closed Surgery" not in page.text


def test_the_list_filters_by_engaged_kind_and_area(signed_in, region, make_setting, engage):
    engaged = make_setting("Engaged Surgery")
    engage(engaged)
    make_setting("Quiet Surgery")
    make_setting("Ysgol Afon", kind=Organisation.Kind.SCHOOL)

    names = lambda query: [row[0].split("\n")[0].strip() for row in Page(signed_in.get(f"/settings-engaged/?{query}")).table_rows()]  # noqa: E731

    assert names("engaged=yes") == ["Engaged Surgery"]
    assert names("engaged=no&kind=gp_practice") == ["Quiet Surgery", "Test Surgery"]
    assert names("kind=school") == ["Ysgol Afon"]
    assert Page(signed_in.get("/settings-engaged/?kind=nonsense&area=x")).error_for("kind")


def test_training_given_to_a_setting_counts_as_engagement(signed_in, region, worker):
    services.record_training(actor=worker, date=TODAY() - datetime.timedelta(days=20), title="Carer awareness",
                             for_settings=[region["orgs"]["gp"]], delivered_by=region["orgs"]["council"], attending=8)

    assert "1 of 1 GP practices in Test Afon engaged" in Page(signed_in.get("/settings-engaged/")).text


# ---------------------------------------------------------------- settings


def test_a_worker_adds_a_gp_practice_with_its_ods_code(signed_in, region):
    response = _post(signed_in, "/settings-engaged/new/",
                     {"name": "Bryn  Surgery", "kind": "gp_practice", "area": region["areas"]["afon"].pk, "ods_code": "w95 010"})

    setting = Organisation.objects.get(name="Bryn Surgery")
    assert response.url == f"/settings-engaged/{setting.pk}/"
    assert (setting.kind, setting.ods_code, setting.area, setting.sector) == ("gp_practice", "W95010", region["areas"]["afon"], "private")


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"ods_code": "12345"}, "ods_code", "Enter a GP practice's ODS code as a letter and 5 numbers, like A81001"),
        ({"kind": "school", "ods_code": "A81001"}, "ods_code", "Only GP practices, pharmacies and NHS trusts have an ODS code: leave it blank"),
        ({"kind": "council"}, "kind", "Select what kind of setting it is"),
        ({"name": "Test Surgery"}, "name", "A setting of this type with this name is already listed"),
        ({"name": ""}, "name", "Enter the setting's name"),
        ({"name": "x" * 201}, "name", "Name must be 200 characters or less"),
        ({"area": "99999"}, "area", "Select an area from the list"),
    ],
)
def test_a_setting_with_bad_details_is_refused_on_the_field(signed_in, region, typed, field, message):
    before = Organisation.objects.count()
    data = {"name": "New Surgery", "kind": "gp_practice", "area": region["areas"]["afon"].pk, "ods_code": "", **typed}

    response = _post(signed_in, "/settings-engaged/new/", data)

    assert response.status_code == 200
    assert Page(response).error_for(field) == message
    assert Organisation.objects.count() == before


def test_an_ods_code_already_given_to_another_setting_is_refused(signed_in, region, make_setting):
    make_setting("Coded Surgery", ods_code="W95011")
    response = _post(signed_in, "/settings-engaged/new/",
                     {"name": "Copy Surgery", "kind": "gp_practice", "area": region["areas"]["afon"].pk, "ods_code": "W95011"})
    assert Page(response).error_for("ods_code") == "Coded Surgery already has this ODS code"


def test_a_setting_changed_by_someone_else_meanwhile_is_not_saved(signed_in, region):
    gp = region["orgs"]["gp"]
    url = f"/settings-engaged/{gp.pk}/edit/"
    shown = Page(signed_in.get(url)).form_data()
    Organisation.objects.filter(pk=gp.pk).update(name="Renamed Surgery")

    response = signed_in.post(url, {**shown, "ods_code": "W95012", "is_active": "on"})

    assert response.status_code == 302
    gp.refresh_from_db()
    assert (gp.name, gp.ods_code) == ("Renamed Surgery", "")
    assert "Somebody else changed this" in Page(signed_in.get(response.url)).text


def test_a_setting_is_changed_and_closed(signed_in, region):
    gp = region["orgs"]["gp"]
    url = f"/settings-engaged/{gp.pk}/edit/"
    response = signed_in.post(url, {**Page(signed_in.get(url)).form_data(), "ods_code": "W95012", "is_active": ""})
    gp.refresh_from_db()
    assert response.status_code == 302 and gp.ods_code == "W95012" and not gp.is_active


def test_a_setting_of_another_area_or_not_a_setting_is_not_found(signed_in, region, make_setting):
    marches = make_setting("Marches Surgery", area="marches")
    assert signed_in.get(f"/settings-engaged/{marches.pk}/").status_code == 404
    assert signed_in.get(f"/settings-engaged/{region['orgs']['council'].pk}/").status_code == 404
    assert signed_in.get(f"/settings-engaged/{marches.pk}/engagement/new/").status_code == 404


# ---------------------------------------------------------------- engagement


def test_engagement_is_recorded_once_with_its_event(signed_in, region, worker):
    gp = region["orgs"]["gp"]
    day = TODAY() - datetime.timedelta(days=2)

    response = _post(signed_in, f"/settings-engaged/{gp.pk}/engagement/new/",
                     {**formdata.date_parts("date", day), "kind": "register_check", "unit": "Reception",
                      "with_whom": "Practice manager", "notes": "Register had 40 carers coded"})

    assert response.url == f"/settings-engaged/{gp.pk}/"
    engagement = Engagement.objects.get()
    assert (engagement.date, engagement.kind, engagement.organisation) == (day, "register_check", region["orgs"]["council"])
    event = Event.objects.get(kind=EventKind.SETTING_ENGAGED)
    assert event.organisation_id == worker.organisation_id
    assert event.data["setting_id"] == gp.pk and event.data["kind"] == "register_check"
    page = Page(signed_in.get(response.url))
    assert "Carers' register check" in page.text and "Yes, last on" in page.text


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"date_day": ""}, "date", "Date must include a day"),
        ({"kind": ""}, "kind", "Select what the engagement was"),
        ({"kind": "visit", **formdata.date_parts("commitment_until", datetime.date(2030, 1, 1))}, "commitment_until",
         "Only a signed commitment or award runs until a date: leave it blank"),
        ({"kind": "commitment", **formdata.date_parts("commitment_until", datetime.date(2020, 1, 1))}, "commitment_until",
         "The commitment must run until a day on or after the date it was signed"),
        ({"notes": "x" * 2001}, "notes", "Notes must be 2000 characters or less"),
    ],
)
def test_bad_engagement_is_refused_on_the_field(signed_in, region, typed, field, message):
    gp = region["orgs"]["gp"]
    data = {**formdata.date_parts("date", TODAY()), "kind": "visit", **typed}
    response = _post(signed_in, f"/settings-engaged/{gp.pk}/engagement/new/", data)
    assert response.status_code == 200
    assert Page(response).error_for(field) == message
    assert not Engagement.objects.exists() and not Event.objects.filter(kind=EventKind.SETTING_ENGAGED).exists()


def test_an_engagement_in_the_future_is_refused(signed_in, region):
    gp = region["orgs"]["gp"]
    response = _post(signed_in, f"/settings-engaged/{gp.pk}/engagement/new/",
                     {**formdata.date_parts("date", TODAY() + datetime.timedelta(days=1)), "kind": "visit"})
    assert Page(response).error_for("date") == "Date must be today or in the past"


def test_a_signed_commitment_shows_while_it_runs(signed_in, region, engage):
    gp = region["orgs"]["gp"]
    engage(gp, days_ago=400, kind="commitment", commitment_until=TODAY() + datetime.timedelta(days=30))
    page = Page(signed_in.get(f"/settings-engaged/{gp.pk}/"))
    assert "Yes, signed on" in page.text
    assert "Committed" in Page(signed_in.get("/settings-engaged/")).text


# ---------------------------------------------------------------- champions


def test_a_champion_is_added_and_changed(signed_in, region):
    gp = region["orgs"]["gp"]
    response = _post(signed_in, f"/settings-engaged/{gp.pk}/champions/new/",
                     {"name": "Nia Jones", "role": "Receptionist", "email": "Nia@Example.org", "phone": "029 2018 0000",
                      **formdata.date_parts("since", TODAY() - datetime.timedelta(days=60)),
                      **formdata.date_parts("trained_on", None)})
    assert response.url == f"/settings-engaged/{gp.pk}/"
    champion = Champion.objects.get()
    assert (champion.email, champion.phone) == ("Nia@example.org", "+442920180000")
    assert "Nia Jones" in Page(signed_in.get(response.url)).text

    url = f"/settings-engaged/champions/{champion.pk}/"
    response = signed_in.post(url, {**Page(signed_in.get(url)).form_data(), "is_active": ""})
    champion.refresh_from_db()
    assert response.status_code == 302 and not champion.is_active and champion.version == 2


@pytest.mark.parametrize(
    ("typed", "field"),
    [({"email": "not an email"}, "email"), ({"phone": "12"}, "phone"), ({"name": ""}, "name"), ({"since_year": "20"}, "since")],
)
def test_a_champion_with_bad_details_is_refused_on_the_field(signed_in, region, typed, field):
    gp = region["orgs"]["gp"]
    data = {"name": "Nia Jones", "role": "Receptionist", **formdata.date_parts("since", TODAY()), **typed}
    response = _post(signed_in, f"/settings-engaged/{gp.pk}/champions/new/", data)
    assert response.status_code == 200 and Page(response).error_for(field)
    assert not Champion.objects.exists()


def test_a_champion_changed_by_someone_else_meanwhile_is_not_saved(signed_in, region, worker):
    champion = services.add_champion(region["orgs"]["gp"], actor=worker, name="Nia Jones", role="Nurse", since=TODAY())
    url = f"/settings-engaged/champions/{champion.pk}/"
    shown = Page(signed_in.get(url)).form_data()
    services.update_champion(champion, expected_version=1, actor=worker, role="Practice nurse")

    response = signed_in.post(url, {**shown, "role": "Lead nurse"})

    champion.refresh_from_db()
    assert response.status_code == 302 and champion.role == "Practice nurse"


# ---------------------------------------------------------------- training


def test_training_is_recorded_with_its_attendance_event(signed_in, region):
    gp = region["orgs"]["gp"]
    response = _post(signed_in, f"/settings-engaged/training/new/?setting={gp.pk}",
                     {**formdata.date_parts("date", TODAY()), "title": "Carer awareness for reception teams",
                      "attending": "14", "roles": ["reception", "gp"], "delivered_by": region["orgs"]["centre"].pk})

    training = Training.objects.get()
    assert response.url == f"/settings-engaged/training/{training.pk}/"
    assert list(training.for_settings.all()) == [gp] and training.roles == ["gp", "reception"]
    event = Event.objects.get(kind=EventKind.TRAINING_DELIVERED)
    assert event.data["attending"] == 14 and event.data["setting_ids"] == [gp.pk]
    page = Page(signed_in.get(response.url))
    assert "GPs, Receptionists and practice managers" in page.text


@pytest.mark.parametrize(
    ("attending", "message"),
    [("0", "Enter at least 1"), ("ten", "Enter the number who attended as a whole number, like 12"),
     ("100000000000000000000", "Enter 1,000 or fewer"), ("", "Enter the number who attended")],
)
def test_training_with_a_bad_number_attending_is_refused(signed_in, region, attending, message):
    response = _post(signed_in, "/settings-engaged/training/new/",
                     {**formdata.date_parts("date", TODAY()), "title": "Open session", "attending": attending})
    assert Page(response).error_for("attending") == message
    assert not Training.objects.exists()


def test_training_cannot_name_a_setting_the_worker_does_not_see(signed_in, region, make_setting):
    marches = make_setting("Marches Surgery", area="marches")
    response = _post(signed_in, "/settings-engaged/training/new/",
                     {**formdata.date_parts("date", TODAY()), "title": "Open", "attending": "3", "for_settings": [marches.pk]})
    assert Page(response).error_for("for_settings")
    assert signed_in.get(f"/settings-engaged/training/new/?setting={marches.pk}").status_code == 404


# ---------------------------------------------------------------- carers identified


def test_carers_identified_count_each_carer_once_and_each_unlinked_caller(signed_in, region, make_carer, identified_by):
    gp = region["orgs"]["gp"]
    ann, bob = make_carer(given="Ann"), make_carer(given="Bob")
    identified_by(gp, ann, days_ago=3)
    identified_by(gp, ann, days_ago=4)
    identified_by(gp, bob, days_ago=5)
    identified_by(gp, None, days_ago=6)
    identified_by(gp, ann, days_ago=800)  # long ago: in "all", not in the last 12 months

    page = Page(signed_in.get(f"/settings-engaged/{gp.pk}/"))

    assert "3 in the last 12 months, 3 in all" in page.text
    quarters = page.table_rows()
    assert sum(int(row[1]) for row in quarters) >= 3
    assert "Ann" not in page.text.replace("Annual", "")  # counts only: no carer is named
    rows = Page(signed_in.get("/settings-engaged/?kind=gp_practice")).table_rows()
    assert rows[0][-1] == "3"


def test_referrals_a_setting_sent_count_as_carers_it_identified_once_each(
    signed_in, region, make_carer, make_user, make_consent, identified_by
):
    gp = region["orgs"]["gp"]
    ann, cai = make_carer(given="Ann"), make_carer(given="Cai")
    identified_by(gp, ann, days_ago=3)
    surgery_worker = make_user(Role.PARTNER_WORKER, organisation=gp)
    for carer in (ann, cai):  # Ann was named on a contact too: counted once
        make_consent(carer, "partner")
        referral_services.send(carer, actor=surgery_worker, to_organisation=region["orgs"]["partner"],
                               reason="Caring for a parent", urgency="routine", purpose="support_and_referral",
                               shared=["contact_details"])

    page = Page(signed_in.get(f"/settings-engaged/{gp.pk}/"))

    assert "2 in the last 12 months, 2 in all" in page.text
    assert Page(signed_in.get("/settings-engaged/?kind=gp_practice")).table_rows()[0][-1] == "2"


def test_a_commissioner_sees_coverage_and_counts_with_small_ones_hidden(client_for, region, make_carer, make_setting, identified_by):
    busy = make_setting("Busy Surgery")
    for n in range(6):
        identified_by(busy, make_carer(given=f"Carer{n}"))
    identified_by(region["orgs"]["gp"], make_carer(given="Solo"))
    client = client_for(Role.COMMISSIONER)

    page = Page(client.get("/settings-engaged/?kind=gp_practice"))

    counts = {row[0].split("\n")[0].strip(): row[-1] for row in page.table_rows()}
    assert counts == {"Busy Surgery": "6", "Test Surgery": "fewer than 5"}
    assert "/settings-engaged/" + str(busy.pk) not in " ".join(page.links())
    assert client.get(f"/settings-engaged/{busy.pk}/").status_code == 403


@pytest.mark.parametrize("role", [Role.PARTNER_WORKER, Role.EMERGENCY_RESPONDER])
def test_partners_and_responders_have_no_page_here(client_for, role):
    assert client_for(role).get("/settings-engaged/").status_code == 403
