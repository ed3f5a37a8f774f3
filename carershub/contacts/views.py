from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from carershub.accounts.models import Role
from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access, record_contact_access
from carershub.contacts import services
from carershub.contacts.forms import ContactForm
from carershub.contacts.models import Channel, Contact, Outcome
from carershub.contacts.rules import ADD_CONTACT, LOG_CONTACT_WITH_CARER, VIEW_CONTACT, VIEW_CONTACT_LIST
from carershub.core.idempotency import creates_once, one_time
from carershub.core.listfilters import (
    AREA,
    CHANNEL,
    COUNCIL,
    DATES,
    OUTCOME,
    STATUS,
    WORKER,
    ListFilterForm,
    apply_filters,
    waited,
)
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.people import newcarer, search_terms
from carershub.people.forms import NewCarerForm
from carershub.people.models import Person
from carershub.people.presenters import PersonPresenter
from carershub.people.rules import ADD_PERSON, CHANGE_PERSON
from carershub.people.search import first_page, search_people
from carershub.people.services import clean_query, visible_person_or_404


@login_required
@permission_required(VIEW_CONTACT_LIST, raise_exception=True)
def contact_list(request):
    """Every contact the user may see (Contact.objects.visible_to), filtered; paged.

    Council: the council that took the contact, or the council of the area the carer lives in. Most
    contacts are taken by the carers centre (the region's front door), so the organisation that
    took a call alone would put them under no council; the carer's area says whose resident they
    are (reason 4 of people/relationships.py). Worker: who recorded it. Status: linked to a record
    or not. Contacts not yet linked wait for a record, so that list is longest waiting first; the
    others are a log, newest first.
    """
    data = request.GET
    if data.get("show") == "unlinked" and STATUS not in data:
        # The home page's "Contacts not yet linked to a record" link.
        data = data.copy()
        data[STATUS] = UNLINKED
    form = ListFilterForm(
        data,
        user=request.user,
        offer=(COUNCIL, AREA, WORKER, STATUS, DATES, CHANNEL, OUTCOME),
        statuses=CONTACT_STATUSES,
        channels=Channel.choices,
        outcomes=Outcome.choices,
        labels={WORKER: _("Recorded by"), STATUS: _("Record")},
        date_legend=_("Date of contact"),
    )
    contacts = apply_filters(
        Contact.objects.visible_to(request.user).select_related("person", "recorded_by", "source_organisation"),
        form,
        council=_taken_by_or_living_in,
        area="person__area",
        worker="recorded_by",
        status=lambda status: Q(person__isnull=status == UNLINKED),
        dates="received_at",
        channel="channel",
        outcome=_with_outcome,
    )
    unlinked = form.status == UNLINKED
    contacts = contacts.order_by("received_at" if unlinked else "-received_at")
    page = Paginator(contacts, 25).get_page(request.GET.get("page"))
    people = [c.person for c in page.object_list if c.person_id]
    if people:
        record_access(request, people, action=AccessAction.SEARCH, part=AccessPart.CONTACT_LIST)
    callers = [c for c in page.object_list if not c.person_id]
    if callers:
        record_contact_access(request, callers, action=AccessAction.SEARCH, part=AccessPart.CONTACT_LIST)
    today = timezone.localdate()
    rows = [
        {
            "contact": c,
            "waited": waited(c.received_at, today) if not c.person_id else "",
            # Urgent shows as a red tag, the other outcomes as words.
            "urgent": Outcome.URGENT in c.outcomes,
            "outcomes": [text for code, text in zip(c.outcomes, c.get_outcomes_display()) if code != Outcome.URGENT],
        }
        for c in page.object_list
    ]
    return render(
        request,
        "contacts/list.jinja",
        {"page": page, "rows": rows, "unlinked": unlinked, "filters": form, "form_errors": error_summary_params(form)},
    )


UNLINKED = "unlinked"
CONTACT_STATUSES = [(UNLINKED, gettext_lazy("Not linked to a record")), ("linked", gettext_lazy("Linked to a record"))]


def _taken_by_or_living_in(council) -> Q:
    q = Q(organisation=council)
    if council.area_id:
        q |= Q(person__area_id=council.area_id)
    return q


def _with_outcome(code) -> Q:
    """Contacts whose outcomes include ``code``: a JSON containment (@>) on PostgreSQL, which the
    partial index of urgent contacts answers (contacts/migrations/0003); SQLite has no
    containment lookup, and its JSON is text, so the quoted code is looked for in it."""
    if connection.vendor == "postgresql":
        return Q(outcomes__contains=[code])
    return Q(outcomes__icontains=f'"{code}"')


@login_required
@creates_once
def new_contact(request):
    user = request.user
    # The front door and practitioners log any contact; a partner worker only about a carer shared
    # with their organisation (contacts/rules.py), so they come from the carer's record.
    if not (user.has_perm(ADD_CONTACT) or user.has_role(Role.PARTNER_WORKER)):
        raise PermissionDenied
    person = None
    if request.GET.get("person"):
        try:
            person = visible_person_or_404(user, int(request.GET["person"]))
        except ValueError:
            raise Http404 from None
    if not user.has_perm(ADD_CONTACT) and not (person is not None and user.has_perm(LOG_CONTACT_WITH_CARER, person)):
        raise PermissionDenied
    initial = {} if user.has_perm(ADD_CONTACT) else {"channel": Channel.SESSION, "caller_role": "carer"}
    form = one_time(request, ContactForm(request.POST or None, person=person, initial=initial))
    if request.method == "POST" and form.is_valid():
        contact = services.log_contact(form, actor=request.user)
        messages.success(request, _("Contact logged for %(name)s") % {"name": contact.carer_name} if contact.carer_name else _("Contact logged"))
        return redirect("contacts:detail", pk=contact.pk)
    return render(
        request,
        "contacts/new.jinja",
        {"form": form, "person": person, "form_errors": error_summary_params(form)},
    )


@login_required
def detail(request, pk):
    contact = services.contact_or_404(request.user, pk, related=("person", "recorded_by", "referred_to"))
    if not request.user.has_perm(VIEW_CONTACT, contact):
        raise Http404
    if contact.person_id:
        record_access(request, contact.person, part=AccessPart.CONTACT)
    else:
        # A caller with no record yet: what they said is still somebody's personal data.
        record_contact_access(request, contact, part=AccessPart.CONTACT)
    results, query = [], clean_query(request.GET.get("q", ""))
    can_link = contact.person_id is None and request.user.has_perm(CHANGE_PERSON)
    if can_link and query:
        terms = search_terms.parse(query)
        if not terms.is_empty and not terms.problems:
            results, _more = first_page(search_people(terms, visible=Person.objects.visible_to(request.user)))
            if results:
                record_access(request, results, action=AccessAction.SEARCH, part=AccessPart.SEARCH_RESULTS, purpose=query)
    return render(
        request,
        "contacts/detail.jinja",
        {
            "contact": contact,
            "can_link": can_link,
            # What other apps add to the page (signposting's picks from the directory): contacts.services.
            "panels": services.detail_panels(request.user, contact),
            # "Make the referral" from a contact whose outcome was a referral (referrals:new, prefilled);
            # the template asks referrals' own permission (perm.SEND_REFERRAL) about the carer.
            "offer_referral": contact.person_id is not None and Outcome.REFERRAL in (contact.outcomes or []),
            "query": query,
            "results": [PersonPresenter(p) for p in results],
        },
    )


@login_required
@require_POST
def link(request, pk):
    contact = services.contact_or_404(request.user, pk)
    if not request.user.has_perm(CHANGE_PERSON):
        raise PermissionDenied
    try:
        person = visible_person_or_404(request.user, int(request.POST.get("person", "")))
    except ValueError:
        raise Http404 from None
    try:
        services.link_contact(contact, person, actor=request.user)
    except StaleRecordError:
        messages.error(request, _("This contact was already linked to a record."))
        return redirect("contacts:detail", pk=contact.pk)
    messages.success(request, _("Contact linked to %(name)s") % {"name": person.full_name})
    return redirect("people:detail", pk=person.pk)


@login_required
@permission_required(ADD_PERSON, raise_exception=True)
@creates_once
def new_carer(request, pk):
    """Make the carer's record from what the contact already holds, without typing it again."""
    contact = services.contact_or_404(request.user, pk)
    if contact.person_id:
        messages.info(request, _("This contact is already linked to a record."))
        return redirect("people:detail", pk=contact.person_id)
    initial = {
        "given_name": contact.given_name,
        "family_name": contact.family_name,
        "date_of_birth": contact.date_of_birth,
        "postcode": contact.postcode,
        "phone": contact.phone,
        "email": contact.email,
    }
    form = one_time(request, NewCarerForm(request.POST or None, initial=initial))
    matches = []
    if request.method == "POST" and form.is_valid():
        matches = newcarer.check_for_duplicates(request, form)
        if not matches:
            try:
                person = services.create_carer_from_contact(form, contact, actor=request.user)
            except StaleRecordError:
                messages.error(request, _("Somebody else linked this contact to a record first."))
                return redirect("contacts:detail", pk=contact.pk)
            messages.success(request, _("Carer record created for %(name)s") % {"name": person.full_name})
            return redirect("people:detail", pk=person.pk)
    return newcarer.render_page(request, form, matches, contact=contact)
