"""Who may read and write the working file, work tasks and decide concerns.

Case notes, tasks and alerts are the carers service's own working file: its service roles write
and read them, on the records they work with (people/relationships.py). A partner reading a
record under consent sees the alert banner (everybody who opens the record must) but not the notes.
"""

import rules

from carershub.accounts.rules import is_practitioner_or_manager, is_service_worker, is_team_manager
from carershub.people.rules import record_opened, works_with

VIEW_NOTES = "casework.view_casenote"
ADD_NOTE = "casework.add_casenote"
ADD_TASK = "casework.add_task"
WORK_TASK = "casework.change_task"
REASSIGN_TASK = "casework.reassign_task"
VIEW_MY_WORK = "casework.view_my_work"
VIEW_CONCERNS = "casework.view_concerns"
DECIDE_CONCERN = "casework.decide_concern"
ADD_ALERT = "casework.add_alert"
END_ALERT = "casework.end_alert"


@rules.predicate
def task_is_theirs_or_their_teams(user, task):
    if task is None:
        return True
    return task.assigned_to_id == user.pk or (bool(user.organisation_id) and task.team_id == user.organisation_id)


@rules.predicate
def task_of_their_team(user, task):
    return task is None or (bool(user.organisation_id) and task.team_id == user.organisation_id)


@rules.predicate
def task_about_their_carer(user, task):
    """A team manager who works with the carer may take the task into their own team."""
    return task is not None and task.person is not None and works_with(user, task.person)


@rules.predicate
def alert_raised_by_their_team_or_about_their_carer(user, alert):
    """The team that raised a concern decides it, and so may those who work with the person."""
    if alert is None:
        return True
    if user.organisation_id and alert.organisation_id == user.organisation_id:
        return True
    return alert.person is not None and works_with(user, alert.person)


rules.add_perm(VIEW_NOTES, is_service_worker & record_opened)
rules.add_perm(ADD_NOTE, is_service_worker & works_with)
rules.add_perm(ADD_TASK, is_service_worker & works_with)
rules.add_perm(WORK_TASK, is_service_worker & task_is_theirs_or_their_teams)
rules.add_perm(REASSIGN_TASK, is_team_manager & (task_of_their_team | task_about_their_carer))
rules.add_perm(VIEW_MY_WORK, is_service_worker)
rules.add_perm(VIEW_CONCERNS, is_service_worker)
rules.add_perm(DECIDE_CONCERN, is_practitioner_or_manager & alert_raised_by_their_team_or_about_their_carer)
rules.add_perm(ADD_ALERT, is_service_worker & works_with)
rules.add_perm(END_ALERT, is_practitioner_or_manager & alert_raised_by_their_team_or_about_their_carer)
