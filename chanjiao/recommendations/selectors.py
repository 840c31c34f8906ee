"""Read stored recommendations for a subject, filtered again at read time; the opt-out list."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypedDict

from django.db.models import Q

from chanjiao.accounts.models import User
from chanjiao.catalogs.models import Major
from chanjiao.common.exceptions import NotFoundError, PermissionDeniedError
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing, ProfileConsent, live_condition
from chanjiao.listings.selectors import listing_get_for_user
from chanjiao.organizations.models import Organization, SchoolMajor
from chanjiao.recommendations import services
from chanjiao.recommendations.candidates import open_listings
from chanjiao.recommendations.engine.index import FIT_FLOOR
from chanjiao.recommendations.groups import GROUPS, group_for_listing
from chanjiao.recommendations.models import (
    Recommendation,
    RecommendationFeedback,
    RecommendationPreference,
    SubjectState,
    SubjectType,
    TargetType,
)
from chanjiao.recommendations.neighbours import NeighbourOccupation, neighbour_occupations
from chanjiao.recommendations.permissions import (
    user_can_view_cohort_recommendations,
    user_can_view_listing_recommendations,
)
from chanjiao.recommendations.subjects import (
    Subject,
    cohort_key,
    subject_for_cohort,
    subject_for_listing,
    subject_for_student,
)
from chanjiao.students.models import StudentProfile

NON_PERSONAL_LABEL = (
    "非个性化推荐：您已关闭个性化推荐，以下为按发布时间排列的最新信息，未使用您的个人信息。"
)
PERSONAL_LABEL = (
    "个性化推荐：以专业与岗位职业的对口程度为主，其次是专业能力与岗位描述的相似度，"
    "地区和发布时间只在相近时决定先后。"
)
# Below this many posts that fit the major, a person's list shows only those (no filling).
ENOUGH_FITTING = 10
PERSON_SUBJECTS = (SubjectType.STUDENT, SubjectType.COHORT)


# Scores run from 0 to 1 (the engine's weights sum to 1); every fitting item scores at least
# FIT_FLOOR (0.5). The bands name them.
MATCH_HIGH = 0.75
MATCH_MEDIUM = FIT_FLOOR


@dataclass(frozen=True)
class SubjectRef:
    """A subject the user may read: its stored key, its group and a lazy builder."""

    subject_type: str
    subject_key: str
    group: str
    title: str
    organization_id: int | None
    build: Callable[[], Subject | None]
    major_id: int | None = None


@dataclass
class RecommendedItem:
    recommendation_id: int | None
    target_type: str
    target_id: int
    title: str
    kind: str = ""
    kind_label: str = ""
    organization_name: str = ""
    region_name: str = ""
    url: str = ""
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    # The recommended post itself (for its card), when the item is a post.
    listing: Listing | None = None
    # A recommended school major: the school and major, so that an enterprise can ask the school
    # for those graduates (contact_requests).
    school_id: int | None = None
    major_id: int | None = None

    @property
    def match_label(self) -> str:
        """The score in words: how well the item fits (the score itself means little to people)."""
        if self.recommendation_id is None:
            return ""
        if self.score >= MATCH_HIGH:
            return "匹配度高"
        return "匹配度较高" if self.score >= MATCH_MEDIUM else "可能相关"


@dataclass
class RecommendationPage:
    subject_title: str
    group_label: str
    is_personalised: bool
    label: str
    items: list[RecommendedItem]
    # For a student or cohort: how many listed posts fit the major, and, when fewer than
    # ENOUGH_FITTING do, the message that says so and the neighbouring occupations offered.
    fitting_count: int | None = None
    shortage_message: str = ""
    neighbours: list[NeighbourOccupation] = field(default_factory=list)


def user_is_personalised(user: User) -> bool:
    """Tell whether the user keeps personalised recommendation on (the default)."""
    pref = RecommendationPreference.objects.filter(user=user).first()
    return pref is None or pref.is_personalised


def student_subject_for_user(*, user: User) -> SubjectRef:
    """Return the user's own student profile as a subject."""
    profile = (
        StudentProfile.objects.select_related("school__region", "major").filter(user=user).first()
    )
    if profile is None:
        raise NotFoundError("您还没有学生/毕业生档案。")
    title = f"我的档案：{profile.major.name}（{profile.graduation_year}届）"
    return SubjectRef(
        SubjectType.STUDENT,
        str(profile.pk),
        "posts",
        title,
        None,
        lambda: subject_for_student(profile),
        major_id=profile.major_id,
    )


def listing_subject_for_user(*, user: User, listing_id: int) -> SubjectRef:
    """Return one of the user's (or their organisation's) items as a subject."""
    listing = listing_get_for_user(user=user, listing_id=listing_id)
    if not user_can_view_listing_recommendations(user, listing):
        raise PermissionDeniedError("只能查看本人或本机构发布信息的推荐。")
    group = group_for_listing(listing.kind, listing.direction)
    if group is None:
        raise NotFoundError("该类信息暂无推荐。")
    return SubjectRef(
        SubjectType.LISTING,
        str(listing.pk),
        group,
        f"{listing.get_kind_display()}：{listing.title}",
        listing.organization_id,
        lambda: subject_for_listing(listing),
    )


def cohort_subject_for_user(*, user: User, school_id: int, major_id: int, year: int) -> SubjectRef:
    """Return a school's graduating cohort of one major as a subject (members and officers)."""
    school = Organization.objects.select_related("region").filter(pk=school_id).first()
    major = Major.objects.filter(pk=major_id).first()
    if school is None or major is None or not school.is_school:
        raise NotFoundError("学校或专业不存在。")
    if not user_can_view_cohort_recommendations(user, school):
        raise NotFoundError("学校或专业不存在。")
    title = f"{school.name} {major.name}（{major.code}）{year}届毕业生"
    return SubjectRef(
        SubjectType.COHORT,
        cohort_key(school.pk, major.pk, year),
        "posts",
        title,
        None,
        lambda: subject_for_cohort(school, major, year),
        major_id=major.pk,
    )


def recommendation_page(*, user: User, ref: SubjectRef, limit: int = 20) -> RecommendationPage:
    """Return a subject's recommendations; non-personalised when the user switched them off."""
    group = GROUPS[ref.group]
    if not user_is_personalised(user):
        items = _non_personal_items(ref.group, limit)
        return RecommendationPage(ref.title, group.label, False, NON_PERSONAL_LABEL, items)
    _ensure_computed(ref)
    rows = list(
        Recommendation.objects.filter(
            subject_type=ref.subject_type, subject_key=ref.subject_key
        ).order_by("rank")[: limit * 3]
    )
    items = _visible_items(rows, ref)
    page = RecommendationPage(ref.title, group.label, True, PERSONAL_LABEL, items[:limit])
    if ref.subject_type in PERSON_SUBJECTS:
        _limit_to_fitting(page, items, ref, limit)
    return page


def _limit_to_fitting(
    page: RecommendationPage, items: list[RecommendedItem], ref: SubjectRef, limit: int
) -> None:
    """Show only the posts that fit the major when fewer than ENOUGH_FITTING do, and say so."""
    fitting = [item for item in items if item.score >= FIT_FLOOR]
    page.fitting_count = len(fitting)
    if len(fitting) >= ENOUGH_FITTING:
        return
    page.items = fitting[:limit]
    whose = "您专业" if ref.subject_type == SubjectType.STUDENT else "该专业"
    page.shortage_message = (
        f"与{whose}对口的岗位目前只有 {len(fitting)} 个，以下只列出这些岗位；"
        "不用无关岗位凑数。可以看看相近职业的岗位。"
        if fitting
        else f"目前没有与{whose}对口的在招岗位。可以看看相近职业的岗位。"
    )
    if ref.major_id is not None:
        page.neighbours = neighbour_occupations(ref.major_id)


def _ensure_computed(ref: SubjectRef) -> None:
    state = SubjectState.objects.filter(
        subject_type=ref.subject_type, subject_key=ref.subject_key
    ).first()
    if state is None or state.version != services.ALGORITHM_VERSION:
        subject = ref.build()
        if subject is not None:
            services.recommendations_store(subject=subject)


def _visible_items(rows: list[Recommendation], ref: SubjectRef) -> list[RecommendedItem]:
    dismissed = set(
        RecommendationFeedback.objects.filter(
            subject_type=ref.subject_type, subject_key=ref.subject_key
        ).values_list("target_type", "target_id")
    )
    rows = [r for r in rows if (r.target_type, r.target_id) not in dismissed]
    listing_ids = [r.target_id for r in rows if r.target_type == TargetType.LISTING]
    listings = _live_listings(listing_ids, ref.organization_id)
    majors = SchoolMajor.objects.select_related("school__region", "major").in_bulk(
        [r.target_id for r in rows if r.target_type == TargetType.SCHOOL_MAJOR]
    )
    orgs = Organization.objects.select_related("region").in_bulk(
        [r.target_id for r in rows if r.target_type == TargetType.ORGANIZATION]
    )
    items = []
    for row in rows:
        item = _item(row, listings, majors, orgs)
        if item is not None:
            items.append(item)
    return items


def _live_listings(ids: list[int], organization_id: int | None) -> dict[int, Listing]:
    qs = Listing.objects.filter(pk__in=ids).filter(live_condition()).exclude(quantity=0)
    consented = ProfileConsent.objects.filter(
        organization_id=organization_id or 0, withdrawn_at__isnull=True
    ).values("profile_id")
    # A personal profile shows only while its consent to this organisation stands.
    qs = qs.filter(~Q(kind=ListingKind.JOBSEEKER) | Q(pk__in=consented))
    related = qs.select_related("organization", "region", "author", "occupation")
    return related.prefetch_related("majors").in_bulk()


class _ItemBase(TypedDict):
    """The fields every kind of recommended item takes from its recommendation row."""

    recommendation_id: int | None
    target_type: str
    target_id: int
    score: float
    reasons: list[str]


def _item(row: Recommendation, listings: dict, majors: dict, orgs: dict) -> RecommendedItem | None:
    base: _ItemBase = {
        "recommendation_id": row.pk,
        "target_type": row.target_type,
        "target_id": row.target_id,
        "score": row.score,
        "reasons": list(row.reasons),
    }
    if row.target_type == TargetType.LISTING:
        listing = listings.get(row.target_id)
        return _listing_item(listing, base) if listing is not None else None
    if row.target_type == TargetType.SCHOOL_MAJOR and row.target_id in majors:
        sm = majors[row.target_id]
        title = f"{sm.school.name} · {sm.major.name}（{sm.major.code}）"
        return RecommendedItem(
            **base,
            title=title,
            organization_name=sm.school.name,
            region_name=sm.school.region.name,
            school_id=sm.school_id,
            major_id=sm.major_id,
        )
    if row.target_type == TargetType.ORGANIZATION and row.target_id in orgs:
        org = orgs[row.target_id]
        return RecommendedItem(
            **base, title=org.name, organization_name=org.name, region_name=org.region.name
        )
    return None


def _listing_item(listing: Listing, base: _ItemBase) -> RecommendedItem:
    return RecommendedItem(
        **base,
        title=listing.title,
        kind=listing.kind,
        kind_label=listing.get_kind_display(),
        organization_name=listing.organization.name if listing.organization else "",
        region_name=listing.region.name,
        url=listing.get_absolute_url(),
        listing=listing,
    )


def _non_personal_items(group_name: str, limit: int) -> list[RecommendedItem]:
    kinds = tuple(k for k in GROUPS[group_name].kinds if k[0] != ListingKind.JOBSEEKER)
    related = ("organization", "region", "author", "occupation")
    qs = (
        open_listings(kinds)
        .select_related(*related)
        .prefetch_related("majors")
        .order_by("-published_at", "-pk")[:limit]
        if kinds
        else []
    )
    return [
        _listing_item(
            x,
            {
                "recommendation_id": None,
                "target_type": TargetType.LISTING,
                "target_id": x.pk,
                "score": 0.0,
                "reasons": ["最新发布"],
            },
        )
        for x in qs
    ]


def recommendation_get_for_user(*, user: User, recommendation_id: int) -> Recommendation:
    """Return a stored recommendation whose subject the user may read, or raise NotFoundError."""
    row = Recommendation.objects.filter(pk=recommendation_id).first()
    if row is None or not _user_reads_subject(user, row.subject_type, row.subject_key):
        raise NotFoundError("推荐不存在或您无权操作。")
    return row


def _user_reads_subject(user: User, subject_type: str, subject_key: str) -> bool:
    try:
        if subject_type == SubjectType.STUDENT:
            return student_subject_for_user(user=user).subject_key == subject_key
        if subject_type == SubjectType.LISTING:
            listing_subject_for_user(user=user, listing_id=int(subject_key))
            return True
        school_id, major_id, year = (int(p) for p in subject_key.split(":"))
        cohort_subject_for_user(user=user, school_id=school_id, major_id=major_id, year=year)
        return True
    except (NotFoundError, PermissionDeniedError):
        return False
