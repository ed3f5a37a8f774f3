from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access
from carershub.contacts.models import Contact
from carershub.core.forms import StaleRecordError, VersionedFormMixin
from carershub.core.template_helpers import error_summary_params
from carershub.people import search_terms, services
from carershub.people.export import person_export
from carershub.people.forms import (
    AccessPurposeForm,
    CaredForPersonForm,
    CarerProfileForm,
    CaringRelationshipForm,
    ConsentForm,
    EqualityForm,
    NewCarerForm,
    PersonDetailsForm,
    SettingsForm,
)
from carershub.people.models import CarerProfile, Consent, Person
from carershub.people.presenters import MatchPresenter, PersonPresenter
from carershub.people.search import first_page, search_people

SEARCH_PROBLEMS = {
    "date_invalid": gettext_lazy("The date of birth is not a real date. Enter it like 27 3 1961."),
    "nhs_number_invalid": gettext_lazy("That NHS number is not valid. Check it against the letter or card."),
    "postcode_invalid": gettext_lazy("That postcode is not valid. Enter a full UK postcode, like CF37 1DL."),
    "unrecognised": gettext_lazy("Some of what you typed is not a name, NHS number, postcode or date of birth."),
}


MAX_SEARCH_PAGE = 10_000


def clean_query(text: str) -> str:
    """What was typed in a search box, without NUL characters (PostgreSQL cannot store them in the log)."""
    return text.replace("\x00", "").strip()


def visible_person_or_404(user, pk) -> Person:
    """The person, if this user may see them. Others get 404: we do not reveal who exists."""
    person = get_object_or_404(Person.objects.visible_to(user).select_related("area"), pk=pk)
    if not user.has_perm("people.view_person", person):
        raise Http404
    return person


@login_required
@permission_required("people.search_people", raise_exception=True)
def search(request):
    query = clean_query(request.GET.get("q", ""))
    try:
        # Capped: a page number too big for the database's OFFSET would otherwise fail the request.
        page = min(max(1, int(request.GET.get("page", "1"))), MAX_SEARCH_PAGE)
    except ValueError:
        page = 1
    results, has_more, problems = [], False, []
    terms = None
    if query:
        terms = search_terms.parse(query)
        problems = [str(SEARCH_PROBLEMS[p]) for p in terms.problems]
        if not terms.is_empty and not problems:
            results, has_more = first_page(search_people(terms, visible=Person.objects.visible_to(request.user)), page)
            if results:
                record_access(request, results, action=AccessAction.SEARCH, part=AccessPart.SEARCH_RESULTS, purpose=query)
    error = (
        {"titleText": _("There is a problem"), "errorList": [{"text": p, "href": "#q"} for p in problems]}
        if problems
        else None
    )
    return render(
        request,
        "people/search.jinja",
        {
            "query": query,
            "results": [PersonPresenter(p) for p in results],
            "has_more": has_more,
            "page": page,
            "searched": bool(query) and not problems,
            "form_errors": error,
            "problems": problems,
            "can_add": request.user.has_perm("people.add_person"),
        },
    )


def _contact_for_new_carer(request):
    contact_id = request.GET.get("from_contact") or request.POST.get("from_contact")
    if not contact_id:
        return None
    try:
        contact = Contact.objects.visible_to(request.user).get(pk=int(contact_id))
    except (ValueError, Contact.DoesNotExist):
        raise Http404 from None
    return contact


@login_required
@permission_required("people.add_person", raise_exception=True)
def new_carer(request):
    contact = _contact_for_new_carer(request)
    if contact and contact.person_id:
        messages.info(request, _("This contact is already linked to a record."))
        return redirect("people:detail", pk=contact.person_id)
    matches = []
    if request.method == "POST":
        form = NewCarerForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            matches = services.possible_duplicates(
                given_name=data["given_name"],
                family_name=data["family_name"],
                date_of_birth=data.get("date_of_birth"),
                postcode=data.get("postcode"),
                nhs_number=data.get("nhs_number"),
            )
            matches = [(p, r) for p, r in matches if request.user.has_perm("people.view_person", p)]
            if matches and not data.get("confirm_new"):
                record_access(request, [p for p, _r in matches], action=AccessAction.SEARCH, part=AccessPart.POSSIBLE_DUPLICATES)
                if "matches_shown" in request.POST:
                    # The worker saw the list and saved again without choosing: say what is needed.
                    form.add_error(
                        "confirm_new", _("Tick the box if none of these is the person, or open their existing record")
                    )
            else:
                try:
                    person = services.create_carer(form, actor=request.user, contact=contact)
                except StaleRecordError:
                    messages.error(request, _("Somebody else linked this contact to a record first."))
                    return redirect("contacts:detail", pk=contact.pk)
                messages.success(request, _("Carer record created for %(name)s") % {"name": person.full_name})
                return redirect("people:detail", pk=person.pk)
    else:
        initial = {}
        if contact:
            initial = {
                "given_name": contact.given_name,
                "family_name": contact.family_name,
                "date_of_birth": contact.date_of_birth,
                "postcode": contact.postcode,
                "phone": contact.phone,
                "email": contact.email,
            }
        form = NewCarerForm(initial=initial)
    return render(
        request,
        "people/new_carer.jinja",
        {
            "form": form,
            "contact": contact,
            "matches": [MatchPresenter(p, r) for p, r in matches],
            "form_errors": error_summary_params(form),
        },
    )


@login_required
def detail(request, pk):
    person = visible_person_or_404(request.user, pk)
    record_access(request, person, part=AccessPart.RECORD, purpose=_purpose_for(request.user, person))
    cares_for, cared_for_by = services.relationships_of(person)
    contacts = Contact.objects.filter(person=person).select_related("recorded_by")[:5]
    consents = Consent.objects.filter(person=person).select_related("organisation")
    user = request.user
    return render(
        request,
        "people/detail.jinja",
        {
            "person": PersonPresenter(person),
            "cares_for": cares_for,
            "cared_for_by": cared_for_by,
            "contacts": contacts,
            "consents": consents,
            "today": timezone.localdate(),
            "can_change": user.has_perm("people.change_person", person),
            "can_manage_consent": user.has_perm("people.manage_consent", person),
            "can_log_contact": user.has_perm("contacts.add_contact"),
            "can_see_access": user.has_perm("audit.view_access_history"),
            "can_export": user.has_perm("people.export_person", person),
            "can_see_assessments": user.has_perm("assessments.view_assessment"),
            "can_assess": user.has_perm("assessments.change_assessment"),
            "assessments": person.assessments.order_by("-started_at")[:10]
            if user.has_perm("assessments.view_assessment")
            else [],
        },
    )


def _purpose_for(user, person) -> str:
    """Partner workers see a record only under a consent; the log names it."""
    if user.has_perm("people.change_person", person):
        return ""
    consent = Consent.objects.active().filter(person=person, organisation_id=user.organisation_id).first()
    return consent.get_purpose_display() if consent else ""


EDIT_SECTIONS = {
    "details": (PersonDetailsForm, gettext_lazy("Personal and contact details")),
    "equality": (EqualityForm, gettext_lazy("Equality information")),
    "settings": (SettingsForm, gettext_lazy("GP practice, school and work")),
}


@login_required
def edit(request, pk, section):
    if section not in EDIT_SECTIONS:
        raise Http404
    person = visible_person_or_404(request.user, pk)
    if not request.user.has_perm("people.change_person", person):
        raise PermissionDenied
    form_class, heading = EDIT_SECTIONS[section]
    return _versioned_edit(
        request,
        form_class(request.POST or None, instance=person),
        save=services.update_person,
        heading=heading,
        person=person,
        audit_part=section,
    )


@login_required
def edit_carer(request, pk):
    person = visible_person_or_404(request.user, pk)
    if not request.user.has_perm("people.change_person", person):
        raise PermissionDenied
    carer = get_object_or_404(CarerProfile, person=person)
    return _versioned_edit(
        request,
        CarerProfileForm(request.POST or None, instance=carer),
        save=services.update_carer,
        heading=_("Carer details"),
        person=person,
        audit_part=AccessPart.CARER_DETAILS,
    )


def _versioned_edit(request, form: VersionedFormMixin, *, save, heading, person, audit_part):
    if request.method == "POST" and form.is_valid():
        try:
            save(form, actor=request.user)
        except StaleRecordError:
            form.add_error(None, form.version_conflict_message)
        else:
            messages.success(request, _("%(section)s updated") % {"section": heading})
            return redirect("people:detail", pk=person.pk)
    elif request.method == "GET":
        record_access(request, person, part=audit_part)
    return render(
        request,
        "people/edit.jinja",
        {"form": form, "heading": heading, "person": person, "form_errors": error_summary_params(form)},
    )


@login_required
def add_cared_for(request, pk):
    carer = visible_person_or_404(request.user, pk)
    if not request.user.has_perm("people.change_person", carer):
        raise PermissionDenied
    person_form = CaredForPersonForm(request.POST or None, prefix="person")
    relationship_form = CaringRelationshipForm(request.POST or None, prefix="caring")
    matches, chosen = [], None
    if request.method == "POST" and person_form.is_valid() and relationship_form.is_valid():
        data = person_form.cleaned_data
        matches = [
            (p, r)
            for p, r in services.possible_duplicates(
                given_name=data["given_name"],
                family_name=data["family_name"],
                date_of_birth=data.get("date_of_birth"),
                postcode=data.get("postcode") or (carer.postcode if data.get("same_address") else None),
                nhs_number=data.get("nhs_number"),
                exclude_pk=carer.pk,
            )
            if request.user.has_perm("people.view_person", p)
        ]
        choice = request.POST.get("match_choice", "")
        if choice.isdigit():
            chosen = next((p for p, _r in matches if str(p.pk) == choice), None)
        if matches and not choice:
            record_access(request, [p for p, _r in matches], action=AccessAction.SEARCH, part=AccessPart.POSSIBLE_DUPLICATES)
            if "match_choice" in request.POST or "matches_shown" in request.POST:
                person_form.add_error(None, _("Select the person, or that none of these is them"))
        elif choice and choice != "new" and chosen is None:
            person_form.add_error(None, _("Select the person, or that none of these is them"))
        elif chosen and chosen.cared_for_by.filter(carer=carer).exists():
            person_form.add_error(None, _("%(name)s is already recorded as cared for by this carer") % {"name": chosen.full_name})
        else:
            services.add_cared_for(
                carer, cared_for=chosen, person_form=person_form, relationship_form=relationship_form, actor=request.user
            )
            messages.success(request, _("Cared-for person added"))
            return redirect("people:detail", pk=carer.pk)
    return render(
        request,
        "people/add_cared_for.jinja",
        {
            "carer": carer,
            "person_form": person_form,
            "relationship_form": relationship_form,
            "matches": [MatchPresenter(p, r) for p, r in matches],
            "form_errors": error_summary_params(person_form, relationship_form),
        },
    )


@login_required
def add_consent(request, pk):
    person = visible_person_or_404(request.user, pk)
    if not request.user.has_perm("people.manage_consent", person):
        raise PermissionDenied
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        consent = services.record_consent(form, person, actor=request.user)
        messages.success(
            request,
            _("Consent recorded: %(organisation)s may see this record") % {"organisation": consent.organisation},
        )
        return redirect("people:detail", pk=person.pk)
    return render(
        request, "people/add_consent.jinja", {"form": form, "person": person, "form_errors": error_summary_params(form)}
    )


@login_required
@require_POST
def withdraw_consent(request, pk, consent_pk):
    person = visible_person_or_404(request.user, pk)
    if not request.user.has_perm("people.manage_consent", person):
        raise PermissionDenied
    consent = get_object_or_404(Consent, pk=consent_pk, person=person)
    services.withdraw_consent(consent, actor=request.user, on=timezone.localdate())
    messages.success(request, _("Consent withdrawn: %(organisation)s can no longer see this record") % {"organisation": consent.organisation})
    return redirect("people:detail", pk=person.pk)


@login_required
def export(request, pk):
    person = visible_person_or_404(request.user, pk)
    if not request.user.has_perm("people.export_person", person):
        raise PermissionDenied
    form = AccessPurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        record_access(request, person, action=AccessAction.EXPORT, part=AccessPart.WHOLE_RECORD, purpose=form.cleaned_data["purpose"])
        response = JsonResponse(person_export(person), json_dumps_params={"indent": 2, "ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
        return response
    return render(
        request, "people/export.jinja", {"form": form, "person": person, "form_errors": error_summary_params(form)}
    )
