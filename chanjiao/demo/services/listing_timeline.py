"""Where a demonstration item stands in its workflow, and when each step happened.

Times are counted back from today's date (never from the clock), so two runs on the same day
give the same timestamps; a published item is still valid today, an expired one ended lately.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from chanjiao.listings.models import ListingStatus

S = ListingStatus
PUBLISHED_WITHIN_DAYS = 60
_REJECTION_REASONS = (
    "信息内容过于简略，请补充具体要求、时间安排和联系方式后重新提交。",
    "标题与详细说明不一致，请核实修改后重新提交。",
    "有效期设置不合理，请根据实际安排调整后重新提交。",
    "所填专业与信息内容不对应，请核实专业代码后重新提交。",
)


@dataclass(frozen=True)
class Timeline:
    status: str
    created_at: datetime
    updated_at: datetime
    valid_from: date
    valid_until: date
    submitted_at: datetime | None = None
    reviewed_at: datetime | None = None
    published_at: datetime | None = None
    closed_at: datetime | None = None
    status_reason: str = ""

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None


def statuses_for(rng: random.Random, verified: list[bool], *, expired: int = 0) -> list[str]:
    """Give each item a status: drafts for unverified publishers, who cannot submit.

    Of the others most are published; about one in ten waits for review, a few are drafts or
    rejected, and ``expired`` of them have run out.
    """
    ready = [index for index, is_verified in enumerate(verified) if is_verified]
    rng.shuffle(ready)
    count = len(ready)
    wanted = [S.EXPIRED] * min(expired, max(count - 1, 0))
    if count >= 4:
        wanted += [S.SUBMITTED] * max(1, round(count * 0.1))
        wanted += [S.REJECTED] * max(1 if count >= 10 else 0, round(count * 0.04))
        wanted += [S.DRAFT] * round(count * 0.04)
    result = [S.DRAFT.value] * len(verified)
    for position, index in enumerate(ready):
        result[index] = wanted[position].value if position < len(wanted) else S.PUBLISHED.value
    return result


def timeline(rng: random.Random, status: str, today: date) -> Timeline:
    """Plan when the item was written, submitted, reviewed, published and closed.

    Every step falls in working hours; review takes one or two days after submission.
    """
    if status in (S.PUBLISHED, S.EXPIRED):
        return _published(rng, today, expired=status == S.EXPIRED)
    if status == S.DRAFT:
        created = working_moment(rng, today - timedelta(days=rng.randint(1, 20)))
        return Timeline(
            status=S.DRAFT,
            created_at=created,
            updated_at=created,
            valid_from=created.date(),
            valid_until=today + timedelta(days=rng.randint(30, 90)),
        )
    days_ago = rng.randint(1, 10) if status == S.SUBMITTED else rng.randint(4, 20)
    created, submitted = _written(rng, today - timedelta(days=days_ago))
    valid_until = today + timedelta(days=rng.randint(30, 90))
    if status == S.SUBMITTED:
        return Timeline(
            status=status,
            created_at=created,
            updated_at=submitted,
            submitted_at=submitted,
            valid_from=created.date(),
            valid_until=valid_until,
        )
    reviewed = working_moment(rng, submitted.date() + timedelta(days=rng.randint(1, 2)))
    return Timeline(
        status=S.REJECTED,
        created_at=created,
        updated_at=reviewed,
        submitted_at=submitted,
        reviewed_at=reviewed,
        status_reason=rng.choice(_REJECTION_REASONS),
        valid_from=created.date(),
        valid_until=valid_until,
    )


def _published(rng: random.Random, today: date, *, expired: bool) -> Timeline:
    """Approved (and so published) within the last 60 days, or ended lately if expired."""
    ago = rng.randint(75, 110) if expired else rng.randint(1, PUBLISHED_WITHIN_DAYS)
    published = working_moment(rng, today - timedelta(days=ago))
    if expired:
        return expired_timeline(
            rng, published=published, valid_until=today - timedelta(days=rng.randint(1, 10))
        )
    created, submitted = _written(rng, published.date() - timedelta(days=rng.randint(1, 2)))
    valid_until = max(
        published.date() + timedelta(days=rng.randint(45, 120)),
        today + timedelta(days=rng.randint(7, 30)),
    )
    return Timeline(
        status=S.PUBLISHED,
        created_at=created,
        updated_at=published,
        submitted_at=submitted,
        reviewed_at=published,
        published_at=published,
        valid_from=created.date(),
        valid_until=valid_until,
    )


def expired_timeline(rng: random.Random, *, published: datetime, valid_until: date) -> Timeline:
    """Written a day or two before it was approved and published; closed after its last day."""
    created, submitted = _written(rng, published.date() - timedelta(days=rng.randint(1, 2)))
    # The hourly expiry job closes it just after its last day.
    closed = _at(valid_until + timedelta(days=1), time(0, 5))
    return Timeline(
        status=S.EXPIRED,
        created_at=created,
        updated_at=closed,
        submitted_at=submitted,
        reviewed_at=published,
        published_at=published,
        closed_at=closed,
        valid_from=created.date(),
        valid_until=valid_until,
    )


def _written(rng: random.Random, day: date) -> tuple[datetime, datetime]:
    """When an item was written and, minutes later, submitted on the day."""
    created = working_moment(rng, day)
    return created, created + timedelta(minutes=rng.randint(5, 60))


def working_moment(rng: random.Random, day: date) -> datetime:
    """A working-hours moment of the day (08:30–17:30, local time)."""
    return _at(day, time(8, 30)) + timedelta(minutes=rng.randint(0, 540))


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))
