"""Advice from the secondary support service to a provider, and the line it must not cross (pure).

The ADSS Cymru report (paragraphs 9.6 to 9.9) proposes a support service for micro-providers and
quotes Care Inspectorate Wales's registration guidance (Annex 4) on when such a service would need
to register itself: it may advise a provider *as a business* (HR, legal, finance, tendering,
quality, training packages, a payroll service, introductions), but an organisation that directs or
controls someone's care, monitors a care worker's performance, replaces or supplies cover for a
care worker (unless the person receiving care asked for it) or writes a care plan takes an ongoing
role in the care and would be providing a regulated service. We read the guidance only as the
report quotes it; CIW's own text was not checked here.

``ongoing_role_problems`` looks for those activities in what the recorder wrote: a short list of
phrases in English and Welsh, matched on whole words after lower-casing. It is a guard against a
slip, not a judge of meaning: a summary that words such a role differently will pass, and the
recorder's confirmation on the form is what the record rests on.
"""

import re

from carershub.core.i18n import gettext_noop as _

TOPICS = [
    ("hr", _("Employing people (HR)")),
    ("legal", _("Legal matters")),
    ("finance", _("Finance and accounts")),
    ("tendering", _("Tendering and contracts")),
    ("quality", _("Quality and the checklist")),
    ("safeguarding", _("Safeguarding policy and training")),
    ("training", _("Training packages")),
    ("payroll", _("Payroll service")),
    ("introductions", _("Introductions to other services")),
    ("business", _("Other business advice")),
]
TOPIC_CODES = frozenset(code for code, _label in TOPICS)

DIRECTING_CARE = "directing_care"
MONITORING_WORKER = "monitoring_worker"
SUPPLYING_COVER = "supplying_cover"
CARE_PLAN = "care_plan"

# What each refusal means, for the form.
PROBLEMS = {
    DIRECTING_CARE: _("It reads as directing or controlling someone's care."),
    MONITORING_WORKER: _("It reads as monitoring a care worker's performance."),
    SUPPLYING_COVER: _("It reads as replacing a care worker or supplying cover, which the support service "
                       "may do only when the person receiving care asked for it."),
    CARE_PLAN: _("It reads as writing or changing a care plan."),
}

_PATTERNS = {
    DIRECTING_CARE: [
        r"direct(ed|ing|s)? (the |their |his |her |a person'?s? |someone'?s? )?care",
        r"control(led|ling|s)? (the |their |his |her |a person'?s? |someone'?s? )?care",
        r"told (the )?(care )?workers? (what|how|when) to",
        r"instruct(ed|ing|s)? (the )?(care )?workers?",
        r"decid(ed|ing|e|es) (what|which|how much) care",
        r"cyfarwyddo gofal", r"rheoli gofal", r"rheoli'r gofal",
    ],
    MONITORING_WORKER: [
        r"monitor(ed|ing|s)? (the |a |their )?(care )?workers?'?s?",
        r"(appraise|appraised|appraising|supervised|supervising|supervise) (the |a |their )?(care )?workers?",
        r"(performance|spot[- ]?checks?) (of|on) (the |a |their )?(care )?workers?",
        r"workers?'?s? performance",
        r"monitro (y |'r )?gweithiwr", r"monitro perfformiad", r"perfformiad (y |'r )?gweithiwr",
    ],
    SUPPLYING_COVER: [
        r"(suppl(y|ied|ying|ies)|provid(e|ed|ing|es)|arrang(e|ed|ing|es)|sen(d|t|ding)) (the )?cover",
        r"cover(ed|ing)? for (the |a |their )?(care )?workers?",
        r"replac(e|ed|ing|es) (the |a |their )?(care )?workers?",
        r"(a |the )?replacement (care )?workers?",
        r"darparu cyflenwad", r"trefnu cyflenwad", r"gweithiwr cyflenwi", r"disodli (y |'r )?gweithiwr",
    ],
    CARE_PLAN: [
        r"(wr(ote|ite|iting|ites|itten)|draft(ed|ing|s)?|prepar(e|ed|ing|es)|chang(e|ed|ing|es)|updat(e|ed|ing|es)) "
        r"(a |the |their |his |her )?(person'?s? )?care ?plans?",
        r"ysgrifennu cynllun gofal", r"llunio cynllun gofal", r"newid (y |'r )?cynllun gofal",
    ],
}
_COMPILED = {code: [re.compile(rf"(?<!\w){p}(?!\w)") for p in patterns] for code, patterns in _PATTERNS.items()}
# Cover arranged at the person's own request is allowed (ADSS Cymru 9.8, quoting CIW Annex 4).
_PERSON_ASKED = re.compile(
    r"(at|on) (the )?(person'?s?|their|his|her|client'?s?) (own )?request|(person|client) asked for"
    r"|ar gais (y |'r )?person|ar ei (g|ch)ais"
)


def ongoing_role_problems(topic: str, summary: str) -> list[str]:
    """The codes (PROBLEMS keys) of ongoing roles in care that ``summary`` seems to record; empty: fine.

    ``topic`` is a TOPICS code; every topic is checked alike (advice filed under "quality" may
    still read as monitoring a worker).
    """
    text = re.sub(r"\s+", " ", (summary or "").lower().replace("’", "'"))
    found = []
    for code, patterns in _COMPILED.items():
        if code == SUPPLYING_COVER and _PERSON_ASKED.search(text):
            continue
        if any(p.search(text) for p in patterns):
            found.append(code)
    return found
