"""Create forms sent twice make one record: one-time form tokens (core/idempotency.py).

Every form that creates something carries a token; the first post with it creates, a second
post (a double click, the page sent again, a second tab, or the same moment on PostgreSQL)
lands on what the first made. A post without a good token saves nothing and says why.
"""

import importlib
import time
from pathlib import Path
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django import forms
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.assessments.models import Assessment
from carershub.casework.models import Alert, CaseNote, Task
from carershub.contacts import services as contact_services
from carershub.contacts.models import Contact
from carershub.core import idempotency
from carershub.core.models import UsedFormToken
from carershub.people.models import CaringRelationship, Consent, Person
from carershub.selfassessment.models import SelfAssessment
from carershub.support.models import SupportPlan
from tests import formdata
from tests.builders import completed_assessment
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.pages import Page
from tests.selfassessment.test_self_assessment import _received, self_assessment_data

ALREADY_SENT = "This form was sent more than once. It was saved once, and this is what was saved."
MISSING = "This form could not be checked, so nothing was saved. Check your answers and send them again."
EXPIRED = "This page was open for more than a day, so nothing was saved. Check your answers and send them again."


@dataclass
class CreateForm:
    client: Client
    url: str  # where the form is shown
    typed: dict  # what the worker types, over what the page already holds
    count: object  # how many records of the kind it makes there are
    post_url: str = ""

    def page(self) -> Page:
        response = self.client.get(self.url)
        assert response.status_code == 200, (self.url, response.status_code)
        return Page(response)

    def filled_in(self) -> dict:
        return {**self.page().form_data(), **self.typed}

    def send(self, data):
        return self.client.post(self.post_url or self.url, data)


@pytest.fixture
def create_forms(region, make_user, make_carer, make_contact, new_client):
    """Each create form of the service, with a signed-in client allowed to use it and valid answers."""
    front_door = new_client(make_user(Role.FRONT_DOOR))
    practitioner = new_client(make_user(Role.PRACTITIONER, organisation="council"))
    council, partner = region["orgs"]["council"], region["orgs"]["partner"]
    carer = make_carer(given="Idempotent", family="Testcarer")
    today = timezone.localdate()

    def contact():
        return CreateForm(front_door, "/contacts/new/", formdata.contact(timezone.localtime() - timedelta(hours=1)),
                          Contact.objects.count)

    def new_carer():
        return CreateForm(front_door, "/people/new/", formdata.new_carer(), Person.objects.count)

    def carer_from_contact():
        caller = make_contact(given_name="Bronwen", family_name="Testfield")
        return CreateForm(front_door, f"/contacts/{caller.pk}/new-carer/", formdata.new_carer(), Person.objects.count)

    def cared_for():
        return CreateForm(front_door, f"/people/{carer.pk}/cared-for/new/", formdata.cared_for(),
                          CaringRelationship.objects.count)

    def consent():
        return CreateForm(front_door, f"/people/{carer.pk}/consents/new/", formdata.consent(partner, today),
                          Consent.objects.count)

    def assessment():
        typed = {"assessment_type": "carer", "assessing_organisation": str(council.pk)}
        return CreateForm(practitioner, f"/assessments/new/{carer.pk}/", typed, Assessment.objects.count)

    def support_plan():
        done = completed_assessment(carer, actor=practitioner.user, organisation=council)
        typed = formdata.date_parts("review_date", today + timedelta(days=300))
        return CreateForm(practitioner, f"/plans/new/{done.pk}/", typed, SupportPlan.objects.count)

    def self_assessment():
        afon = region["areas"]["afon"]
        return CreateForm(Client(), f"/self-assessment/questions/?area={afon.pk}", self_assessment_data(afon),
                          SelfAssessment.objects.count, post_url="/self-assessment/questions/")

    def assessment_from_self_assessment():
        sent = _received(region["areas"]["afon"])
        typed = {"carer": "new", "assessing_organisation": str(council.pk)}
        return CreateForm(practitioner, f"/self-assessment/review/{sent.pk}/", typed, Assessment.objects.count)

    def case_note():
        typed = {"category": "phone_call", "text": "Asked about breaks.", **formdata.date_parts("happened_on", today)}
        return CreateForm(front_door, f"/work/notes/new/{carer.pk}/", typed, CaseNote.objects.count)

    def addendum():
        from carershub.casework import services as casework_services

        note = casework_services.write_note(carer, category="visit", text="Visited.", happened_on=today, actor=front_door.user)
        return CreateForm(front_door, f"/work/notes/{note.pk}/", {"text": "Also met her daughter."}, CaseNote.objects.count)

    def task():
        typed = {"title": "Ring the GP", "priority": "normal", "assign": "me", **formdata.date_parts("due_on", today)}
        return CreateForm(front_door, f"/work/tasks/new/?person={carer.pk}", typed, Task.objects.count)

    def alert():
        typed = {"kind": "warning", "summary": "Lone visits only in pairs."}
        return CreateForm(front_door, f"/work/alerts/new/{carer.pk}/", typed, Alert.objects.count)

    def document():
        from carershub.documents.models import Document
        from tests.documents.files import Upload, pdf

        typed = {"kind": "signed_consent", "title": "Consent form", "file": Upload("consent.pdf", pdf())}
        return CreateForm(front_door, f"/documents/person/{carer.pk}/new/", typed, Document.objects.count)

    forms = {f.__name__: f for f in (contact, new_carer, carer_from_contact, cared_for, consent, assessment,
                                     support_plan, self_assessment, assessment_from_self_assessment,
                                     case_note, addendum, task, alert, document)}
    for module in CREATE_FORM_MODULES:
        forms.update(module.create_forms(region=region, make_user=make_user, new_client=new_client,
                                         carer=carer, practitioner=practitioner, front_door=front_door))
    return forms


# Create forms of apps that keep their own list (tests/<app>/create_forms.py): each has CREATE_FORMS
# (names) and ``create_forms(region=, make_user=, new_client=, carer=, practitioner=, front_door=)``
# returning {name: function returning a CreateForm}.
CREATE_FORM_MODULES = [
    importlib.import_module(f"tests.{path.parent.name}.create_forms")
    for path in sorted(Path(__file__).resolve().parents[1].glob("*/create_forms.py"))
]


CREATE_FORMS = [
    "contact",
    "new_carer",
    "carer_from_contact",
    "cared_for",
    "consent",
    "assessment",
    "support_plan",
    "self_assessment",
    "assessment_from_self_assessment",
    "case_note",
    "addendum",
    "task",
    "alert",
    "document",
    *(name for module in CREATE_FORM_MODULES for name in module.CREATE_FORMS),
]


def token_of(data: dict) -> str:
    return next(v for k, v in data.items() if k == idempotency.FIELD or k.endswith(f"-{idempotency.FIELD}"))


@pytest.mark.parametrize("kind", CREATE_FORMS)
def test_every_create_form_carries_a_one_time_token(create_forms, kind):
    form = create_forms[kind]()

    assert token_of(form.page().form_data())


@pytest.mark.parametrize("kind", CREATE_FORMS)
def test_a_create_form_sent_twice_makes_one_record_and_the_second_lands_on_it(create_forms, kind):
    form = create_forms[kind]()
    data = form.filled_in()
    before = form.count()

    first = form.send(data)
    second = form.send(data)

    assert first.status_code == 302, Page(first).error_summary
    assert form.count() == before + 1
    assert second.status_code == 302
    assert second.url == first.url
    if form.client.session.get("_auth_user_id"):  # the public pages have no banner
        assert ALREADY_SENT in Page(form.client.get(second.url)).text


def test_a_page_shown_again_after_a_mistake_keeps_its_token_and_still_saves_once(create_forms):
    form = create_forms["contact"]()
    data = form.filled_in()

    mistake = form.send({**data, "what_matters": ""})
    assert Page(mistake).error_for("what_matters") == "Enter what matters to them"
    corrected = {**Page(mistake).form_data(), "what_matters": "Needs a break at weekends"}
    assert token_of(corrected) == token_of(data), "nothing was made, so the same token may still be used"

    assert form.send(corrected).status_code == 302
    assert form.send(corrected).status_code == 302
    assert Contact.objects.count() == 1


@pytest.fixture
def browser(make_user):
    """A client that behaves like a browser: it sends only what the page gave it (CSRF checks on)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Role.FRONT_DOOR))
    return client


def contact_page(client) -> dict:
    return {**Page(client.get("/contacts/new/")).form_data(), **formdata.contact(timezone.localtime() - timedelta(hours=1))}


def test_a_form_without_its_token_saves_nothing_and_says_why(browser):
    data = contact_page(browser)
    del data[idempotency.FIELD]

    response = browser.post("/contacts/new/", data)

    assert response.status_code == 200
    assert Page(response).error_summary == [MISSING]
    assert not Contact.objects.exists()
    again = Page(response).form_data()
    assert again["what_matters"] == data["what_matters"], "what was typed is kept"
    assert browser.post("/contacts/new/", again).status_code == 302, "the page shown again carries a good token"
    assert Contact.objects.count() == 1


def test_a_forged_token_saves_nothing(browser):
    data = contact_page(browser)
    data[idempotency.FIELD] = data[idempotency.FIELD][:-2] + "xx"

    response = browser.post("/contacts/new/", data)

    assert Page(response).error_summary == [MISSING]
    assert not Contact.objects.exists()


def test_another_users_form_cannot_be_sent(browser, make_user):
    data = contact_page(browser)
    colleague = Client(enforce_csrf_checks=True)
    colleague.force_login(make_user(Role.FRONT_DOOR))
    data["csrfmiddlewaretoken"] = Page(colleague.get("/contacts/new/")).form_data()["csrfmiddlewaretoken"]

    response = colleague.post("/contacts/new/", data)

    assert Page(response).error_summary == [MISSING]
    assert not Contact.objects.exists()


def test_a_page_open_for_more_than_a_day_saves_nothing_and_says_so(browser, monkeypatch):
    a_day_ago = int(time.time()) - 25 * 60 * 60
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(a_day_ago))
    data = contact_page(browser)  # the page was shown 25 hours ago
    monkeypatch.undo()

    response = browser.post("/contacts/new/", data)

    assert Page(response).error_summary == [EXPIRED]
    assert not Contact.objects.exists()
    assert token_of(Page(response).form_data()) != token_of(data)


def test_used_tokens_older_than_a_day_are_deleted(create_forms):
    old = UsedFormToken.objects.create(token="old", path="/contacts/new/", used_at=timezone.now() - timedelta(days=2))
    recent = UsedFormToken.objects.create(token="recent", path="/contacts/new/", used_at=timezone.now() - timedelta(hours=1))
    form = create_forms["contact"]()

    form.send(form.filled_in())

    assert not UsedFormToken.objects.filter(pk=old.pk).exists()
    assert UsedFormToken.objects.filter(pk=recent.pk).exists()
    assert UsedFormToken.objects.count() == 2, "the one just used is kept"


def test_a_view_using_one_time_must_be_decorated(rf: RequestFactory):
    with pytest.raises(ImproperlyConfigured):
        idempotency.one_time(rf.get("/"), forms.Form())


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_the_same_moment_makes_one_record(make_user, monkeypatch):
    client = Client()
    client.force_login(make_user(Role.FRONT_DOOR))
    data = contact_page(client)
    double_click = Client()  # the same browser (its cookies), sending the same form again
    double_click.cookies = client.cookies

    responses = at_the_same_moment(
        {"first": lambda: client.post("/contacts/new/", data), "second": lambda: double_click.post("/contacts/new/", data)},
        (contact_services, "log_contact"),
        monkeypatch,
    )

    assert Contact.objects.count() == 1
    assert {r.status_code for r in responses.values()} == {302}
    assert len({r.url for r in responses.values()}) == 1, "both land on the one contact"
