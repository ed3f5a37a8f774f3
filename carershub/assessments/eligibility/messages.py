"""The English text of eligibility decisions, keyed by stable code.

Every sentence a decision shows lives in ``MESSAGES``: criterion explanations
(``<criterion code>.<result>``, e.g. ``england.effect.outcomes``), overall
decisions (``decision.*``), the advice owed when needs are not eligible
(``prevention.*``), what is still missing (``missing.<answer field>``) and the
names of the outcomes (England) and matters (Wales), keyed by their codes.

Values take ``str.format`` named fields. ``render(code, detail)`` fills them;
list-valued parameters hold codes (outcomes, matters) that are themselves
looked up in ``MESSAGES``. The strings are marked with the project's one
``gettext_noop`` (``carershub.core.i18n``, pure) so ``makemessages`` extracts them; the
Django layer translates by passing its own (translated) mapping as
``messages``.

``STAFF_MESSAGES`` has the same keys, written about the carer for staff pages
("The carer provides ..."); ``MESSAGES`` stays in the carer's voice for
letters. Pass it as ``messages`` to ``render`` or ``render_missing``.

This module imports nothing else from the package, so every other module can
import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from carershub.core.i18n import gettext_noop

MESSAGES: Final[dict[str, str]] = {
    # Labels for outcomes (England reg. 3(2)(b)) and matters (Wales reg. 5).
    "england.child_caring_responsibilities": gettext_noop("looking after a child you are responsible for"),
    "england.care_for_others": gettext_noop("caring for other people you look after"),
    "england.habitable_home": gettext_noop("keeping your own home fit to live in"),
    "england.nutrition": gettext_noop("eating and drinking well"),
    "england.relationships": gettext_noop("keeping up family and other personal relationships"),
    "england.work_training_education_volunteering": gettext_noop(
        "taking part in work, training, education or volunteering"
    ),
    "england.community_facilities_services": gettext_noop(
        "using local facilities or services, including leisure facilities"
    ),
    "england.recreational_activities": gettext_noop("taking part in leisure activities"),
    "wales.self_care_domestic_routines": gettext_noop("looking after yourself or doing household tasks"),
    "wales.communication": gettext_noop("communicating"),
    "wales.protection_from_abuse_neglect": gettext_noop("being protected from abuse or neglect"),
    "wales.work_education_learning_leisure": gettext_noop(
        "taking part in work, education, learning or leisure activities"
    ),
    "wales.family_significant_relationships": gettext_noop(
        "keeping up or developing family or other important personal relationships"
    ),
    "wales.social_relationships_community": gettext_noop(
        "keeping up social relationships and being involved in your community"
    ),
    "wales.child_caring_responsibilities": gettext_noop("looking after a child you are responsible for"),
    # England reg. 3(1)(a)
    "england.necessary_care.met": gettext_noop(
        "You provide necessary care to an adult, and your needs arise because of that care (regulation 3(1)(a))."
    ),
    "england.necessary_care.not_adult": gettext_noop(
        "The person you care for is not an adult. These carer rules only cover care for an adult "
        "(regulation 3(1)(a))."
    ),
    "england.necessary_care.not_necessary": gettext_noop(
        "The care you provide is not care the person needs, so it is not 'necessary care' (regulation 3(1)(a))."
    ),
    "england.necessary_care.not_arising": gettext_noop(
        "Your needs do not arise because of the care you provide (regulation 3(1)(a))."
    ),
    "england.necessary_care.missing": gettext_noop(
        "We need to know who you care for, whether the care is necessary and whether your needs arise "
        "because of it (regulation 3(1)(a))."
    ),
    # England reg. 3(1)(b), 3(2), 3(3)
    "england.effect.health_and_outcomes": gettext_noop(
        "Your physical or mental health is getting worse or is at risk, and you are unable to manage: "
        "{outcomes} (regulation 3(2) and 3(3))."
    ),
    "england.effect.health": gettext_noop(
        "Your physical or mental health is getting worse, or is at risk of getting worse (regulation 3(2)(a))."
    ),
    "england.effect.outcomes": gettext_noop(
        "You are unable to manage: {outcomes}. Being unable to manage one of these is enough "
        "(regulation 3(2)(b) and 3(3))."
    ),
    "england.effect.not_met": gettext_noop(
        "Your health is not getting worse or at risk, and you can manage all eight outcomes without help, "
        "without significant pain, distress or anxiety and without danger (regulation 3(2) and 3(3))."
    ),
    "england.effect.not_met_slower_only": gettext_noop(
        "Your health is not getting worse or at risk. It takes you much longer than usual to manage: "
        "{outcomes}, but in England taking longer does not count as being unable for carers "
        "(regulation 3(3))."
    ),
    "england.effect.missing": gettext_noop(
        "We need to know whether your health is at risk and how you manage each outcome (regulation 3(2))."
    ),
    # England reg. 3(1)(c)
    "england.wellbeing.met": gettext_noop(
        "As a result, there is, or is likely to be, a significant impact on your well-being "
        "(regulation 3(1)(c) and section 1(2) of the Care Act 2014)."
    ),
    "england.wellbeing.not_met": gettext_noop(
        "There is not, and is not likely to be, a significant impact on your well-being as a result "
        "(regulation 3(1)(c))."
    ),
    "england.wellbeing.missing": gettext_noop(
        "We need to know whether there is, or is likely to be, a significant impact on your well-being "
        "(regulation 3(1)(c))."
    ),
    # England reg. 3(4)
    "england.fluctuation.not_applicable": gettext_noop(
        "Your needs do not go up and down, so no longer period needed to be looked at (regulation 3(4))."
    ),
    "england.fluctuation.considered": gettext_noop(
        "Your needs go up and down. Your circumstances were looked at over this period: {period} "
        "(regulation 3(4))."
    ),
    "england.fluctuation.period_missing": gettext_noop(
        "Your needs go up and down, but no period has been recorded over which your circumstances were "
        "looked at. The council must look at a long enough period to judge your needs accurately, so we "
        "cannot decide yet (regulation 3(4))."
    ),
    "england.fluctuation.missing": gettext_noop(
        "We need to know whether your needs go up and down (regulation 3(4))."
    ),
    # Wales reg. 5(a)
    "wales.arises_from_caring.met": gettext_noop(
        "Your needs arise because you care for an adult or a disabled child (regulation 5)."
    ),
    "wales.arises_from_caring.not_adult_or_disabled_child": gettext_noop(
        "The person you care for is a child who is not disabled. These carer rules cover care for an adult "
        "or a disabled child (regulation 5 and section 3 of the Social Services and Well-being (Wales) Act 2014)."
    ),
    "wales.arises_from_caring.not_arising": gettext_noop(
        "Your needs do not arise because of the care you provide (regulation 5)."
    ),
    "wales.arises_from_caring.missing": gettext_noop(
        "We need to know who you care for and whether your needs arise because of that care (regulation 5)."
    ),
    # Wales reg. 5(b)
    "wales.relates_to_matter.met": gettext_noop("You have a need to do with: {matters} (regulation 5)."),
    "wales.relates_to_matter.not_met": gettext_noop(
        "You can manage every area on your own without significant pain, distress, anxiety, danger or "
        "taking much longer than usual, so you have no need in the listed areas (regulations 5 and 6)."
    ),
    "wales.relates_to_matter.missing": gettext_noop(
        "We need to know how you manage each area (regulation 5)."
    ),
    # Wales reg. 5(c) and 6
    "wales.cannot_meet_need.met": gettext_noop(
        "You cannot meet your need to do with {matters} on your own, with help from people willing to help, "
        "or with community services you can use. Managing only with significant pain, distress or anxiety, "
        "with danger, or by taking much longer than usual counts as not being able to (regulations 5 and 6)."
    ),
    "wales.cannot_meet_need.not_met": gettext_noop(
        "Your needs can be met on your own, with help from people willing to help, or with community "
        "services you can use (regulations 5 and 6)."
    ),
    "wales.cannot_meet_need.no_need": gettext_noop(
        "You have no need in the listed areas, so this condition cannot be met (regulation 5)."
    ),
    "wales.cannot_meet_need.missing": gettext_noop(
        "We need to know whether other people or community services can meet your needs (regulations 5 and 6)."
    ),
    # Wales reg. 5(d)
    "wales.personal_outcomes.met": gettext_noop(
        "You are unlikely to achieve one or more of your personal outcomes unless the council provides or "
        "arranges support, or direct payments, to meet your need to do with {matters} (regulation 5)."
    ),
    "wales.personal_outcomes.not_met": gettext_noop(
        "You are likely to achieve your personal outcomes without support arranged by the council "
        "(regulation 5)."
    ),
    "wales.personal_outcomes.no_qualifying_need": gettext_noop(
        "None of your needs meets the earlier conditions, so this condition cannot be met (regulation 5)."
    ),
    "wales.personal_outcomes.missing": gettext_noop(
        "We need to know whether you are likely to achieve your personal outcomes without support from "
        "the council (regulation 5)."
    ),
    # Wales fluctuation (service policy)
    "wales.fluctuation.not_applicable": gettext_noop("Your needs do not go up and down."),
    "wales.fluctuation.considered": gettext_noop(
        "Your needs go up and down. Your circumstances were looked at over this period: {period}."
    ),
    "wales.fluctuation.period_missing": gettext_noop(
        "Your needs go up and down, but no period has been recorded over which your circumstances were "
        "looked at, so we cannot decide yet."
    ),
    "wales.fluctuation.missing": gettext_noop("We need to know whether your needs go up and down."),
    # Overall decisions
    "decision.england.eligible": gettext_noop(
        "Your needs as a carer meet the national eligibility criteria for carers in England."
    ),
    "decision.england.not_eligible": gettext_noop(
        "Your needs as a carer do not meet the national eligibility criteria for carers in England."
    ),
    "decision.wales.eligible": gettext_noop(
        "At least one of your needs as a carer meets the eligibility criteria for carers in Wales."
    ),
    "decision.wales.not_eligible": gettext_noop(
        "None of your needs as a carer meets the eligibility criteria for carers in Wales."
    ),
    "decision.cannot_decide": gettext_noop("We cannot decide yet because some information is missing."),
    # Advice when not eligible
    "prevention.england": gettext_noop(
        "The council must give you written advice and information about what can be done to meet or reduce "
        "your needs, and to prevent or delay needs developing in the future (Care Act 2014, section 13(5))."
    ),
    "prevention.wales": gettext_noop(
        "The council must consider whether you would benefit from preventative services, information, advice "
        "or assistance, or anything else available in the community. It must also decide whether it is still "
        "necessary to meet your needs to protect you from abuse or neglect (Social Services and Well-being "
        "(Wales) Act 2014, section 32(1))."
    ),
    # Missing-information labels
    "missing.cared_for": gettext_noop("who you care for"),
    "missing.needs_arise_from_providing_care": gettext_noop("whether your needs arise because of caring"),
    "missing.provides_necessary_care": gettext_noop("whether the care you give is necessary"),
    "missing.health_deteriorating_or_at_risk": gettext_noop("whether your health is getting worse or at risk"),
    "missing.significant_impact_on_wellbeing": gettext_noop("whether there is a significant impact on your well-being"),
    "missing.needs_fluctuate": gettext_noop("whether your needs go up and down"),
    "missing.fluctuation_period_considered": gettext_noop("the period over which your circumstances were looked at"),
    "missing.achievable": gettext_noop("how you manage {item}"),
    "missing.others_or_community_can_meet": gettext_noop(
        "whether other people or community services can meet your need to do with {item}"
    ),
    "missing.personal_outcomes_unlikely_without_council": gettext_noop(
        "whether you can achieve your personal outcomes about {item} without the council's support"
    ),
    # 2026-12 rule versions: criteria not reached because an earlier one is not met.
    "england.effect.not_considered": gettext_noop(
        "We did not look at this, because an earlier condition (regulation {failed_ref}) is not met."
    ),
    "england.wellbeing.not_considered": gettext_noop(
        "We did not look at this, because an earlier condition (regulation {failed_ref}) is not met."
    ),
    "wales.relates_to_matter.not_considered": gettext_noop(
        "We did not look at this, because an earlier condition (regulation {failed_ref}) is not met."
    ),
    "wales.cannot_meet_need.not_considered": gettext_noop(
        "We did not look at this, because an earlier condition (regulation {failed_ref}) is not met."
    ),
    "wales.personal_outcomes.not_considered": gettext_noop(
        "We did not look at this, because an earlier condition (regulation {failed_ref}) is not met."
    ),
    # Wales: warnings that do not change the decision (Carers Hub policy on fluctuating needs).
    "warning.wales.fluctuation_unanswered": gettext_noop(
        "We have not recorded whether your needs go up and down. This does not change the decision."
    ),
    "warning.wales.fluctuation_period_missing": gettext_noop(
        "Your needs go up and down, but we have not recorded the period over which your circumstances were "
        "looked at. This does not change the decision."
    ),
    # Wales: determinations recorded by the practitioner (SSWA 2014 s. 32(1)(b) and (c)).
    "determination.wales.must_meet_adult": gettext_noop(
        "Your needs do not meet the eligibility criteria, but the council has decided it must meet them to "
        "protect you from abuse or neglect, or the risk of it (Social Services and Well-being (Wales) Act 2014, "
        "section 32(1)(b)(i))."
    ),
    "determination.wales.must_meet_child": gettext_noop(
        "Your needs do not meet the eligibility criteria, but the council has decided it must meet them to "
        "protect you from abuse or neglect or other harm, or the risk of it (Social Services and Well-being "
        "(Wales) Act 2014, section 32(1)(b)(ii))."
    ),
    "determination.wales.other_functions": gettext_noop(
        "The council has decided that your needs call for it to use its other powers or duties (Social Services "
        "and Well-being (Wales) Act 2014, section 32(1)(c))."
    ),
    # Frameworks without national eligibility criteria (frameworks.WITH_NATIONAL_CRITERIA).
    "no_national_criteria.england.young_carer": gettext_noop(
        "There are no national eligibility criteria for a young carer's needs assessment (Children Act 1989 "
        "s17ZA): the council decides whether there are needs for support."
    ),
    "no_national_criteria.england.parent_carer": gettext_noop(
        "There are no national eligibility criteria for a parent carer's needs assessment (Children Act 1989 "
        "s17ZD): the council decides whether there are needs for support."
    ),
    "no_national_criteria.england.young_carer_transition": gettext_noop(
        "There are no national eligibility criteria for a young carer's transition assessment (Care Act 2014 "
        "s63): the council indicates whether needs are likely to be eligible after 18."
    ),
    "no_national_criteria.england.childs_carer_transition": gettext_noop(
        "There are no national eligibility criteria for a child's carer's transition assessment (Care Act 2014 "
        "s60): the council indicates whether needs are likely to be eligible after the child becomes 18."
    ),
    "no_national_criteria.wales.young_carer_transition": gettext_noop(
        "There are no transition assessments in Wales law: every carer, of any age, is assessed under section 24 "
        "of the Social Services and Well-being (Wales) Act 2014."
    ),
    "no_national_criteria.wales.childs_carer_transition": gettext_noop(
        "There are no transition assessments in Wales law: every carer, of any age, is assessed under section 24 "
        "of the Social Services and Well-being (Wales) Act 2014."
    ),
    # Missing-information labels (2026-12)
    "missing.others_or_community": gettext_noop(
        "whether other people or community services can meet your need to do with {item}, and at what cost to you"
    ),
}


# The same sentences about the carer, for staff pages. The same keys as ``MESSAGES``.
STAFF_MESSAGES: Final[dict[str, str]] = {
    # Labels for outcomes (England reg. 3(2)(b)) and matters (Wales reg. 5).
    "england.child_caring_responsibilities": gettext_noop("looking after a child they are responsible for"),
    "england.care_for_others": gettext_noop("caring for other people they look after"),
    "england.habitable_home": gettext_noop("keeping their own home fit to live in"),
    "england.nutrition": gettext_noop("eating and drinking well"),
    "england.relationships": gettext_noop("keeping up family and other personal relationships"),
    "england.work_training_education_volunteering": gettext_noop(
        "taking part in work, training, education or volunteering"
    ),
    "england.community_facilities_services": gettext_noop(
        "using local facilities or services, including leisure facilities"
    ),
    "england.recreational_activities": gettext_noop("taking part in leisure activities"),
    "wales.self_care_domestic_routines": gettext_noop("looking after themselves or doing household tasks"),
    "wales.communication": gettext_noop("communicating"),
    "wales.protection_from_abuse_neglect": gettext_noop("being protected from abuse or neglect"),
    "wales.work_education_learning_leisure": gettext_noop(
        "taking part in work, education, learning or leisure activities"
    ),
    "wales.family_significant_relationships": gettext_noop(
        "keeping up or developing family or other important personal relationships"
    ),
    "wales.social_relationships_community": gettext_noop(
        "keeping up social relationships and being involved in their community"
    ),
    "wales.child_caring_responsibilities": gettext_noop("looking after a child they are responsible for"),
    # England reg. 3(1)(a)
    "england.necessary_care.met": gettext_noop(
        "The carer provides necessary care to an adult, and their needs arise because of that care "
        "(regulation 3(1)(a))."
    ),
    "england.necessary_care.not_adult": gettext_noop(
        "The person cared for is not an adult. These carer rules only cover care for an adult (regulation 3(1)(a))."
    ),
    "england.necessary_care.not_necessary": gettext_noop(
        "The care the carer provides is not care the person needs, so it is not 'necessary care' "
        "(regulation 3(1)(a))."
    ),
    "england.necessary_care.not_arising": gettext_noop(
        "The carer's needs do not arise because of the care they provide (regulation 3(1)(a))."
    ),
    "england.necessary_care.missing": gettext_noop(
        "Record who the carer cares for, whether the care is necessary and whether their needs arise because "
        "of it (regulation 3(1)(a))."
    ),
    # England reg. 3(1)(b), 3(2), 3(3)
    "england.effect.health_and_outcomes": gettext_noop(
        "The carer's physical or mental health is getting worse or is at risk, and they are unable to manage: "
        "{outcomes} (regulation 3(2) and 3(3))."
    ),
    "england.effect.health": gettext_noop(
        "The carer's physical or mental health is getting worse, or is at risk of getting worse "
        "(regulation 3(2)(a))."
    ),
    "england.effect.outcomes": gettext_noop(
        "The carer is unable to manage: {outcomes}. Being unable to manage one of these is enough "
        "(regulation 3(2)(b) and 3(3))."
    ),
    "england.effect.not_met": gettext_noop(
        "The carer's health is not getting worse or at risk, and they can manage every outcome that applies "
        "without help, without significant pain, distress or anxiety and without danger "
        "(regulation 3(2) and 3(3))."
    ),
    "england.effect.not_met_slower_only": gettext_noop(
        "The carer's health is not getting worse or at risk. It takes them much longer than usual to manage: "
        "{outcomes}, but in England taking longer does not count as being unable for carers (regulation 3(3))."
    ),
    "england.effect.missing": gettext_noop(
        "Record whether the carer's health is at risk and how they manage each outcome (regulation 3(2))."
    ),
    "england.effect.not_considered": gettext_noop(
        "Not considered: an earlier condition (regulation {failed_ref}) is not met."
    ),
    # England reg. 3(1)(c)
    "england.wellbeing.met": gettext_noop(
        "As a result, there is, or is likely to be, a significant impact on the carer's well-being "
        "(regulation 3(1)(c) and section 1(2) of the Care Act 2014)."
    ),
    "england.wellbeing.not_met": gettext_noop(
        "There is not, and is not likely to be, a significant impact on the carer's well-being as a result "
        "(regulation 3(1)(c))."
    ),
    "england.wellbeing.missing": gettext_noop(
        "Record whether there is, or is likely to be, a significant impact on the carer's well-being "
        "(regulation 3(1)(c))."
    ),
    "england.wellbeing.not_considered": gettext_noop(
        "Not considered: an earlier condition (regulation {failed_ref}) is not met."
    ),
    # England reg. 3(4)
    "england.fluctuation.not_applicable": gettext_noop(
        "The carer's needs do not go up and down, so no longer period needed to be looked at (regulation 3(4))."
    ),
    "england.fluctuation.considered": gettext_noop(
        "The carer's needs go up and down. Their circumstances were looked at over this period: {period} "
        "(regulation 3(4))."
    ),
    "england.fluctuation.period_missing": gettext_noop(
        "The carer's needs go up and down, but no period has been recorded over which their circumstances were "
        "looked at. The council must look at a long enough period to judge their needs accurately, so this "
        "cannot be decided yet (regulation 3(4))."
    ),
    "england.fluctuation.missing": gettext_noop(
        "Record whether the carer's needs go up and down (regulation 3(4))."
    ),
    # Wales reg. 5(a)
    "wales.arises_from_caring.met": gettext_noop(
        "The carer's needs arise because they care for an adult or a disabled child (regulation 5)."
    ),
    "wales.arises_from_caring.not_adult_or_disabled_child": gettext_noop(
        "The person cared for is a child who is not disabled. These carer rules cover care for an adult or a "
        "disabled child (regulation 5 and section 3 of the Social Services and Well-being (Wales) Act 2014)."
    ),
    "wales.arises_from_caring.not_arising": gettext_noop(
        "The carer's needs do not arise because of the care they provide (regulation 5)."
    ),
    "wales.arises_from_caring.missing": gettext_noop(
        "Record who the carer cares for and whether their needs arise because of that care (regulation 5)."
    ),
    # Wales reg. 5(b)
    "wales.relates_to_matter.met": gettext_noop("The carer has a need to do with: {matters} (regulation 5)."),
    "wales.relates_to_matter.not_met": gettext_noop(
        "The carer can manage every area on their own without significant pain, distress, anxiety, danger or "
        "taking much longer than usual, so they have no need in the listed areas (regulations 5 and 6)."
    ),
    "wales.relates_to_matter.missing": gettext_noop("Record how the carer manages each area (regulation 5)."),
    "wales.relates_to_matter.not_considered": gettext_noop(
        "Not considered: an earlier condition (regulation {failed_ref}) is not met."
    ),
    # Wales reg. 5(c) and 6
    "wales.cannot_meet_need.met": gettext_noop(
        "The carer cannot meet their need to do with {matters} on their own, with help from people willing to "
        "help, or with community services they can use. Managing only with significant pain, distress or "
        "anxiety, with danger, or by taking much longer than usual counts as not being able to "
        "(regulations 5 and 6)."
    ),
    "wales.cannot_meet_need.not_met": gettext_noop(
        "The carer's needs can be met on their own, with help from people willing to help, or with community "
        "services they can use (regulations 5 and 6)."
    ),
    "wales.cannot_meet_need.no_need": gettext_noop(
        "The carer has no need in the listed areas, so this condition cannot be met (regulation 5)."
    ),
    "wales.cannot_meet_need.missing": gettext_noop(
        "Record whether other people or community services can meet the carer's needs (regulations 5 and 6)."
    ),
    "wales.cannot_meet_need.not_considered": gettext_noop(
        "Not considered: an earlier condition (regulation {failed_ref}) is not met."
    ),
    # Wales reg. 5(d)
    "wales.personal_outcomes.met": gettext_noop(
        "The carer is unlikely to achieve one or more of their personal outcomes unless the council provides or "
        "arranges support, or direct payments, to meet their need to do with {matters} (regulation 5)."
    ),
    "wales.personal_outcomes.not_met": gettext_noop(
        "The carer is likely to achieve their personal outcomes without support arranged by the council "
        "(regulation 5)."
    ),
    "wales.personal_outcomes.no_qualifying_need": gettext_noop(
        "None of the carer's needs meets the earlier conditions, so this condition cannot be met (regulation 5)."
    ),
    "wales.personal_outcomes.missing": gettext_noop(
        "Record whether the carer is likely to achieve their personal outcomes without support from the "
        "council (regulation 5)."
    ),
    "wales.personal_outcomes.not_considered": gettext_noop(
        "Not considered: an earlier condition (regulation {failed_ref}) is not met."
    ),
    # Wales fluctuation (service policy; the 2016 version only)
    "wales.fluctuation.not_applicable": gettext_noop("The carer's needs do not go up and down."),
    "wales.fluctuation.considered": gettext_noop(
        "The carer's needs go up and down. Their circumstances were looked at over this period: {period}."
    ),
    "wales.fluctuation.period_missing": gettext_noop(
        "The carer's needs go up and down, but no period has been recorded over which their circumstances were "
        "looked at, so this cannot be decided yet."
    ),
    "wales.fluctuation.missing": gettext_noop("Record whether the carer's needs go up and down."),
    # Overall decisions
    "decision.england.eligible": gettext_noop(
        "The carer's needs meet the national eligibility criteria for carers in England."
    ),
    "decision.england.not_eligible": gettext_noop(
        "The carer's needs do not meet the national eligibility criteria for carers in England."
    ),
    "decision.wales.eligible": gettext_noop(
        "At least one of the carer's needs meets the eligibility criteria for carers in Wales."
    ),
    "decision.wales.not_eligible": gettext_noop(
        "None of the carer's needs meets the eligibility criteria for carers in Wales."
    ),
    "decision.cannot_decide": gettext_noop("This cannot be decided yet because some information is missing."),
    # Advice when not eligible
    "prevention.england": gettext_noop(
        "The council must give the carer written advice and information about what can be done to meet or "
        "reduce their needs, and to prevent or delay needs developing in the future (Care Act 2014, "
        "section 13(5))."
    ),
    "prevention.wales": gettext_noop(
        "The council must consider whether the carer would benefit from preventative services, information, "
        "advice or assistance, or anything else available in the community. It must also decide whether it is "
        "still necessary to meet their needs to protect them from abuse or neglect (Social Services and "
        "Well-being (Wales) Act 2014, section 32(1))."
    ),
    # Warnings (Wales fluctuating needs, 2026-12 version)
    "warning.wales.fluctuation_unanswered": gettext_noop(
        "Whether the carer's needs go up and down is not recorded. Service policy asks for it; it does not "
        "change the statutory decision."
    ),
    "warning.wales.fluctuation_period_missing": gettext_noop(
        "The carer's needs go up and down, but no period over which their circumstances were looked at is "
        "recorded. Service policy asks for it; it does not change the statutory decision."
    ),
    # Determinations recorded by the practitioner (Wales)
    "determination.wales.must_meet_adult": gettext_noop(
        "The carer's needs do not meet the eligibility criteria, but it is necessary to meet them to protect "
        "the carer from abuse or neglect or a risk of it (Social Services and Well-being (Wales) Act 2014, "
        "section 32(1)(b)(i))."
    ),
    "determination.wales.must_meet_child": gettext_noop(
        "The young carer's needs do not meet the eligibility criteria, but it is necessary to meet them to "
        "protect them from abuse or neglect or other harm, or a risk of it (Social Services and Well-being "
        "(Wales) Act 2014, section 32(1)(b)(ii))."
    ),
    "determination.wales.other_functions": gettext_noop(
        "The carer's needs call for the exercise of another function under the Act or Parts 4 or 5 of the "
        "Children Act 1989 (Social Services and Well-being (Wales) Act 2014, section 32(1)(c))."
    ),
    # Missing-information labels
    "missing.cared_for": gettext_noop("who the carer cares for"),
    "missing.needs_arise_from_providing_care": gettext_noop("whether their needs arise because of caring"),
    "missing.provides_necessary_care": gettext_noop("whether the care they give is necessary"),
    "missing.health_deteriorating_or_at_risk": gettext_noop("whether their health is getting worse or at risk"),
    "missing.significant_impact_on_wellbeing": gettext_noop(
        "whether there is a significant impact on their well-being"
    ),
    "missing.needs_fluctuate": gettext_noop("whether their needs go up and down"),
    "missing.fluctuation_period_considered": gettext_noop("the period over which their circumstances were looked at"),
    "missing.achievable": gettext_noop("how they manage {item}"),
    "missing.others_or_community_can_meet": gettext_noop(
        "whether other people or community services can meet their need to do with {item}"
    ),
    "missing.personal_outcomes_unlikely_without_council": gettext_noop(
        "whether they can achieve their personal outcomes about {item} without the council's support"
    ),
    "missing.others_or_community": gettext_noop(
        "whether other people or community services can meet their need to do with {item}, and at what cost to "
        "the carer"
    ),
    # Frameworks without national eligibility criteria: worded about the assessment, the same for both.
    **{code: text for code, text in MESSAGES.items() if code.startswith("no_national_criteria.")},
}


def render(code: str, detail: Mapping[str, Any] | None = None, messages: Mapping[str, str] = MESSAGES) -> str:
    """Fill the template for ``code`` from ``detail``.

    List values in ``detail`` are lists of codes (outcomes/matters); each is
    looked up in ``messages`` and joined with "; ". Pass a translated mapping as
    ``messages`` to render in another language, or ``STAFF_MESSAGES`` (or its translation) for the
    practitioner's voice.
    """
    params: dict[str, str] = {}
    for key, value in (detail or {}).items():
        if isinstance(value, (list, tuple)):
            params[key] = "; ".join(messages.get(str(item), str(item)) for item in value)
        elif value is None:
            params[key] = ""
        else:
            params[key] = str(value)
    return messages[code].format(**params)


def render_missing(item: str, messages: Mapping[str, str] = MESSAGES) -> str:
    """Render a missing-information code such as ``"achievable:england.nutrition"``."""
    field_code, _, subject = item.partition(":")
    template = messages["missing." + field_code]
    return template.format(item=messages.get(subject, subject)) if subject else template
