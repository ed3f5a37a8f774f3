from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from carershub.accounts.models import SERVICE_ROLES, Role
from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import access_events_for, record_access, record_page_access
from carershub.core.forms import VersionedFormMixin
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.people import newcarer, person_page, relationship_words, search_terms, sections, services, timeline
from carershub.people.export import person_export
from carershub.people.forms import (
    AccessPurposeForm,
    BreakGlassForm,
    CaredForPersonForm,
    CarerProfileForm,
    CaringRelationshipForm,
    ConsentForm,
    EqualityForm,
    NewCarerForm,
    PersonDetailsForm,
    ReviewReasonForm,
    SettingsForm,
)
from carershub.people.models import AccessGrant, CarerProfile, Consent, Person
from carershub.people.presenters import MatchPresenter, PersonPresenter
from carershub.people.rules import (
    ADD_PERSON,
    CHANGE_PERSON,
    EXPORT_PERSON,
    MANAGE_CONSENT,
    REVIEW_ACCESS_REASONS,
    SEARCH_PEOPLE,
    VIEW_ACCESS_HISTORY,
    VIEW_PERSON,
)
from carershub.people.search import first_page, search_people
from carershub.people.services import clean_query, visible_person_or_404

SEARCH_PROBLEMS = {
    "date_invalid": gettext_lazy("The date of birth is not a real date. Enter it like 27 March 1961 or 27/3/1961."),
    "nhs_number_invalid": gettext_lazy("That NHS number is not valid. Check it against the letter or card."),
    "postcode_invalid": gettext_lazy("That postcode is not valid. Enter a full UK postcode, like CF37 1DL."),
    "unrecognised": gettext_lazy("Some of what you typed is not a name, NHS number, postcode or date of birth."),
}


MAX_SEARCH_PAGE = 10_000


@login_required
@permission_required(SEARCH_PEOPLE, raise_exception=True)
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
        terms = search_terms.parse(query, today=timezone.localdate())
        # Each problem once (the parser lists each kind once): in the summary, linked to the box, and on the box.
        problems = [str(SEARCH_PROBLEMS[p]) for p in terms.problems]
        if not terms.is_empty and not problems:
            # Service workers find anyone in the region, so nobody is recorded twice; opening a
            # record they do not work with then asks why (people/relationships.py).
            results, has_more = first_page(search_people(terms, visible=Person.objects.findable_by(request.user)), page)
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
            "today": timezone.localdate(),
            "needs_reason": services.needing_a_reason(request.user, results),
            "has_more": has_more,
            "page": page,
            "searched": bool(query) and not problems,
            "form_errors": error,
            "problems": problems,
            "can_add": request.user.has_perm(ADD_PERSON),
        },
    )


@login_required
@permission_required(ADD_PERSON, raise_exception=True)
@creates_once
def new_carer(request):
    if request.GET.get("from_contact") or request.POST.get("from_contact"):
        # Making a record from a contact is the front door's: keep old links and forms working.
        contact_id = request.GET.get("from_contact") or request.POST.get("from_contact")
        if not str(contact_id).isdigit():
            raise Http404
        return redirect(reverse("contacts:new_carer", args=[int(contact_id)]), permanent=False, preserve_request=True)
    form = one_time(request, NewCarerForm(request.POST or None))
    matches = []
    if request.method == "POST" and form.is_valid():
        matches = newcarer.check_for_duplicates(request, form)
        if not matches:
            person = services.create_carer(
                form.save(commit=False),
                actor=request.user,
                is_parent_carer=form.cleaned_data.get("is_parent_carer", False),
                case_worker=form.cleaned_data.get("case_worker"),
            )
            messages.success(request, _("Carer record created for %(name)s") % {"name": person.full_name})
            return redirect("people:detail", pk=person.pk)
    return newcarer.render_page(request, form, matches)


# The person page shows the newest entries of the timeline; the rest are on the timeline's own page.
PERSON_PAGE_ENTRIES = 10


@login_required
def detail(request, pk):
    """What matters first (alerts, actions, "at a glance", the latest of the timeline), then the detail."""
    person = visible_person_or_404(request.user, pk, also=("gp_practice", "school"))
    user = request.user
    # Which parts hold anything at all, in one statement: an empty part skips its query (decision 62).
    sections.read_holdings(person)
    # Everybody else whose details the page shows is logged too, on their own record.
    cares_for, cared_for_by, others = services.caring_shown_with(user, person)
    consents = sections.read_once(
        person,
        person_page.CONSENTS_READ,
        lambda: list(Consent.objects.filter(person=person).select_related("organisation"))
        if sections.holds(person, "consents")
        else [],
    )
    # The parts of the page before the timeline: its entries find the rows these have read
    # (sections.already_read) instead of reading them again by id.
    actions, glances, parts = (
        sections.actions_for(user, person),
        sections.glances_for(user, person),
        sections.sections_for(user, person),
    )
    recent = timeline.page_for(user, person, groups=None, cursor=None, size=PERSON_PAGE_ENTRIES)
    record_page_access(
        request,
        (person, AccessPart.RECORD, _purpose_for(user, person)),
        (others + _named_only(recent, others), AccessPart.CARING_RELATIONSHIPS, ""),
    )
    return render(
        request,
        "people/detail.jinja",
        {
            "person": PersonPresenter(person),
            "cares_for": cares_for,
            "cared_for_by": cared_for_by,
            "actions": actions,
            "glances": glances,
            "timeline": recent,
            "consents": consents,
            "today": timezone.localdate(),
            "can_change": user.has_perm(CHANGE_PERSON, person),
            # A partner organisation sees the shared summary only (decision 36): what its accepted
            # referrals shared, in referrals' "What was shared" section, not the record's own parts.
            "shared_only": user.has_role(Role.PARTNER_WORKER) and not user.has_role(*SERVICE_ROLES),
            "can_manage_consent": user.has_perm(MANAGE_CONSENT, person),
            "can_see_access": user.has_perm(VIEW_ACCESS_HISTORY),
            "can_export": user.has_perm(EXPORT_PERSON, person),
            "sections": parts,
        },
    )


def _named_only(page, shown) -> list:
    """Other people the timeline's entries name that the page does not show already (for the access log)."""
    shown = {p.pk for p in shown}
    return [SimpleNamespace(pk=pk) for pk in sorted(page.others - shown)]


@login_required
def timeline_page(request, pk):
    """The person's whole timeline, newest first, a page at a time, filtered by kind of entry."""
    person = visible_person_or_404(request.user, pk)
    user = request.user
    if not user.has_perm(VIEW_PERSON, person):
        raise Http404
    chosen = {key for key in request.GET.getlist("group") if isinstance(key, str)}
    page = timeline.page_for(user, person, groups=chosen, cursor=request.GET.get("cursor"))
    record_page_access(
        request,
        (person, AccessPart.TIMELINE, _purpose_for(user, person)),
        (_named_only(page, []), AccessPart.CARING_RELATIONSHIPS, ""),
    )
    here = reverse("people:timeline", args=[person.pk])
    kept = [("group", key) for key in sorted(page.chosen)] if page.filtered else []

    def link(cursor):
        return f"{here}?{urlencode([*kept, ('cursor', cursor)])}" if cursor else None

    return render(
        request,
        "people/timeline.jinja",
        {
            "person": PersonPresenter(person),
            "timeline": page,
            "older_href": link(page.older),
            "newer_href": link(page.newer),
        },
    )


def _purpose_for(user, person) -> str:
    """Partner workers see a record only under a consent; the log names it."""
    if user.has_perm(CHANGE_PERSON, person):
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
    if not request.user.has_perm(CHANGE_PERSON, person):
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
    if not request.user.has_perm(CHANGE_PERSON, person):
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
            messages.success(request, _("%(section)s updated for %(name)s") % {"section": heading, "name": person.full_name})
            return redirect("people:detail", pk=person.pk)
    elif request.method == "GET":
        record_access(request, person, part=audit_part)
    return render(
        request,
        "people/edit.jinja",
        {"form": form, "heading": heading, "person": person, "form_errors": error_summary_params(form)},
    )


@login_required
@creates_once
def add_cared_for(request, pk):
    carer = visible_person_or_404(request.user, pk)
    if not request.user.has_perm(CHANGE_PERSON, carer):
        raise PermissionDenied
    said = _what_callers_said(request.user, carer)
    # "Who are they to the carer?" from the callers' words, only where they name one kind of relationship.
    guessed = relationship_words.relationship_from_words(" ".join(item["cared_for_summary"] for item in said))
    person_form = one_time(request, CaredForPersonForm(request.POST or None, prefix="person"))
    relationship_form = CaringRelationshipForm(
        request.POST or None, prefix="caring", initial={"relationship": guessed} if guessed else None
    )
    if said and request.method == "GET":
        record_access(request, carer, part=AccessPart.CONTACT)
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
            relationship = services.add_cared_for(
                carer, cared_for=chosen, person_form=person_form, relationship_form=relationship_form, actor=request.user
            )
            messages.success(
                request,
                _("%(name)s added as cared for by %(carer)s")
                % {"name": relationship.cared_for.full_name, "carer": carer.full_name},
            )
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
            "said": said,
            "guessed": bool(guessed) and not relationship_form.is_bound,
        },
    )


SAID_ABOUT_CARED_FOR = 3


def _what_callers_said(user, carer) -> list[dict]:
    """What the latest contacts about this carer recorded of the person they care for, newest first, each said once.

    Through the carer's contacts (the reverse relation: people does not import contacts), as far
    as this user may see them.
    """
    said, seen = [], set()
    rows = (
        carer.contacts.visible_to(user)
        .exclude(cared_for_summary="")
        .order_by("-received_at")
        .values("received_at", "cared_for_summary")[:10]
    )
    for row in rows:
        key = row["cared_for_summary"].strip().casefold()
        if key not in seen:
            seen.add(key)
            said.append(row)
    return said[:SAID_ABOUT_CARED_FOR]


@login_required
@creates_once
def add_consent(request, pk):
    person = visible_person_or_404(request.user, pk)
    if not request.user.has_perm(MANAGE_CONSENT, person):
        raise PermissionDenied
    form = one_time(request, ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()}))
    if request.method == "POST" and form.is_valid():
        consent = services.record_consent(form, person, actor=request.user)
        messages.success(
            request,
            _("Consent recorded: %(organisation)s may see %(name)s’s record")
            % {"organisation": consent.organisation, "name": person.full_name},
        )
        return redirect("people:detail", pk=person.pk)
    return render(
        request, "people/add_consent.jinja", {"form": form, "person": person, "form_errors": error_summary_params(form)}
    )


@login_required
@require_POST
def withdraw_consent(request, pk, consent_pk):
    person = visible_person_or_404(request.user, pk)
    if not request.user.has_perm(MANAGE_CONSENT, person):
        raise PermissionDenied
    consent = get_object_or_404(Consent, pk=consent_pk, person=person)
    services.withdraw_consent(consent, actor=request.user, on=timezone.localdate())
    messages.success(
        request,
        _("Consent withdrawn: %(organisation)s can no longer see %(name)s’s record")
        % {"organisation": consent.organisation, "name": person.full_name},
    )
    return redirect("people:detail", pk=person.pk)


@login_required
def export(request, pk):
    person = visible_person_or_404(request.user, pk)
    if not request.user.has_perm(EXPORT_PERSON, person):
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


@login_required
@permission_required(VIEW_ACCESS_HISTORY, raise_exception=True)
def access_history(request, pk):
    """Who has looked at this record, newest first: every view, search result and download."""
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    record_access(request, person, part=AccessPart.ACCESS_HISTORY)
    page = Paginator(access_events_for(person.pk), 50).get_page(request.GET.get("page"))
    return render(request, "people/access_history.jinja", {"person": person, "page": page})


@login_required
@permission_required(SEARCH_PEOPLE, raise_exception=True)
def give_reason(request, pk):
    """"Break glass": a record the user can find but does not work with opens once they say why."""
    person = get_object_or_404(Person.objects.findable_by(request.user), pk=pk)
    back = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    back = back or reverse("people:detail", args=[person.pk])
    if Person.objects.visible_to(request.user).filter(pk=person.pk).exists():
        return redirect(back)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        services.break_glass(person, user=request.user, reason=reason)
        record_access(request, person, action=AccessAction.BREAK_GLASS, part=AccessPart.RECORD, purpose=reason)
        return redirect(back)
    return render(
        request,
        "people/give_reason.jinja",
        {"form": form, "person": person, "next": back, "form_errors": error_summary_params(form)},
    )


@login_required
@permission_required(REVIEW_ACCESS_REASONS, raise_exception=True)
def access_reasons(request):
    """A manager's list of records their staff opened outside a relationship, with the reasons given."""
    grants = AccessGrant.objects.to_review_by(request.user).select_related("person", "user")
    if request.method == "POST":
        chosen = request.POST.get("grant", "")
        grant = get_object_or_404(grants, pk=int(chosen) if chosen.isdigit() else 0)
        form = ReviewReasonForm(request.POST)
        if form.is_valid():
            if services.review_grant(grant, manager=request.user, note=form.cleaned_data["note"]):
                messages.success(request, _("The reason %(name)s gave has been marked as reviewed") % {"name": grant.user})
            return redirect("people:access_reasons")
    page = Paginator(grants, 50).get_page(request.GET.get("page"))
    people = [grant.person for grant in page.object_list]
    if people:
        record_access(request, people, action=AccessAction.SEARCH, part=AccessPart.ACCESS_HISTORY)
    return render(request, "people/access_reasons.jinja", {"page": page})
