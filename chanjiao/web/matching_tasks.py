"""The workbench tasks of applications, contact requests and matching events.

Counts only (one small query each, on indexed columns) with links to the pages that act on
them: new applications for a publisher, the applicant's invitations, a school's contact
requests waiting for an answer, an organiser's enterprises waiting for approval.
"""

from django.db.models import Count
from django.utils import timezone

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.applications.models import Application, ApplicationState
from chanjiao.contact_requests.models import ContactRequest, ContactRequestState
from chanjiao.events.models import EventEnterprise, EventState, MatchEvent, ParticipationState
from chanjiao.organizations.models import SCHOOL_TYPES, OrganizationType
from chanjiao.web.task_card import Task
from chanjiao.web.task_card import task_url as _url

ACTING_ROLES = frozenset({Role.ORG_ADMIN, Role.INFO_OFFICER})
ORGANISING_TYPES = frozenset({*SCHOOL_TYPES, OrganizationType.ASSOCIATION})


def _acting_organizations(user: User) -> tuple[set[int], set[int], set[int]]:
    """The user's organisations as (publishers, schools, organisers) ids."""
    publishers: set[int] = set()
    schools: set[int] = set()
    organisers: set[int] = set()
    for membership in active_memberships(user):
        org_type = membership.organization.org_type
        if membership.role in ACTING_ROLES and org_type != OrganizationType.GOVERNMENT:
            publishers.add(membership.organization_id)
            if org_type in SCHOOL_TYPES:
                schools.add(membership.organization_id)
            if org_type in ORGANISING_TYPES:
                organisers.add(membership.organization_id)
        if membership.role == Role.GOV_ADMIN and org_type == OrganizationType.GOVERNMENT:
            organisers.add(membership.organization_id)
    return publishers, schools, organisers


def matching_tasks(user: User) -> list[Task]:
    """The user's tasks about applications, contact requests and events."""
    tasks: list[Task] = []
    publishers, schools, organisers = _acting_organizations(user)
    new = (
        Application.objects.filter(
            organization_id__in=publishers, state=ApplicationState.SUBMITTED
        ).count()
        if publishers
        else 0
    )
    # Every enterprise hires; a school sees the task only when someone applied to its posts.
    if publishers - schools or new:
        tasks.append(
            Task(
                label="新收到的投递",
                count=new,
                unit="份",
                url=_url("applications:received", state=ApplicationState.SUBMITTED),
                hint="查看简历，邀请面试或告知不合适" if new else "暂无新投递",
                tone="urgent" if new else "calm",
            )
        )
    if schools:
        waiting = ContactRequest.objects.filter(
            school_id__in=schools, state=ContactRequestState.PENDING
        ).count()
        tasks.append(
            Task(
                label="用人单位的联系请求",
                count=waiting,
                unit="条",
                url=_url("contact_requests:received", state=ContactRequestState.PENDING),
                hint="接受并留下联系人，或婉拒" if waiting else "暂无待答复的请求",
                tone="urgent" if waiting else "calm",
            )
        )
    if organisers:
        pending = EventEnterprise.objects.filter(
            event__organizer_id__in=organisers,
            event__state=EventState.PUBLISHED,
            event__ends_at__gte=timezone.now(),
            state=ParticipationState.PENDING,
        ).count()
        tasks.append(
            Task(
                label="待审核的参会单位",
                count=pending,
                unit="家",
                url=_url("events:mine"),
                hint="审核报名参会的用人单位及其岗位" if pending else "可发布招聘会、双选会",
                tone="urgent" if pending else "",
            )
        )
    states = dict(
        Application.objects.filter(applicant=user)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if states:
        interviews = states.get(ApplicationState.INTERVIEW, 0)
        total = sum(states.values())
        tasks.append(
            Task(
                label="我的投递",
                count=total,
                unit="份",
                url=_url("applications:mine"),
                hint=f"其中 {interviews} 份邀请你面试" if interviews else "查看每份投递的进度",
                tone="attention" if interviews else "",
            )
        )
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
            tone="",
        )
    )
    return tasks
