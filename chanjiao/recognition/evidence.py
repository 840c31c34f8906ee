"""Evidence beside each condition: what the platform's own records show over the window.

Counts come from the platform (published items of the right kind, internship placements and
places, the 2 % quota, applications received) between the recognition's window start and end;
what the platform cannot know comes from the applicant's attachments. A source with nothing in
the window is "暂无记录" (no records) — never a zero achievement: ``count`` is then ``None``.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from chanjiao.applications.models import Application
from chanjiao.internships.models import Placement, PlacementState
from chanjiao.internships.selectors import quota_rows
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.recognition.models import Attachment, Condition, EvidenceSource, Recognition

NO_RECORDS = "暂无记录"
SHOWN_STATUSES = (ListingStatus.PUBLISHED, ListingStatus.CLOSED, ListingStatus.EXPIRED)
LISTING_SOURCES: dict[str, str] = {
    EvidenceSource.COOPERATION: ListingKind.COOPERATION,
    EvidenceSource.MENTOR: ListingKind.MENTOR,
    EvidenceSource.TRAINING: ListingKind.TRAINING,
    EvidenceSource.RND: ListingKind.RND,
    EvidenceSource.TECH_SERVICE: ListingKind.TECH_SERVICE,
    EvidenceSource.TRAINING_BASE: ListingKind.TRAINING_BASE,
}


@dataclass(frozen=True)
class Window:
    start: datetime.date
    end: datetime.date

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        zone = timezone.get_current_timezone()
        low = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        high = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        return low, high


@dataclass
class ConditionEvidence:
    condition: Condition
    count: int | None  # None: no records in the window (暂无记录)
    detail: str
    attachments: list[Attachment] = field(default_factory=list)
    applicable: bool = True

    @property
    def display(self) -> str:
        if not self.applicable:
            return self.detail
        return NO_RECORDS if self.count is None else self.detail

    @property
    def is_missing(self) -> bool:
        """Nothing from the platform and nothing uploaded: the applicant must add something."""
        return self.applicable and self.count is None and not self.attachments


def recognition_window(recognition: Recognition) -> Window:
    """The window of the evidence: fixed at application, else the programme's years to today."""
    if recognition.window_start and recognition.window_end:
        return Window(recognition.window_start, recognition.window_end)
    today = timezone.localdate()
    years = recognition.programme.evidence_years
    try:
        start = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - years, day=28)
    return Window(start, today)


def _listings(org_id: int, kind: str, window: Window) -> QuerySet[Listing]:
    low, high = window.bounds()
    return Listing.objects.filter(
        organization_id=org_id,
        kind=kind,
        status__in=SHOWN_STATUSES,
        published_at__gte=low,
        published_at__lt=high,
    )


def _some(count: int, text: str) -> tuple[int | None, str]:
    return (count or None), text


def _listing_count(org_id: int, kind: str, window: Window) -> tuple[int | None, str]:
    count = _listings(org_id, kind, window).count()
    return _some(count, f"{count} 条已发布的“{ListingKind(kind).label}”信息")


def _order_classes(org_id: int, window: Window) -> tuple[int | None, str]:
    count = (
        _listings(org_id, ListingKind.COOPERATION, window)
        .filter(details__cooperation_type="order_training")
        .count()
    )
    return _some(count, f"{count} 个订单培养合作项目")


def _internship_posts(org_id: int, window: Window) -> tuple[int | None, str]:
    rows = _listings(org_id, ListingKind.INTERNSHIP, window)
    posts = rows.count()
    places = rows.aggregate(total=Sum("quantity"))["total"] or 0
    return _some(places, f"{posts} 个实习岗位信息，共 {places} 个实习名额")


def _internships_filled(org_id: int, window: Window) -> tuple[int | None, str]:
    low, high = window.bounds()
    count = (
        Placement.objects.filter(Q(enterprise_id=org_id) | Q(school_id=org_id))
        .filter(started_at__gte=low, started_at__lt=high)
        .exclude(status=PlacementState.CANCELLED)
        .count()
    )
    return _some(count, f"{count} 名学生在此实习（已开始的实习安排）")


def _applications(org_id: int, window: Window) -> tuple[int | None, str]:
    low, high = window.bounds()
    count = Application.objects.filter(
        organization_id=org_id, submitted_at__gte=low, submitted_at__lt=high
    ).count()
    return _some(count, f"收到 {count} 份岗位投递")


def _quota(recognition: Recognition, window: Window) -> tuple[int | None, str]:
    report = quota_rows(
        recognition.programme.locality,
        window.end.year,
        enterprise_ids={recognition.organization_id},
    )
    if report.parameter is None:
        return (None, "本地区政策未规定实习岗位比例")
    if not report.rows:
        return (None, "非规模以上企业，不适用该比例")
    row = report.rows[0]
    places = max(row.offered, row.filled)
    text = (
        f"{window.end.year} 年：职工 {row.staff} 人，按 {report.parameter.value.normalize()}% "
        f"应安排 {row.required} 个，已提供 {row.offered} 个、已接收 {row.filled} 人"
    )
    return _some(places, text)


def condition_evidence(
    recognition: Recognition, conditions: Iterable[Condition] | None = None
) -> list[ConditionEvidence]:
    """Return each condition of the programme with its evidence over the window."""
    window = recognition_window(recognition)
    org_id = recognition.organization_id
    attachments: dict[int | None, list[Attachment]] = {}
    for attachment in recognition.attachments.all():
        attachments.setdefault(attachment.condition_id, []).append(attachment)
    items = []
    for condition in conditions or recognition.programme.conditions.all():
        items.append(
            _one(recognition, condition, window, org_id, attachments.get(condition.pk, []))
        )
    return items


def _one(
    recognition: Recognition,
    condition: Condition,
    window: Window,
    org_id: int,
    attachments: list[Attachment],
) -> ConditionEvidence:
    source = condition.evidence
    applicable = True
    if source in LISTING_SOURCES:
        count, detail = _listing_count(org_id, LISTING_SOURCES[source], window)
    elif source == EvidenceSource.ORDER_CLASS:
        count, detail = _order_classes(org_id, window)
    elif source == EvidenceSource.INTERNSHIP_POSTS:
        count, detail = _internship_posts(org_id, window)
    elif source == EvidenceSource.INTERNSHIP_FILLED:
        count, detail = _internships_filled(org_id, window)
    elif source == EvidenceSource.APPLICATIONS:
        count, detail = _applications(org_id, window)
    elif source == EvidenceSource.INTERNSHIP_QUOTA:
        count, detail = _quota(recognition, window)
        applicable = not detail.startswith(("本地区", "非规模"))
    else:  # attachment: the platform cannot know
        files = len(attachments)
        count, detail = _some(files, f"已上传 {files} 份材料")
    return ConditionEvidence(condition, count, detail, attachments, applicable)
