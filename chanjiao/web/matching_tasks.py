"""The workbench tasks of applications, contact requests and matching events.

Counts only, each asked of the app that owns the rule (who acts for which organisation, who
answers for a school, who organises events), with links to the pages that act on them: new
applications for a publisher, the applicant's invitations, a school's contact requests waiting
for an answer, an organiser's enterprises waiting for approval.
"""

from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.applications.models import ApplicationState
from chanjiao.applications.permissions import organization_ids_user_acts_for
from chanjiao.applications.selectors import (
    application_inbox,
    application_list_for_applicant,
    application_state_counts,
)
from chanjiao.contact_requests.models import ContactRequestState
from chanjiao.contact_requests.permissions import answering_schools
from chanjiao.contact_requests.selectors import contact_requests_pending_count
from chanjiao.events.models import EventEnterprise, EventState, MatchEvent, ParticipationState
from chanjiao.events.permissions import organizations_user_organizes_for
from chanjiao.web.task_card import Task
from chanjiao.web.task_card import task_url as _url


def _received_task(user: User, *, schools: set[int]) -> list[Task]:
    publishers = organization_ids_user_acts_for(user)
    if not publishers:
        return []
    new = application_inbox(fetched_by=user, state=ApplicationState.SUBMITTED).count()
    # Every enterprise hires; a school sees the task only when someone applied to its posts.
    if not (publishers - schools or new):
        return []
    return [
        Task(
            label="新收到的投递",
            count=new,
            unit="份",
            url=_url("applications:received", state=ApplicationState.SUBMITTED),
            hint="查看简历，邀请面试或告知不合适" if new else "暂无新投递",
            tone="urgent" if new else "calm",
        )
    ]


def _contact_task(user: User) -> list[Task]:
    waiting = contact_requests_pending_count(user)
    return [
        Task(
            label="用人单位的联系请求",
            count=waiting,
            unit="条",
            url=_url("contact_requests:received", state=ContactRequestState.PENDING),
            hint="接受并留下联系人，或婉拒" if waiting else "暂无待答复的请求",
            tone="urgent" if waiting else "calm",
        )
    ]


def _organiser_task(organiser_ids: list[int]) -> list[Task]:
    pending = EventEnterprise.objects.filter(
        event__organizer_id__in=organiser_ids,
        event__state=EventState.PUBLISHED,
        event__ends_at__gte=timezone.now(),
        state=ParticipationState.PENDING,
    ).count()
    return [
        Task(
            label="待审核的参会单位",
            count=pending,
            unit="家",
            url=_url("events:mine"),
            hint="审核报名参会的用人单位及其岗位" if pending else "可发布招聘会、双选会",
            tone="urgent" if pending else "",
        )
    ]


def _applicant_task(user: User) -> list[Task]:
    states = application_state_counts(application_list_for_applicant(fetched_by=user))
    total = sum(states.values())
    if not total:
        return []
    interviews = states[ApplicationState.INTERVIEW]
    return [
        Task(
            label="我的投递",
            count=total,
            unit="份",
            url=_url("applications:mine"),
            hint=f"其中 {interviews} 份邀请你面试" if interviews else "查看每份投递的进度",
            tone="attention" if interviews else "",
        )
    ]


def matching_tasks(user: User) -> list[Task]:
    """The user's tasks about applications, contact requests and events."""
    schools = {school.pk for school in answering_schools(user)}
    tasks = _received_task(user, schools=schools)
    if schools:
        tasks += _contact_task(user)
    organiser_ids = [organization.pk for organization in organizations_user_organizes_for(user)]
    if organiser_ids:
        tasks += _organiser_task(organiser_ids)
    tasks += _applicant_task(user)
    upcoming = MatchEvent.objects.filter(
        state=EventState.PUBLISHED, starts_at__gte=timezone.now()
    ).count()
    tasks.append(
        Task(
            label="即将举行的招聘活动",
            count=upcoming,
            unit="场",
            url=_url("events:list"),
            hint="招聘会、双选会和小型面试会，报名参加",
        )
    )
    return tasks
