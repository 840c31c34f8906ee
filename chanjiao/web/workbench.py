"""What each kind of user has to do today: counts with links (the workbench, 工作台), and the
latest items of a locality (the public home and the workbench's feed)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.common.exceptions import NotFoundError
from chanjiao.early_warning.models import FlagStatus
from chanjiao.early_warning.permissions import user_school_ids
from chanjiao.early_warning.selectors import warning_flag_list
from chanjiao.listings.cards import PostCard, post_cards
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.listings.selectors import (
    ListingFilters,
    listing_list,
    listing_list_for_organizations,
)
from chanjiao.localities.models import Locality
from chanjiao.organizations.models import Organization, VerificationStatus
from chanjiao.organizations.selectors import invitations_pending_for_user
from chanjiao.recommendations.selectors import recommendation_page, student_subject_for_user
from chanjiao.students.models import ClaimState
from chanjiao.students.selectors import student_claim_for_user
from chanjiao.web.internship_tasks import internship_tasks
from chanjiao.web.matching_tasks import matching_tasks
from chanjiao.web.navigation import Persona
from chanjiao.web.recognition_tasks import recognition_tasks
from chanjiao.web.task_card import Task
from chanjiao.web.task_card import task_url as _url

EXPIRING_DAYS = 7
TONE_ORDER = {"urgent": 0, "attention": 1}
RECENT_DAYS = 7
POST_KINDS = (ListingKind.JOB, ListingKind.INTERNSHIP)
EVENT_KINDS = (
    ListingKind.TRAINING,
    ListingKind.COOPERATION,
    ListingKind.RND,
    ListingKind.TECH_SERVICE,
    ListingKind.TRAINING_BASE,
    ListingKind.MENTOR,
)


def personas_review_organizations(personas: list[Persona]) -> bool:
    """Reviewers, officers and platform staff verify organisations."""
    return bool({Persona.REVIEWER, Persona.OFFICER, Persona.STAFF} & set(personas))


def _waiting(count: int) -> str:
    return "urgent" if count else "calm"


def _review_tasks(counts: dict[str, int]) -> list[Task]:
    total = counts["total"]
    reported = counts["reported"]
    hint = f"其中被举报 {reported} 条，排在最前" if reported else "按提交先后排列"
    tasks = [
        Task(
            "待审核的供需信息",
            total,
            "条",
            _url("listings:review"),
            hint if total else "暂无待审核信息",
            _waiting(total),
        )
    ]
    return tasks


def _verification_task(waiting: int) -> Task:
    return Task(
        "待认证的机构",
        waiting,
        "家",
        _url("organizations:verification-queue"),
        "核实登记信息后认证，或写明原因退回" if waiting else "辖区机构均已认证",
        "attention" if waiting else "calm",
    )


def _claim_tasks(user: User, personas: list[Persona]) -> list[Task]:
    """A person's claim to a school: file one, wait for it, or correct a returned one."""
    claim = student_claim_for_user(user)
    if claim is None:
        if Persona.ACCOUNT not in personas:
            return []
        return [
            Task(
                "认领学校，成为本校学生",
                None,
                "",
                _url("students:claim"),
                "选择学校、专业和毕业年份，学校确认后即可获得岗位推荐",
                "attention",
            )
        ]
    if claim.state == ClaimState.PENDING:
        hint = f"已提交给{claim.school.name}，请等待学校确认"
        return [Task("学校确认中", None, "", _url("students:claim"), hint, "calm")]
    if claim.state == ClaimState.RETURNED:
        hint = f"退回原因：{claim.return_reason}；修改后可重新提交"
        return [Task("学校退回了你的认领", None, "", _url("students:claim"), hint, "urgent")]
    return []


def _membership_tasks(user: User) -> list[Task]:
    """Invitations waiting for the user; members and verification of the organisations they run."""
    tasks = [
        Task(
            f"{invitation.organization.name}邀请您加入",
            None,
            "",
            reverse("web:organization-detail", args=[invitation.organization_id]),
            f"担任{invitation.get_role_display()}；请打开邀请邮件中的链接接受或拒绝",
            "attention",
        )
        for invitation in invitations_pending_for_user(user).select_related("organization")[:3]
    ]
    for membership in active_memberships(user):
        organization = membership.organization
        if membership.role != Role.ORG_ADMIN:
            continue
        if organization.verification_status != VerificationStatus.VERIFIED:
            tasks.append(
                Task(
                    f"本单位认证：{organization.get_verification_status_display()}",
                    None,
                    "",
                    reverse("organizations:profile", args=[organization.pk]),
                    "已退回的，按退回原因修改后重新提交"
                    if organization.verification_status == VerificationStatus.RETURNED
                    else "所在地审核员核实后即可认证",
                    "urgent"
                    if organization.verification_status == VerificationStatus.RETURNED
                    else "calm",
                )
            )
        tasks.append(
            Task(
                "成员与邀请",
                None,
                "",
                reverse("organizations:members", args=[organization.pk]),
                f"邀请同事加入{organization.name}，调整成员角色",
            )
        )
    return tasks


def _warning_tasks(user: User, *, as_school: bool) -> list[Task]:
    counts = dict(
        warning_flag_list(fetched_by=user)
        .filter(status__in=[FlagStatus.OPEN, FlagStatus.RESPONDED])
        .prefetch_related(None)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    open_count = counts.get(FlagStatus.OPEN, 0)
    responded = counts.get(FlagStatus.RESPONDED, 0)
    if as_school:
        return [
            Task(
                "待本校回应的专业预警",
                open_count,
                "个",
                _url("early_warning:flag-list", status=FlagStatus.OPEN),
                "请说明原因与整改措施" if open_count else "暂无需要回应的预警",
                _waiting(open_count),
            )
        ]
    return [
        Task(
            "待学校回应的专业预警",
            open_count,
            "个",
            _url("early_warning:flag-list", status=FlagStatus.OPEN),
            "可催办或查看依据",
            "attention" if open_count else "calm",
        ),
        Task(
            "学校已回应、待您处理",
            responded,
            "个",
            _url("early_warning:flag-list", status=FlagStatus.RESPONDED),
            "阅读回应后关闭预警" if responded else "暂无",
            _waiting(responded),
        ),
    ]


def _publisher_tasks(user: User) -> list[Task]:
    mine = listing_list_for_organizations(fetched_by=user, filters=ListingFilters())
    mine = mine.prefetch_related(None)
    counts = dict(mine.order_by().values_list("status").annotate(n=Count("pk")))
    today = timezone.localdate()
    expiring = mine.filter(
        status=ListingStatus.PUBLISHED,
        valid_until__gte=today,
        valid_until__lte=today + datetime.timedelta(days=EXPIRING_DAYS),
    ).count()
    rejected = counts.get(ListingStatus.REJECTED, 0)
    submitted = counts.get(ListingStatus.SUBMITTED, 0)
    drafts = counts.get(ListingStatus.DRAFT, 0)
    return [
        Task(
            "被驳回、待修改的信息",
            rejected,
            "条",
            _url("listings:mine", status=ListingStatus.REJECTED),
            "按审核意见修改后重新提交" if rejected else "暂无",
            _waiting(rejected),
        ),
        Task(
            f"{EXPIRING_DAYS} 天内到期的信息",
            expiring,
            "条",
            _url("listings:mine", status=ListingStatus.PUBLISHED),
            "到期后不再公开，可延长有效期" if expiring else "暂无即将到期的信息",
            "attention" if expiring else "calm",
        ),
        Task(
            "等待审核的信息",
            submitted,
            "条",
            _url("listings:mine", status=ListingStatus.SUBMITTED),
            "审核通过后自动公开",
            "",
        ),
        Task(
            "草稿",
            drafts,
            "条",
            _url("listings:mine", status=ListingStatus.DRAFT),
            "填写完整后提交审核",
            "",
        ),
    ]


def workbench_tasks(
    user: User,
    personas: list[Persona],
    *,
    review_counts: dict[str, int] | None,
    unread: int,
    verifications: int = 0,
    claims: int = 0,
) -> list[Task]:
    """The tasks of the user's workbench, the most pressing first.

    ``review_counts`` (``review_queue_counts``, None for a non-reviewer), ``unread``, the
    organisations waiting for verification and the students' claims waiting for the school are
    passed in because the page's menu shows them too and they are read once per request.
    """
    tasks: list[Task] = []
    if review_counts is not None:
        tasks += _review_tasks(review_counts)
    if personas_review_organizations(personas):
        tasks.append(_verification_task(verifications))
    if Persona.SCHOOL in personas:
        tasks.append(
            Task(
                "待确认的学生",
                claims,
                "人",
                _url("students:claims"),
                "学生注册时选择了本校，请核对后确认或退回" if claims else "暂无待确认的学生",
                _waiting(claims),
            )
        )
    tasks += _membership_tasks(user)
    if Persona.ACCOUNT in personas or Persona.STUDENT in personas:
        tasks += _claim_tasks(user, personas)
    if Persona.OFFICER in personas:
        tasks.append(
            Task(
                "政府部门与官员",
                None,
                "",
                _url("organizations:government"),
                "为下级地区开设政府部门，邀请政府管理员和审核员",
            )
        )
    if Persona.OFFICER in personas or Persona.STAFF in personas:
        tasks += _warning_tasks(user, as_school=False)
    if Persona.SCHOOL in personas or (Persona.MEMBER in personas and user_school_ids(user)):
        tasks += _warning_tasks(user, as_school=True)
    if Persona.SCHOOL in personas or Persona.ENTERPRISE in personas:
        tasks += _publisher_tasks(user)
        tasks.append(
            Task(
                "为本单位推荐",
                None,
                "",
                _url("recommendations:index"),
                "与本单位岗位相符的毕业生，与本校专业相符的岗位",
            )
        )
    tasks += matching_tasks(user)
    tasks += internship_tasks(user, personas)
    tasks += recognition_tasks(user, personas)
    if Persona.STUDENT in personas:
        tasks.append(
            Task(
                "为我推荐的岗位与实习",
                None,
                "",
                _url("recommendations:me"),
                "按你的专业和意向推荐",
            )
        )
    tasks.append(
        Task(
            "未读站内信",
            unread,
            "封",
            _url("subscriptions:inbox"),
            "订阅的新信息与审核结果" if unread else "没有新消息",
            "attention" if unread else "calm",
        )
    )
    # Someone waiting on this user comes first, then what needs attention, then the rest, each
    # group in the order above (sorted() is stable).
    return sorted(tasks, key=lambda task: TONE_ORDER.get(task.tone, len(TONE_ORDER)))


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str
    kind: str
    organization: str
    place: str
    published: datetime.date | None
    reason: str = ""


def _feed(rows: Iterable[Listing]) -> list[FeedItem]:
    labels = dict(ListingKind.choices)
    return [
        FeedItem(
            title=row.title,
            url=row.get_absolute_url(),
            kind=labels.get(row.kind, ""),
            organization=row.organization.name if row.organization else "",
            place=row.region.full_name or row.region.name,
            published=timezone.localdate(row.published_at) if row.published_at else None,
        )
        for row in rows
    ]


def organization_posts(
    user: User | AnonymousUser, organization: Organization, *, limit: int = 10
) -> list[PostCard]:
    """The organisation's newest public items as cards (its profile page)."""
    qs = listing_list(fetched_by=user, filters=ListingFilters()).published()
    return post_cards(user, list(qs.filter(organization=organization)[:limit]))


def latest_posts(
    user: User | AnonymousUser, locality: Locality | None, *, limit: int = 6
) -> list[PostCard]:
    """The newest jobs and internships the user may see, in the locality, as cards."""
    qs = listing_list(fetched_by=user, filters=ListingFilters()).published()
    qs = qs.filter(kind__in=POST_KINDS)
    if locality is not None:
        qs = qs.filter(region__code__startswith=locality.region.code)
    return post_cards(user, list(qs.order_by("-published_at", "-pk")[:limit]))


def latest_listings(
    locality: Locality | None, kinds: tuple[str, ...], *, limit: int = 6
) -> list[FeedItem]:
    """The newest public items of these kinds in the locality (everywhere when none is chosen)."""
    qs = Listing.objects.public().filter(kind__in=kinds)
    if locality is not None:
        qs = qs.filter(region__code__startswith=locality.region.code)
    return _feed(
        qs.select_related("organization", "region").order_by("-published_at", "-pk")[:limit]
    )


def recent_count(locality: Locality | None) -> int:
    """How many public items the locality published in the last week."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    qs = Listing.objects.public().filter(published_at__gte=since)
    if locality is not None:
        qs = qs.filter(region__code__startswith=locality.region.code)
    return qs.count()


def student_recommendations(user: User, *, limit: int = 5) -> list[FeedItem]:
    """The student's first recommended posts (computed on first view, as the list page does)."""
    try:
        ref = student_subject_for_user(user=user)
    except NotFoundError:
        return []
    page = recommendation_page(user=user, ref=ref, limit=limit)
    return [
        FeedItem(
            title=item.title,
            url=item.url,
            kind=item.kind_label,
            organization=item.organization_name,
            place=item.region_name,
            published=None,
            reason="；".join(item.reasons[:2]),
        )
        for item in page.items
    ]
