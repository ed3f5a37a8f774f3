"""The four-person rule through the service and the pages (CIW's advice, ADSS Cymru report paragraph 9.5)."""

import datetime

import pytest

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.core.locking import StaleRecordError
from carershub.providers import checklist
from carershub.providers.arrangements import services
from carershub.providers.arrangements.models import Arrangement
from carershub.providers.models import Check, RegistrationApplication
from tests import formdata
from tests.arrangements.conftest import days
from tests.pages import Page


def form(provider, on, **overrides):
    return {"provider": str(provider.pk), "kind": "regular", "covering_for": "", "setting": "in_home",
            **formdata.date_parts("starts_on", on), **formdata.date_parts("ends_on", None),
            "hours_per_week": "10", "funded_by": "direct_payment", **overrides}


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def test_arranging_four_warns_on_the_fourth_and_needs_confirmation(signed_in, provider, person, arrange, today):
    for _n in range(3):
        arrange(provider, person())
    fourth = person()
    url = f"/care-arrangements/new/{fourth.pk}/"
    page = Page(signed_in.post(url, form(provider, today)))
    assert "This will be their fourth person" in page.text
    assert page.error_for("confirm_limit") == (
        "Confirm that the provider will be at its limit, or choose another provider")
    assert not Arrangement.objects.filter(person=fourth).exists()

    response = signed_in.post(url, form(provider, today, confirm_limit="on"))
    assert response.status_code == 302
    made = Arrangement.objects.get(person=fourth)
    assert response["Location"] == f"/care-arrangements/{made.pk}/"
    assert services.people_now(provider, today) == 4
    started = Event.objects.get(kind=EventKind.ARRANGEMENT_STARTED, object_id=made.pk)
    assert started.person_id == fourth.pk and started.organisation_id == provider.organisation_id
    assert started.data["count"] == 4


def test_a_fifth_is_refused_with_the_pathway_and_an_event_and_no_row(signed_in, provider, person, arrange, today):
    for _n in range(4):
        arrange(provider, person())
    fifth = person()
    page = Page(signed_in.post(f"/care-arrangements/new/{fifth.pk}/", form(provider, today, confirm_limit="on")))
    summary = " ".join(page.error_summary)
    assert "would care for 5 people at home at one time" in summary
    assert "must first register with Care Inspectorate Wales" in summary
    assert "can take up to 14 weeks" in summary
    assert "No application to register is recorded" in summary
    assert f"/providers/{provider.pk}/" in page.links()
    assert f"/providers/{provider.pk}/registration/new/" not in page.links()  # a practitioner does not keep the register
    assert not Arrangement.objects.filter(person=fifth).exists()
    refused = Event.objects.get(kind=EventKind.ARRANGEMENT_REFUSED)
    assert refused.person_id == fifth.pk and refused.data["count"] == 5 and refused.data["limit"] == 4


def test_cover_counts_toward_the_provider_giving_it(provider, a_provider, person, arrange, practitioner, today):
    covered = a_provider()
    for _n in range(3):
        arrange(provider, person())
    arrange(provider, person(), kind="cover", covering_for=covered)
    assert services.people_now(provider, today) == 4
    assert services.people_now(covered, today) == 0
    with pytest.raises(services.Refused) as refused:
        arrange(provider, person())
    assert refused.value.pathway


def test_cover_must_name_another_provider(provider, person, arrange):
    with pytest.raises(services.Refused) as refused:
        arrange(provider, person(), kind="cover", covering_for=provider)
    assert refused.value.problems == ["A provider cannot cover for itself. Select the provider they are covering for."]
    assert not refused.value.pathway
    with pytest.raises(services.Refused):
        arrange(provider, person(), kind="cover", covering_for=None)


def test_care_outside_the_home_does_not_count(provider, person, arrange, today):
    for _n in range(4):
        arrange(provider, person())
    outside = arrange(provider, person(), setting="outside_home")
    assert outside.pk and services.people_now(provider, today) == 4


def test_a_registered_provider_has_no_limit(a_provider, person, arrange, today):
    registered = a_provider(registered_on=today - days(1))
    for _n in range(6):
        arrange(registered, person(), confirmed_limit=False)
    assert services.people_now(registered, today) == 6
    verdict = services.preview(provider=registered, person=person(), starts_on=today, ends_on=None, setting="in_home")
    assert verdict.limit is None and verdict.verdict == "ok" and verdict.count == 7


def test_registration_later_frees_the_provider_from_that_date(a_provider, person, arrange, today):
    later = a_provider(registered_on=today + days(30))
    for _n in range(4):
        arrange(later, person())
    with pytest.raises(services.Refused):
        arrange(later, person())
    arrange(later, person(), starts_on=today + days(30))  # on the registration date the limit no longer applies


def test_an_agency_is_not_limited(a_provider, person, arrange, today):
    agency = a_provider(provider_type="private_agency")
    for _n in range(5):
        arrange(agency, person(), confirmed_limit=False)
    assert services.people_now(agency, today) == 5


def test_a_pending_registration_still_limits_and_gives_its_expected_date(signed_in, provider, person, arrange, today):
    RegistrationApplication.objects.create(provider=provider, submitted_on=today - days(7),
                                           expected_decision_on=datetime.date(2030, 1, 15))
    for _n in range(4):
        arrange(provider, person())
    fifth = person()
    page = Page(signed_in.post(f"/care-arrangements/new/{fifth.pk}/", form(provider, today)))
    summary = " ".join(page.error_summary)
    assert "a decision is expected by 15 January 2030" in summary
    assert not Arrangement.objects.filter(person=fifth).exists()


def test_an_expired_essential_item_refuses(signed_in, provider, person, today):
    item = next(i for i in checklist.ITEMS if i.essential and i.expires and not i.per_worker)
    Check.objects.create(provider=provider, item=item.code, outcome=checklist.MET, checked_on=today - days(400),
                         expires_on=today - days(1))
    Check.objects.filter(provider=provider, item=item.code, checked_on=today).delete()
    somebody = person()
    page = Page(signed_in.post(f"/care-arrangements/new/{somebody.pk}/", form(provider, today)))
    assert any("has expired" in line for line in page.error_summary)
    assert not Arrangement.objects.exists()
    assert not Event.objects.filter(kind=EventKind.ARRANGEMENT_REFUSED).exists()  # not a limit refusal


def test_an_inactive_provider_refuses(a_provider, person, arrange):
    paused = a_provider(status="paused")
    with pytest.raises(services.Refused) as refused:
        arrange(paused, person())
    assert "is not active on the register" in refused.value.problems[0]


def test_the_same_person_twice_over_the_same_dates_is_refused(provider, person, arrange, today):
    somebody = person()
    arrange(provider, somebody, ends_on=today + days(10))
    with pytest.raises(services.Refused) as refused:
        arrange(provider, somebody, starts_on=today + days(10))
    assert "already has an arrangement with this person" in refused.value.problems[0]
    arrange(provider, somebody, starts_on=today + days(11))


def test_an_ended_arrangement_frees_a_place(signed_in, provider, person, arrange, today, practitioner):
    first = arrange(provider, person(), starts_on=today - days(30))
    for _n in range(3):
        arrange(provider, person())
    with pytest.raises(services.Refused):
        arrange(provider, person())
    page = Page(signed_in.get(f"/care-arrangements/{first.pk}/end/"))
    data = {**page.form_data(), **formdata.date_parts("ends_on", today - days(1)), "reason": "Moved away"}
    response = signed_in.post(f"/care-arrangements/{first.pk}/end/", data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.ends_on == today - days(1) and first.ended_reason == "Moved away" and first.version == 2
    assert Event.objects.filter(kind=EventKind.ARRANGEMENT_ENDED, object_id=first.pk).count() == 1
    assert services.people_now(provider, today) == 3
    arrange(provider, person())


def test_a_change_that_extends_into_a_full_period_is_refused(signed_in, provider, person, arrange, today):
    short = arrange(provider, person(), ends_on=today + days(10))
    for _n in range(4):
        arrange(provider, person(), starts_on=today + days(20))
    page = Page(signed_in.get(f"/care-arrangements/{short.pk}/change/"))
    data = {**page.form_data(), **formdata.date_parts("ends_on", today + days(25))}
    page = Page(signed_in.post(f"/care-arrangements/{short.pk}/change/", data))
    assert "must first register with Care Inspectorate Wales" in " ".join(page.error_summary)
    short.refresh_from_db()
    assert short.ends_on == today + days(10) and short.version == 1
    assert Event.objects.filter(kind=EventKind.ARRANGEMENT_REFUSED).count() == 1
    # Shortening, or ending before the others start, is fine.
    data = {**data, **formdata.date_parts("ends_on", today + days(19))}
    assert signed_in.post(f"/care-arrangements/{short.pk}/change/", data).status_code == 302
    short.refresh_from_db()
    assert short.ends_on == today + days(19) and short.version == 2


def test_a_change_bringing_care_into_the_home_is_checked(provider, person, arrange, practitioner, today):
    outside = arrange(provider, person(), setting="outside_home")
    for _n in range(4):
        arrange(provider, person())
    with pytest.raises(services.Refused):
        services.change_arrangement(outside, expected_version=1, ends_on=None, hours_per_week=None,
                                    setting="in_home", actor=practitioner)
    outside.refresh_from_db()
    assert outside.setting == "outside_home" and outside.version == 1


def test_a_stale_version_is_refused(signed_in, provider, person, arrange, practitioner, today):
    made = arrange(provider, person())
    page = Page(signed_in.get(f"/care-arrangements/{made.pk}/change/"))
    services.change_arrangement(made, expected_version=1, ends_on=None, hours_per_week=5, setting="in_home",
                                actor=practitioner)
    response = signed_in.post(f"/care-arrangements/{made.pk}/change/", {**page.form_data(), "hours_per_week": "9"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.hours_per_week == 5 and made.version == 2
    followed = Page(signed_in.get(response["Location"]))
    assert "Somebody else changed this" in followed.text
    with pytest.raises(StaleRecordError):
        services.end_arrangement(made, expected_version=1, ends_on=today, reason="x", actor=practitioner)


def test_bad_input_gets_field_errors_not_a_500(signed_in, provider, person, today):
    somebody = person()
    data = form(provider, today, hours_per_week="lots", **formdata.date_parts("ends_on", today - days(1)))
    data["starts_on_month"] = "13"
    page = Page(signed_in.post(f"/care-arrangements/new/{somebody.pk}/", data))
    assert page.error_for("hours_per_week") == "Hours a week must be a number, like 10 or 7.5"
    assert page.error_for("starts_on") == "Start date must be a real date"
    page = Page(signed_in.post(f"/care-arrangements/new/{somebody.pk}/",
                               {**form(provider, today, kind="cover"), "provider": "999999"}))
    assert page.error_for("provider") == "Choose a provider"
    assert page.error_for("covering_for") == "Choose the provider they are covering for"
    assert not Arrangement.objects.exists()


def test_people_now_counts_people_not_rows(provider, person, arrange, today):
    somebody = person()
    arrange(provider, somebody, ends_on=today)
    arrange(provider, somebody, setting="outside_home", starts_on=today + days(1))
    assert services.people_now(provider, today) == 1
    assert services.people_now(provider, today + days(1)) == 0


def test_a_team_manager_refused_is_offered_to_record_the_application(client, make_user, provider, person, arrange,
                                                                     today):
    for _n in range(4):
        arrange(provider, person())
    fifth = person()
    client.force_login(make_user(Role.TEAM_MANAGER))
    page = Page(client.post(f"/care-arrangements/new/{fifth.pk}/", form(provider, today)))
    assert f"/providers/{provider.pk}/registration/new/" in page.links()
    assert not Arrangement.objects.filter(person=fifth).exists()
