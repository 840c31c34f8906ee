"""Demonstration crosswalk data: derived from the demo items and the national catalogues."""

from typing import Any

from chanjiao.crosswalk.models import (
    IndustryLink,
    LinkEvidence,
    LinkStatus,
    ListingOccupation,
    MajorLink,
)
from chanjiao.crosswalk.services import (
    industry_links_infer,
    industry_links_observe,
    listings_enrich_pending,
    major_links_infer,
)


def demo_write(*, locality: Any, seed: int) -> dict[str, int]:
    """Classify the demo posts, recount occupation × industry and infer major and industry links."""
    del locality, seed  # derived data: the same items and catalogues always give the same rows
    classified = listings_enrich_pending()
    industries = industry_links_observe()
    inferred = major_links_infer()
    inferred_industries = industry_links_infer()
    return {
        "classified": classified,
        "industry_links": industries["written"],
        "inferred_links": inferred["links"],
        "inferred_industry_links": inferred_industries["links"],
    }


def demo_remove() -> int:
    """Delete the derived rows: classifications, observed industry links, proposed inferences."""
    count = ListingOccupation.objects.filter(listing__is_demo=True).delete()[0]
    count += IndustryLink.objects.filter(evidence=LinkEvidence.OBSERVED).delete()[0]
    count += IndustryLink.objects.filter(
        evidence=LinkEvidence.INFERRED, status=LinkStatus.PROPOSED
    ).delete()[0]
    count += MajorLink.objects.filter(
        evidence=LinkEvidence.INFERRED, status=LinkStatus.PROPOSED
    ).delete()[0]
    return count
