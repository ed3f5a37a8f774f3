"""Emergency cards: one live card per carer, the PDF, the carer's link, cancelling and reissuing."""

import pytest
from django.db import IntegrityError

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessAction, AccessEvent, AccessPart
from carershub.support.emergency import cardnumber, services
from carershub.support.emergency.models import EmergencyCard


def test_a_worker_issues_a_card_and_prints_it(client_for, planned):
    plan, old = planned()
    services.cancel_card(old, reason="test", actor=None, expected_version=1, reissue=False)
    client = client_for(Role.PRACTITIONER)

    response = client.post(f"/emergency/carer/{plan.carer_id}/card/new/", {})

    card = EmergencyCard.objects.get(carer=plan.carer, status="live")
    assert response.url == f"/emergency/cards/{card.pk}/"
    assert cardnumber.is_valid(card.number)
    page = client.get(response.url).content.decode()
    assert cardnumber.grouped(card.number) in page
    pdf = client.get(f"/emergency/cards/{card.pk}/card.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AccessEvent.objects.filter(
        person_ref=plan.carer_id, part=AccessPart.EMERGENCY_CARD, action=AccessAction.EXPORT
    ).exists()


def test_the_pdf_is_credit_card_size_and_names_nobody(planned):
    from django.template.loader import render_to_string

    from carershub.support.emergency import cards

    plan, card = planned(given="Gwenllian")
    line = services.line_for(plan.carer.area_id)

    document = cards.card_document(card, line)

    assert len(document.pages) == 2  # Welsh, then English
    for page in document.pages:  # CSS pixels, 96 to the inch
        assert round(page.width / 96 * 25.4, 1) == 85.6
        assert round(page.height / 96 * 25.4, 1) == 54.0
    html = render_to_string("emergency/card_pdf.jinja", cards.card_context(card, line))
    assert cardnumber.grouped(card.number) in html and "01632 960 001" in html
    assert "Gwenllian" not in html and plan.carer.family_name not in html and "Emrys" not in html
    assert html.index('lang="cy"') < html.index('lang="en-GB"')


def test_in_wales_the_card_is_welsh_first(planned):
    plan, card = planned()  # make_carer's carers live in Test Afon, a Welsh area
    assert services.card_languages(card) == ["cy", "en-gb"]


def test_in_england_the_card_is_english(planned, region):
    plan, card = planned(area=region["areas"]["marches"], postcode="MR1 2AB")
    assert services.card_languages(card) == ["en-gb"]


def test_a_carer_has_at_most_one_live_card(planned, make_user):
    plan, card = planned()
    with pytest.raises(services.CardExists):
        services.issue_card(plan, actor=make_user(Role.PRACTITIONER))
    with pytest.raises(IntegrityError):
        EmergencyCard.objects.create(plan=plan, carer=plan.carer, number=cardnumber.new_number())


def test_the_issue_page_sends_a_carer_with_a_card_to_it(client_for, planned):
    plan, card = planned()
    client = client_for(Role.FRONT_DOOR)

    response = client.post(f"/emergency/carer/{plan.carer_id}/card/new/", {})

    assert response.status_code == 302 and response.url == f"/emergency/cards/{card.pk}/"
    assert EmergencyCard.objects.count() == 1


def test_a_lost_card_is_cancelled_and_reissued_under_a_new_number(client_for, planned):
    plan, card = planned()
    client = client_for(Role.PRACTITIONER)
    link = services.card_link(card)
    assert client.get(link).status_code == 200

    response = client.post(
        f"/emergency/cards/{card.pk}/cancel/", {"version": 1, "reason": "Lost on the bus", "reissue": "on"}
    )

    card.refresh_from_db()
    new = EmergencyCard.objects.get(status="live")
    assert card.status == "cancelled" and card.cancel_reason == "Lost on the bus"
    assert new.number != card.number and new.replaces == card
    assert response.url == f"/emergency/cards/{new.pk}/"
    assert client.get(link).status_code == 404  # the old link opens nothing
    kinds = list(Event.objects.filter(person=plan.carer).values_list("kind", flat=True).order_by("pk"))
    assert kinds[-2:] == [EventKind.EMERGENCY_CARD_CANCELLED, EventKind.EMERGENCY_CARD_ISSUED]
    assert client.get(f"/emergency/cards/{card.pk}/card.pdf").status_code == 404


def test_cancelling_needs_a_reason(client_for, planned):
    plan, card = planned()
    client = client_for(Role.PRACTITIONER)

    response = client.post(f"/emergency/cards/{card.pk}/cancel/", {"version": 1, "reason": ""})

    assert response.status_code == 200 and "Enter why the card is being cancelled" in response.content.decode()
    card.refresh_from_db()
    assert card.is_live


def test_a_card_cancelled_twice_at_once_is_cancelled_once(client_for, planned):
    plan, card = planned()
    client = client_for(Role.PRACTITIONER)

    client.post(f"/emergency/cards/{card.pk}/cancel/", {"version": 1, "reason": "Lost", "reissue": "on"})
    client.post(f"/emergency/cards/{card.pk}/cancel/", {"version": 1, "reason": "Lost", "reissue": "on"})

    assert EmergencyCard.objects.filter(carer=plan.carer).count() == 2


def test_the_phone_page_shows_only_the_number_and_the_line(client, planned):
    plan, card = planned(given="Gwenllian")

    response = client.get(services.card_link(card))

    text = response.content.decode()
    assert response.status_code == 200
    assert cardnumber.grouped(card.number) in text and "01632 960 001" in text
    assert "Gwenllian" not in text and plan.carer.family_name not in text
    assert 'lang="cy"' in text  # Welsh first in Wales


def test_a_tampered_link_opens_nothing(client, planned):
    plan, card = planned()
    link = services.card_link(card)

    assert client.get(link[:-3] + "xyz/").status_code == 404
    assert client.get("/emergency/card/nonsense/").status_code == 404


def test_a_card_needs_a_plan(client_for, make_carer, lines):
    client = client_for(Role.PRACTITIONER)
    carer = make_carer()

    response = client.get(f"/emergency/carer/{carer.pk}/card/new/")

    assert response.status_code == 302 and response.url == f"/emergency/carer/{carer.pk}/plan/"


def test_the_response_line_is_the_areas_else_the_regions(region, lines):
    assert services.line_for(region["areas"]["afon"].pk) == lines["afon"]
    assert services.line_for(region["areas"]["marches"].pk) == lines["default"]
    assert services.line_for(None) == lines["default"]


def test_an_area_has_one_line(region, lines):
    from carershub.support.emergency.models import ResponseLine

    with pytest.raises(IntegrityError):
        ResponseLine.objects.create(name="Another default", phone="+441632960009")


def test_the_carers_link_does_not_carry_the_card_number(planned):
    import base64

    plan, card = planned()
    token = services.card_link(card).rstrip("/").rsplit("/", 1)[-1]
    payload = token.split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode(errors="replace")

    assert card.number not in token and card.number not in decoded


def test_an_administrator_keeps_the_response_lines(client_for, lines):
    from carershub.accounts.models import Role

    admin = client_for(Role.ADMINISTRATOR)
    admin.user.is_superuser = admin.user.is_staff = True
    admin.user.save()

    page = admin.get("/admin/emergency/responseline/")

    assert page.status_code == 200 and "Afon Carers Emergency Response" in page.content.decode()
