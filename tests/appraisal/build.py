"""Appraisals from the seed reports, for the tests.

Cwm Taf (2017), "Appendix 2 - The options appraisal matrix": 13 options in three domains against 19
criteria under five headings, each cell red, amber or green. The option and criterion wording and every
colour below are the report's, copied from its matrix (seed 000); option names are the first sentence
of the report's list of options, the rest of it their description.

Staffordshire (2020), "Options for the Provision of Carers Services" (seed 001): options A, B and C
(Table 3) against the five outcomes of paragraph 15. The report's Appendix Two (the evaluation itself)
is not in the seed, so the scores here are the tests' own, chosen to agree with the report's
preference for option A; only the names are the report's.
"""

from decimal import Decimal

from carershub.reporting.appraisal import services

D1 = "Domain 1. Identifying the delivery structure"
D2 = "Domain 2. Applying the chosen structure model to the offer"
D3 = "Domain 3. Selecting the best delivery mechanism for the chosen package"

CWM_TAF_OPTIONS = [
    (D1, "1.1 Create a new dedicated staff team to deal with carers' issues across the region, coordinated by a "
         "regional manager and clear accountability for carers' services at senior management level.", ""),
    (D1, "1.2 Create two new dedicated staff teams to deal with carers' issues, e.g. one in RCT and one in MT, "
         "coordinated by a regional manager, and clear accountability for carers' services at senior management "
         "level.", ""),
    (D1, "1.3 Create a new dedicated staff team to deal with carers' issues across the region, coordinated by a "
         "regional manager, and co-locate it in a single physical location not only for the organisation of carers "
         "services but also as a place where carers can receive elements of the offer.",
     "Establish clear accountability for carers' services at senior management level."),
    (D1, "1.4 Create two new dedicated staff teams to deal with carers' issues, coordinated by a regional manager, "
         "and co-locate them in two physical locations (e.g. in RCT and MT) not only for the organisation of carers' "
         "services but also as a place where carers can receive elements of the offer.",
     "Establish clear accountability for carers' services at senior management level."),
    (D1, "1.5 Create a new dedicated staff team to deal with carers' issues across the region, coordinated by a "
         "regional manager, and multiple places where carers can receive elements of the offer.",
     "Establish clear accountability for carers' services at senior management level."),
    (D1, "1.6 Create two new dedicated staff teams to deal with carers' issues e.g. one in RCT and one in MT, "
         "coordinated by a regional manager, and multiple place where carers can receive elements of the offer.",
     "Establish clear accountability for carers' services at senior management level."),
    (D1, "1.7 Create a coordinated organisation of carers' services through a single manager but dispersal of staff "
         "and services in multiple locations.",
     "Establish clear accountability for carers' services at senior management level."),
    (D2, "2.1 Apply the chosen structure model from the options in Domain 1 to all five aspects of carers services "
         "contained in the offer.", ""),
    (D2, "2.2 Apply the chosen structure model from the options in Domain 1 separately to selected components of "
         "the offer and arrange the remainder via a different approach.", ""),
    (D3, "3.1 Seek a single external provider for delivery of the chosen package.", ""),
    (D3, "3.2 Deliver the chosen package in-house.", ""),
    (D3, "3.3 Seek multiple providers for delivery of the package.", ""),
    (D3, "3.4 Create a special purpose vehicle (SPV), independent of the statutory agencies, for delivery of the "
         "package.", ""),
]

C1 = "Criterion 1. ACHIEVING AN INTEGRATED REGIONAL SERVICE TO CARERS - to what extent does the option..."
C2 = "Criterion 2. ACHIEVING SUSTAINABILITY AND MANAGING RISKS - to what extent does the option..."
C3 = "Criterion 3. COMPLIANCE WITH THE SSWB ACT - to what extent does the option..."
C4 = "Criterion 4. IMPROVE OUTCOMES AND SERVICES - to what extent does the option..."
C5 = "Criterion 5. IMPLEMENTATION CAPABILITIES - to what extent does the option..."

# (heading, criterion, colours for options 1.1 ... 1.7 | 2.1 2.2 | 3.1 ... 3.4), as in the matrix.
CWM_TAF_CRITERIA = [
    (C1, "Provide a carers' service that is integrated across all agencies?", "GAGAGAR GG GGGG"),
    (C1, "Provide an approach to carers' services that is equitable across the whole region?", "GAGAGAR GA GGGG"),
    (C2, "Enable the offer to carers to be financially sustainable?", "GGAARRR GG AAAG"),
    (C2, "Involve risks for carers that are challenging to manage in terms of long term sustainability?",
     "GGAARRR GG AGAA"),
    (C2, "Involve risks for partner agencies that are challenging to manage in terms of long term sustainability?",
     "GGAARRR GG AAAA"),
    (C3, "Comply in respect of having an emphasis on services that prevent escalation of need?", "GAGAGAR AA AAAA"),
    (C3, "Comply in respect of having an emphasis on adopting different models of service delivery?",
     "AAAAGGR AA ARAG"),
    (C3, "Comply in respect of having an emphasis on services that are co-produced with those who use them?",
     "RRRRRRR RR AAAG"),
    (C4, "Lead to better outcomes for carers?", "GAGAGAR GG AAAA"),
    (C4, "Lead to more effective access, information, advice and assistance for carers?", "GAGAGAR GA AAAA"),
    (C4, "Lead to more effective support services for carers?", "GAGAGAR GG AAAA"),
    (C4, "Lead to more effective employment support services, education and training?", "GAGAGAR GG AAAA"),
    (C4, "Lead to more effective and flexible respite and breaks for carers?", "GAGAGAR GA AAAA"),
    (C4, "Enable those issues which facilitate delivery of the offer to be achieved?", "GAGAGAR GA AAAG"),
    (C5, "Enable implementation to be sufficiently early?", "GGAAAAG GG AGAR"),
    (C5, "Enable staff with the right skills to be in place without unacceptable delay?", "GAGAGAR GG AGAR"),
    (C5, "Depend on the availability of finance which is not currently available?", "GGAAAAG GG AGAR"),
    (C5, "Depend on the availability of suitable buildings which are not currently available?", "GGAAAAG GG AAAA"),
    (C5, "Meet the likely approval of politicians and Board members?", "AAGAGAR GG AGAA"),
]

CO_PRODUCTION = "Comply in respect of having an emphasis on services that are co-produced with those who use them?"


def cwm_taf(actor, *, organisation=None):
    """The Cwm Taf appraisal, every cell as the report coloured it, every weight 1."""
    appraisal = services.create_appraisal(actor=actor, organisation=organisation,
                                          title="Cwm Taf carers' services: options appraisal matrix",
                                          purpose="A regional integrated service model for carers (Appendix 2).",
                                          method="rag")
    criteria = [services.add_criterion(appraisal, name=name, group=heading) for heading, name, _c in CWM_TAF_CRITERIA]
    for index, (group, name, description) in enumerate(CWM_TAF_OPTIONS):
        cells = {}
        for criterion, (_h, _n, colours) in zip(criteria, CWM_TAF_CRITERIA, strict=True):
            cells[criterion.pk] = (colours.replace(" ", "")[index], "")
        services.add_option(appraisal, name=name, group=group, description=description, cells=cells)
    return appraisal


STAFFORDSHIRE_OPTIONS = [
    ("A", "Option A: contact point directly provided by the Council; carers well-being partnership commissioned "
          "externally; assessment and support planning directly provided by the Council and MPFT"),
    ("B", "Option B: contact point commissioned externally; carers well-being partnership commissioned externally; "
          "assessment and support planning directly provided by the Council and MPFT"),
    ("C", "Option C: contact point, carers well-being partnership, and assessment and support planning all "
          "commissioned externally"),
]
STAFFORDSHIRE_OUTCOMES = [
    "Enable delivery of statutory duties",
    "Support delivery of the Carers Strategy",
    "Financially sustainable and value for money",
    "Offer social value by supporting individual and community resilience",
    "Manage operational and reputational risk",
]
# The tests' scores (0 to 5), outcome by outcome: not the report's (its Appendix Two is not in the seed).
STAFFORDSHIRE_SCORES = {"A": [5, 4, 4, 3, 4], "B": [3, 4, 3, 4, 2], "C": [2, 3, 3, 4, 2]}


def staffordshire(actor, *, weights=None, organisation=None):
    appraisal = services.create_appraisal(actor=actor, organisation=organisation,
                                          title="Staffordshire: options for the provision of carers services",
                                          method="score", scale_min=0, scale_max=5)
    weights = weights or {}
    criteria = [services.add_criterion(appraisal, name=name, weight=Decimal(weights.get(name, 1)))
                for name in STAFFORDSHIRE_OUTCOMES]
    for letter, name in STAFFORDSHIRE_OPTIONS:
        cells = {c.pk: (score, "") for c, score in zip(criteria, STAFFORDSHIRE_SCORES[letter], strict=True)}
        services.add_option(appraisal, name=name, cells=cells)
    return appraisal
