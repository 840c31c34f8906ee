"""Derive occupation → industry links from published posts: occupation × employer industry."""

from collections import Counter, defaultdict

from django.db import transaction

from chanjiao.crosswalk.models import IndustryLink, LinkEvidence, LinkStatus, ListingOccupation
from chanjiao.listings.models import ListingStatus

# Posts that have been public at some time count as evidence; drafts and rejected ones do not.
# Demonstration posts exist only on demonstration sites, like every other app's counts.
EVIDENCE_STATUSES = (ListingStatus.PUBLISHED, ListingStatus.CLOSED, ListingStatus.EXPIRED)
MIN_POSTS = 1


def _observed_counts() -> dict[int, Counter[int]]:
    classified = ListingOccupation.objects.filter(
        occupation__isnull=False,
        listing__industry__isnull=False,
        listing__status__in=EVIDENCE_STATUSES,
    )
    rows = classified.values_list("occupation_id", "listing__industry_id")
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    for occupation_id, industry_id in rows.iterator():
        counts[occupation_id][industry_id] += 1
    return counts


def _note(count: int, total: int) -> str:
    return f"已发布招聘/实习信息中，该职业 {total} 条，其中发布单位属此行业 {count} 条。"


@transaction.atomic
def industry_links_observe() -> dict[str, int]:
    """Rewrite the observed occupation → industry rows from post counts; keep staff removals."""
    counts = _observed_counts()
    existing = {
        (link.occupation_id, link.industry_id): link
        for link in IndustryLink.objects.select_for_update().filter(evidence=LinkEvidence.OBSERVED)
    }
    written, seen = 0, set()
    for occupation_id, by_industry in counts.items():
        total = sum(by_industry.values())
        for industry_id, count in by_industry.items():
            if count < MIN_POSTS:
                continue
            key = (occupation_id, industry_id)
            seen.add(key)
            link = existing.get(key) or IndustryLink(
                occupation_id=occupation_id,
                industry_id=industry_id,
                evidence=LinkEvidence.OBSERVED,
                status=LinkStatus.ACTIVE,
            )
            link.post_count, link.confidence = count, round(count / total, 4)
            link.note = _note(count, total)
            link.save()
            written += 1
    stale = [link.pk for key, link in existing.items() if key not in seen]
    deleted, _ = IndustryLink.objects.filter(pk__in=stale, status=LinkStatus.ACTIVE).delete()
    return {"written": written, "deleted": deleted}
