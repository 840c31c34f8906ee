"""Demonstration applications, matching events and contact requests of one locality.

Written as rows marked ``is_demo`` (as the demo items are), each with the workflow history a
real one would have, so that a student, an enterprise's HR and a school see realistic states
at once: applications at every step, a past 招聘会 with its outcomes and an upcoming 双选会,
contact requests waiting, accepted and declined. The same locality, seed and day give the same
rows; a second run replaces the locality's rows.
"""

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.applications.models import Application, ApplicationState
from chanjiao.contact_requests.models import ContactRequest, ContactRequestState
from chanjiao.demo.services.scope import DemoScope, demo_scope
from chanjiao.events.models import (
    EventAudience,
    EventEnterprise,
    EventKind,
    EventRegistration,
    MatchEvent,
    ParticipationState,
)
from chanjiao.events.selectors import event_post_ids
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing, live_condition
from chanjiao.localities.models import Locality
from chanjiao.organizations.models import (
    SCHOOL_TYPES,
    Organization,
    OrganizationType,
    SchoolMajor,
    VerificationStatus,
)
from chanjiao.organizations.selectors import acting_member_ids
from chanjiao.students.models import StudentProfile
from chanjiao.subscriptions.models import NoticeCategory, Notification
from chanjiao.workflow.models import TransitionRecord

DEMO_NOTICE = "demo."  # the dedupe key prefix of the demo's inbox messages
APPLICANTS = 40  # students who applied somewhere (of the locality's demo students)
S = ApplicationState
# The path each application took, and how often (of 20): most wait, some are decided.
_PATHS: tuple[tuple[tuple[str, str], ...], ...] = (
    (),
    (),
    (),
    (),
    (("view", S.VIEWED),),
    (("view", S.VIEWED),),
    (("view", S.VIEWED),),
    (("view", S.VIEWED), ("invite", S.INTERVIEW)),
    (("view", S.VIEWED), ("invite", S.INTERVIEW)),
    (("view", S.VIEWED), ("invite", S.INTERVIEW)),
    (("view", S.VIEWED), ("invite", S.INTERVIEW), ("hire", S.HIRED)),
    (("view", S.VIEWED), ("invite", S.INTERVIEW), ("hire", S.HIRED)),
    (("view", S.VIEWED), ("invite", S.INTERVIEW), ("hire", S.HIRED)),
    (("view", S.VIEWED), ("decline", S.DECLINED)),
    (("view", S.VIEWED), ("decline", S.DECLINED)),
    (("view", S.VIEWED), ("invite", S.INTERVIEW), ("decline", S.DECLINED)),
    (("withdraw", S.WITHDRAWN),),
    (("view", S.VIEWED), ("invite", S.INTERVIEW)),
    (),
    (("view", S.VIEWED),),
)
_STATE_MESSAGES: dict[str, str] = {
    S.INTERVIEW: "请于工作日 9:00—17:00 携带简历到公司人力资源部面试，如时间不便请回复。",
    S.HIRED: "恭喜您通过面试，我们将尽快与您联系办理入职手续。",
    S.DECLINED: "感谢您的关注，您的情况与岗位要求暂不匹配，欢迎关注我们的其他岗位。",
}
_MESSAGES = (
    "您好，我对贵单位的岗位很感兴趣，希望有机会参加面试。",
    "本人专业对口，有相关实习经历，期待您的回复。",
    "",
    "可随时到岗，请多指教。",
)


def demo_write(*, locality: Locality, seed: int) -> dict[str, int]:
    """Replace the locality's demo applications, events and contact requests."""
    scope = demo_scope(locality)
    demo_matching_remove(scope)
    rng = random.Random(f"demo-matching-{seed}-{locality.region.code}")
    world = _World.build(scope)
    if not world.enterprises or not world.posts:
        return {"applications": 0, "events": 0, "contact_requests": 0}
    now = timezone.now()
    past_event, next_event = _events(world, rng, now)
    applications = _applications(world, rng, now, past_event)
    requests = _contact_requests(world, rng, now)
    return {
        "applications": applications,
        "events": int(past_event is not None) + int(next_event is not None),
        "contact_requests": requests,
    }


def demo_remove() -> int:
    """Delete every demo application, event and contact request, with their history."""
    removed = 0
    removed += int(Notification.objects.filter(dedupe_key__startswith=DEMO_NOTICE).delete()[0])
    for model, rows in (
        (Application, Application.objects.filter(is_demo=True)),
        (ContactRequest, ContactRequest.objects.filter(is_demo=True)),
        (EventEnterprise, EventEnterprise.objects.filter(event__is_demo=True)),
        (MatchEvent, MatchEvent.objects.filter(is_demo=True)),
    ):
        removed += _delete_with_history(model, rows)
    return removed


def demo_matching_remove(scope: DemoScope) -> int:
    """Delete one locality's demo rows (before its people or organisations may be deleted)."""
    organizations = scope.organizations()
    users = scope.users()
    removed = _delete_with_history(
        Application,
        Application.objects.filter(is_demo=True).filter(
            Q(organization__in=organizations) | Q(applicant__in=users)
        ),
    )
    removed += _delete_with_history(
        ContactRequest,
        ContactRequest.objects.filter(is_demo=True).filter(
            Q(enterprise__in=organizations) | Q(school__in=organizations)
        ),
    )
    removed += int(
        Notification.objects.filter(user__in=users, dedupe_key__startswith=DEMO_NOTICE).delete()[0]
    )
    events = MatchEvent.objects.filter(is_demo=True, organizer__in=organizations)
    removed += _delete_with_history(
        EventEnterprise, EventEnterprise.objects.filter(event__in=events)
    )
    removed += _delete_with_history(MatchEvent, events)
    return removed


def _delete_with_history(model: type[Model], rows: QuerySet[Any]) -> int:
    ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
    if not ids:
        return 0
    content_type = ContentType.objects.get_for_model(model)
    TransitionRecord.objects.filter(content_type=content_type, object_id__in=ids).delete()
    return int(rows.delete()[0])


@dataclass(frozen=True)
class _World:
    """The locality's demo organisations, people and live posts the rows are made from."""

    enterprises: list[Organization]
    schools: list[Organization]
    government: list[Organization]
    posts: list[Listing]
    students: list[StudentProfile]
    # Who takes each organisation's steps: its first acting member by role and username.
    deciders: dict[int, User]

    @classmethod
    def build(cls, scope: DemoScope) -> "_World":
        verified = scope.organizations().filter(verification_status=VerificationStatus.VERIFIED)
        enterprises = list(verified.filter(org_type=OrganizationType.ENTERPRISE).order_by("pk"))
        posts = list(
            scope.listings()
            .filter(live_condition())
            .filter(
                kind__in=(ListingKind.JOB, ListingKind.INTERNSHIP),
                organization__in=enterprises,
            )
            .select_related("organization")
            .order_by("organization_id", "pk")
        )
        students = list(
            StudentProfile.objects.filter(is_demo=True, user__in=scope.users())
            .exclude(user__real_name="")
            .exclude(user__phone="")
            .select_related("user", "school", "major")
            .order_by("user__username")
        )
        deciders: dict[int, User] = {}
        for membership in (
            Membership.objects.filter(
                organization__in=verified,
                role__in=(Role.ORG_ADMIN, Role.INFO_OFFICER, Role.GOV_ADMIN),
                is_active=True,
            )
            .select_related("user")
            .order_by("role", "user__username")
        ):
            deciders.setdefault(membership.organization_id, membership.user)
        # In the order of their accounts (``…_ent01_…`` first: the account the summary names).
        enterprises = sorted(
            (e for e in enterprises if e.pk in deciders), key=lambda e: deciders[e.pk].username
        )
        return cls(
            enterprises=enterprises,
            schools=[
                s
                for s in verified.filter(org_type__in=SCHOOL_TYPES).order_by("pk")
                if s.pk in deciders
            ],
            government=[
                g
                for g in verified.filter(org_type=OrganizationType.GOVERNMENT).order_by("pk")
                if g.pk in deciders
            ],
            posts=[p for p in posts if p.organization_id in deciders],
            students=students,
            deciders=deciders,
        )


def _history(
    obj: Model,
    workflow: str,
    steps: Iterable[tuple[str, str, str, User | None, datetime]],
) -> None:
    """Write the row's workflow history, each step at the moment it was taken."""
    content_type = ContentType.objects.get_for_model(type(obj))
    steps = list(steps)
    records = TransitionRecord.objects.bulk_create(
        TransitionRecord(
            content_type=content_type,
            object_id=str(obj.pk),
            workflow=workflow,
            transition=name,
            from_state=from_state,
            to_state=to_state,
            actor=actor,
        )
        for name, from_state, to_state, actor, _ in steps
    )
    # ``created_at`` is set on insert; the demo's steps happened days ago.
    for record, step in zip(records, steps, strict=True):
        TransitionRecord.objects.filter(pk=record.pk).update(created_at=step[4])


def _at(day: datetime, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(day), time(hour)))


def _events(
    world: _World, rng: random.Random, now: datetime
) -> tuple[MatchEvent | None, MatchEvent | None]:
    organizers = world.government or world.schools
    if not organizers:
        return None, None
    region = organizers[0].region
    past = _event(
        world,
        organizer=organizers[0],
        title=f"{region.name}{now.year}年冬季高校毕业生招聘会",
        kind=EventKind.JOB_FAIR,
        starts=_at(now - timedelta(days=20), 9),
        hours=6,
        place=f"{region.name}人力资源市场一楼大厅",
        audience=EventAudience.ALL,
        rng=rng,
        enterprises=4,
        pending=0,
        registrations=30,
    )
    school = world.schools[0] if world.schools else organizers[0]
    upcoming = _event(
        world,
        organizer=school,
        title=f"{school.name}{now.year + 1}届毕业生供需双选会",
        kind=EventKind.MUTUAL,
        starts=_at(now + timedelta(days=12), 14),
        hours=3,
        place=f"{school.name}体育馆",
        audience=EventAudience.GRADUATES,
        rng=rng,
        enterprises=3,
        pending=1,
        registrations=15,
    )
    return past, upcoming


def _event(
    world: _World,
    *,
    organizer: Organization,
    title: str,
    kind: str,
    starts: datetime,
    hours: int,
    place: str,
    audience: str,
    rng: random.Random,
    enterprises: int,
    pending: int,
    registrations: int,
) -> MatchEvent:
    event = MatchEvent.objects.create(
        organizer=organizer,
        created_by=world.deciders[organizer.pk],
        title=title[:200],
        kind=kind,
        description=(
            "现场设用人单位展位，求职者可现场投递简历、参加面试；"
            "也可在平台活动页查看参会单位及岗位，在线投递。"
        ),
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        place=place[:200],
        region=organizer.region,
        audience=audience,
        enterprise_capacity=40,
        student_capacity=500,
        registration_deadline=starts - timedelta(days=1),
        is_demo=True,
    )
    with_posts = [
        e for e in world.enterprises if any(p.organization_id == e.pk for p in world.posts)
    ]
    chosen = rng.sample(with_posts, min(len(with_posts), enterprises + pending))
    for index, organization in enumerate(chosen):
        approved = index < enterprises
        participation = EventEnterprise.objects.create(
            event=event,
            organization=organization,
            registered_by=world.deciders[organization.pk],
            note="携带岗位若干，欢迎对口专业同学前来洽谈。",
            state=ParticipationState.APPROVED if approved else ParticipationState.PENDING,
            decided_by=world.deciders[organizer.pk] if approved else None,
            decided_at=starts - timedelta(days=3) if approved else None,
        )
        participation.posts.set(
            [p for p in world.posts if p.organization_id == organization.pk][:3]
        )
        if approved:
            _history(
                participation,
                "event_enterprise",
                [
                    (
                        "approve",
                        "pending",
                        "approved",
                        world.deciders[organizer.pk],
                        starts - timedelta(days=3),
                    )
                ],
            )
    people = rng.sample(world.students, min(len(world.students), registrations))
    EventRegistration.objects.bulk_create(
        EventRegistration(event=event, user=profile.user) for profile in people
    )
    return event


def _applications(
    world: _World, rng: random.Random, now: datetime, event: MatchEvent | None
) -> int:
    event_posts = event_post_ids(event) if event is not None else set()
    # The first enterprise (the one whose HR account the demo summary names) gets several.
    first_posts = [p for p in world.posts if p.organization_id == world.enterprises[0].pk]
    written = 0
    for index, profile in enumerate(world.students[:APPLICANTS]):
        count = 3 if index == 0 else 1 + rng.randrange(3)
        choices = rng.sample(world.posts, min(count, len(world.posts)))
        if index < 8 and first_posts and first_posts[0] not in choices:
            choices[0] = first_posts[index % len(first_posts)]
        for number, post in enumerate(dict.fromkeys(choices)):
            path = _PATHS[(index * 3 + number) % len(_PATHS)]
            if index == 0:  # the demo student the summary names: one at each step
                path = _PATHS[(10, 7, 0)[number % 3]]
            submitted = now - timedelta(days=rng.randrange(2, 28), hours=rng.randrange(9))
            tagged = (
                event
                if event is not None and post.pk in event_posts and submitted > event.starts_at
                else None
            )
            written += _application(world, profile, post, path, submitted, tagged, rng)
    return written


def _application(
    world: _World,
    profile: StudentProfile,
    post: Listing,
    path: tuple[tuple[str, str], ...],
    submitted: datetime,
    event: MatchEvent | None,
    rng: random.Random,
) -> int:
    state: str = path[-1][1] if path else S.SUBMITTED
    organization = post.organization
    if organization is None:  # the world's posts are enterprises' posts
        return 0
    # Each step a day or less after the previous one, the last one before now.
    step = min(timedelta(hours=20), (timezone.now() - submitted) / (len(path) + 1))
    moments = {name: submitted + step * (i + 1) for i, (name, _) in enumerate(path)}
    application = Application.objects.create(
        listing=post,
        organization=organization,
        applicant=profile.user,
        school=profile.school,
        major=profile.major,
        graduation_year=profile.graduation_year,
        event=event,
        message=rng.choice(_MESSAGES),
        state=state,
        state_message=_STATE_MESSAGES.get(state, ""),
        submitted_at=submitted,
        consent_granted_at=submitted,
        consent_withdrawn_at=moments.get("withdraw"),
        viewed_at=moments.get("view"),
        invited_at=moments.get("invite"),
        decided_at=moments.get("hire") or moments.get("decline") or moments.get("withdraw"),
        is_demo=True,
    )
    decider = world.deciders[organization.pk]
    previous: str = S.SUBMITTED
    steps = []
    for name, target in path:
        actor = profile.user if name == "withdraw" else decider
        steps.append((name, previous, target, actor, moments[name]))
        previous = target
    _history(application, "application", steps)
    _notices(application, post, path, moments)
    return 1


def _notices(
    application: Application,
    post: Listing,
    path: tuple[tuple[str, str], ...],
    moments: dict[str, datetime],
) -> None:
    """The inbox messages the real steps would have sent (applicant: decisions; HR: new ones)."""
    url = reverse("applications:detail", args=[application.pk])
    rows = []
    for name, target in path:
        if name in ("view", "withdraw"):
            continue
        label = ApplicationState(target).label
        body = f"您的投递状态已更新为“{label}”。"
        if _STATE_MESSAGES.get(target):
            body += f"\n单位留言：{_STATE_MESSAGES[target]}"
        rows.append(
            (
                application.applicant_id,
                f"投递进度：{post.title}（{label}）",
                body,
                moments[name],
                f"{DEMO_NOTICE}application:{application.pk}:{name}",
            )
        )
    if not path:
        for member in sorted(acting_member_ids(application.organization_id)):
            rows.append(
                (
                    member,
                    f"收到新投递：{post.title}",
                    "有人投递了您单位的岗位，请在“收到的投递”中查看。",
                    application.submitted_at,
                    f"{DEMO_NOTICE}application:{application.pk}:submit",
                )
            )
    for user_id, title, body, moment, key in rows:
        notification = Notification.objects.create(
            user_id=user_id,
            category=NoticeCategory.APPLICATION,
            title=title[:200],
            body=body,
            url=url,
            dedupe_key=key,
        )
        Notification.objects.filter(pk=notification.pk).update(created_at=moment)


def _contact_requests(world: _World, rng: random.Random, now: datetime) -> int:
    if not world.schools:
        return 0
    school = world.schools[0]
    majors = list(
        SchoolMajor.objects.filter(school=school).select_related("major").order_by("major__code")
    )
    if not majors:
        return 0
    # The first enterprise's HR (the account the summary names) sees an accepted request.
    outcomes = (
        ContactRequestState.ACCEPTED,
        ContactRequestState.PENDING,
        ContactRequestState.DECLINED,
    )
    written = 0
    for enterprise, state in zip(world.enterprises, outcomes, strict=False):
        major = rng.choice(majors).major
        answered = state != ContactRequestState.PENDING
        decider = world.deciders[school.pk]
        request = ContactRequest.objects.create(
            enterprise=enterprise,
            requested_by=world.deciders[enterprise.pk],
            school=school,
            major=major,
            graduation_year=now.year + 1,
            message=f"我公司拟招聘{major.name}专业应届毕业生若干名，希望与贵校就业部门对接。",
            headcount=rng.randrange(3, 15),
            state=state,
            contact_name=(school.contact_name or "就业指导中心 李老师")
            if state == ContactRequestState.ACCEPTED
            else "",
            contact_phone=(school.contact_phone or "0774-3800000")
            if state == ContactRequestState.ACCEPTED
            else "",
            contact_note="欢迎来校宣讲，请提前一周预约场地。"
            if state == ContactRequestState.ACCEPTED
            else "",
            decline_reason="该专业本届毕业生已基本落实去向，暂不安排。"
            if state == ContactRequestState.DECLINED
            else "",
            answered_by=decider if answered else None,
            answered_at=now - timedelta(days=2) if answered else None,
            is_demo=True,
        )
        # Asked some days ago, answered two days ago.
        ContactRequest.objects.filter(pk=request.pk).update(
            created_at=now - timedelta(days=3 + rng.randrange(5))
        )
        if answered:
            name = "accept" if state == ContactRequestState.ACCEPTED else "decline"
            _history(
                request,
                "contact_request",
                [(name, "pending", state, decider, now - timedelta(days=2))],
            )
        written += 1
    return written
