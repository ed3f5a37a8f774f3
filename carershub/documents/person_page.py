"""What documents add to a person's page: a section listing them, an "Add a document" button,
and their entries on the timeline (people/sections.py and people/timeline.py own the page;
documents registers here, in its AppConfig.ready())."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.activity.models import EventKind
from carershub.core import reversing
from carershub.documents import services
from carershub.documents.models import Document
from carershub.documents.presenters import DocumentPresenter
from carershub.documents.rules import ADD_DOCUMENT, VIEW_DOCUMENTS
from carershub.people import sections, timeline

SECTION_SIZE = 5


def section(user, person):
    """The newest documents (a few), with links to all of them and to add one."""
    if not user.has_perm(VIEW_DOCUMENTS, person):
        return None
    documents = (
        list(services.current_for(user, person)[: SECTION_SIZE + 1]) if sections.holds(person, "documents") else []
    )
    return sections.Section(
        "documents/_person_section.jinja",
        {
            "documents": [DocumentPresenter(d, user, person) for d in documents[:SECTION_SIZE]],
            "more": len(documents) > SECTION_SIZE,
            "person_pk": person.pk,
            "can_add": user.has_perm(ADD_DOCUMENT, person),
        },
        order=55,
    )


def actions(user, person):
    if not user.has_perm(ADD_DOCUMENT, person):
        return []
    return [sections.Action(_("Add a document"), reversing.url("documents:new", person.pk), order=45)]


def describe(user, events):
    """Timeline entries: the kind and title of each document, for those who may see it."""
    if not user.has_perm(VIEW_DOCUMENTS):
        return {event.pk: timeline.HIDE for event in events}
    documents = {d.pk: d for d in Document.objects.filter(pk__in=[e.object_id for e in events if e.object_id])}
    found = {}
    for event in events:
        if event.kind == EventKind.DOCUMENT_REFUSED:
            found[event.pk] = timeline.Entry(title=_("Document refused: the virus scanner found a virus"))
            continue
        document = documents.get(event.object_id)
        if document is None:
            continue
        kind = document.get_kind_display()
        if event.kind == EventKind.DOCUMENT_WITHDRAWN:
            title = _("Document withdrawn: %(kind)s") % {"kind": kind}
        else:
            title = _("Document added: %(kind)s") % {"kind": kind}
        href = reversing.url("documents:list", document.person_id)
        if document.erased_at is not None:
            found[event.pk] = timeline.Entry(title=title)
        elif document.restricted and document.organisation_id != user.organisation_id:
            found[event.pk] = timeline.Entry(title=title, restricted=True)
        else:
            detail = document.title
            if event.kind == EventKind.DOCUMENT_WITHDRAWN and document.withdrawal_reason:
                detail = f"{document.title}: {document.withdrawal_reason}"
            found[event.pk] = timeline.Entry(title=title, detail=detail, href=href, restricted=document.restricted)
    return found


def register():
    sections.register(section)
    sections.register_holding("documents", Document)
    sections.register_action(actions)
    timeline.register_group(
        "documents", gettext_lazy("Documents"), order=70, visible=lambda user: user.has_perm(VIEW_DOCUMENTS)
    )
    timeline.register(
        "documents",
        [EventKind.DOCUMENT_ADDED, EventKind.DOCUMENT_WITHDRAWN, EventKind.DOCUMENT_REFUSED],
        describe,
    )

