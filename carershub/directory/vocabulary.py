"""The directory's own taxonomies: carers' needs and the groups of carers a service is for (pure).

Fixed UUIDs (uuid5 of a fixed namespace and the code) so every installation, the demo and the tests
share the same ids, and the ORUK API gives them out stably. Names are English as stored and served
(ORUK has no Welsh fields); pages show them translated through these gettext_noop marks.
"""

import uuid

from carershub.core.i18n import gettext_noop

NAMESPACE = uuid.UUID("6f1d7c2e-3b0a-4d8e-9a51-0c2f8e7d4b11")

NEEDS_TAXONOMY = "carers-needs"
GROUPS_TAXONOMY = "carer-groups"

TAXONOMIES = {
    NEEDS_TAXONOMY: (
        gettext_noop("Carers' needs"),
        gettext_noop("What a service helps carers with."),
    ),
    GROUPS_TAXONOMY: (
        gettext_noop("Carer groups"),
        gettext_noop("Which carers a service is for."),
    ),
}

NEEDS = {
    "breaks": gettext_noop("Breaks from caring"),
    "peer-support": gettext_noop("Peer support"),
    "money-benefits": gettext_noop("Money and benefits"),
    "emotional-support": gettext_noop("Emotional support and counselling"),
    "training": gettext_noop("Training for carers"),
    "young-carers": gettext_noop("Support for young carers"),
    "legal-rights": gettext_noop("Legal matters and carers' rights"),
    "health": gettext_noop("Health and well-being"),
    "work-learning": gettext_noop("Work and learning"),
    "welsh-language": gettext_noop("Welsh-language services"),
    "information-advice": gettext_noop("Information and advice"),
    "practical-help": gettext_noop("Practical help at home"),
}

CARER_GROUPS = {
    "young-carers": gettext_noop("Young carers"),
    "young-adult-carers": gettext_noop("Young adult carers"),
    "parent-carers": gettext_noop("Parent carers"),
    "adult-carers": gettext_noop("Adult carers"),
    "older-carers": gettext_noop("Older carers"),
    "dementia": gettext_noop("Carers of someone with dementia"),
    "mental-health": gettext_noop("Carers of someone with a mental health condition"),
    "learning-disability": gettext_noop("Carers of someone with a learning disability"),
    "substance-misuse": gettext_noop("Carers of someone who misuses drugs or alcohol"),
    "end-of-life": gettext_noop("Carers of someone at the end of life"),
}

TERMS = {NEEDS_TAXONOMY: NEEDS, GROUPS_TAXONOMY: CARER_GROUPS}


def taxonomy_id(code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"taxonomy:{code}")


def term_id(taxonomy: str, code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"term:{taxonomy}:{code}")


def need(code: str) -> uuid.UUID:
    if code not in NEEDS:
        raise KeyError(code)
    return term_id(NEEDS_TAXONOMY, code)


def carer_group(code: str) -> uuid.UUID:
    if code not in CARER_GROUPS:
        raise KeyError(code)
    return term_id(GROUPS_TAXONOMY, code)


# RFC 5545 BYDAY codes, Monday first (date.weekday() order).
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
