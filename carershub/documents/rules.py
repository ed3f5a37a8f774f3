"""Who may see, add, download and withdraw documents on a person's record.

The relationship with the person is people's to decide (people/relationships.py): these rules
ask people.rules' predicates about the document's person. A document restricted to its
organisation is seen only by that organisation's staff. Without a person or a document (a
menu, a decorator) the question is only whether the role allows it.
"""

import rules

from carershub.accounts.rules import is_service_worker, is_team_manager
from carershub.people.rules import can_open, works_with

VIEW_DOCUMENTS = "documents.view_documents"  # the list on a person's page; object: the person
ADD_DOCUMENT = "documents.add_document"  # object: the person
DOWNLOAD_DOCUMENT = "documents.download_document"  # object: the document
WITHDRAW_DOCUMENT = "documents.withdraw_document"  # object: the document
DOWNLOAD_WITHDRAWN_DOCUMENT = "documents.download_withdrawn_document"  # object: the document


@rules.predicate
def opens_person(user, person):
    """A relationship or a reason given (break glass: looking, for a working day)."""
    return person is None or can_open(user, person)


@rules.predicate
def opens_documents_person(user, document):
    return document is None or can_open(user, document.person)


@rules.predicate
def works_with_documents_person(user, document):
    """A relationship (not a broken glass): what changing anything needs."""
    return document is None or works_with(user, document.person)


@rules.predicate
def not_restricted_elsewhere(user, document):
    """Open to everyone who may see the person, or restricted to the user's own organisation."""
    return document is None or not document.restricted or document.organisation_id == user.organisation_id


@rules.predicate
def still_current(user, document):
    return document is None or (document.withdrawn_at is None and document.erased_at is None)


@rules.predicate
def withdrawn_not_erased(user, document):
    return document is None or (document.withdrawn_at is not None and document.erased_at is None)


# Partner workers see a carer's shared summary, which holds no documents (decision 36): the papers on
# a record are the service's.
rules.add_perm(VIEW_DOCUMENTS, is_service_worker & opens_person)
rules.add_perm(ADD_DOCUMENT, is_service_worker & works_with)
rules.add_perm(
    DOWNLOAD_DOCUMENT,
    is_service_worker & opens_documents_person & not_restricted_elsewhere & still_current,
)
# A misfiled letter is a breach waiting to happen: anybody who works with the person may take it off the list.
rules.add_perm(
    WITHDRAW_DOCUMENT, is_service_worker & works_with_documents_person & not_restricted_elsewhere & still_current
)
# A withdrawn document is kept (for a complaint, an investigation); a team manager may still read it.
rules.add_perm(
    DOWNLOAD_WITHDRAWN_DOCUMENT,
    is_team_manager & works_with_documents_person & not_restricted_elsewhere & withdrawn_not_erased,
)
