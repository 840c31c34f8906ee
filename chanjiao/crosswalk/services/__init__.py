"""Writes of the crosswalk app: enrichment of posts, inference and curation of links."""

from chanjiao.crosswalk.services.corrections import listing_occupation_correct
from chanjiao.crosswalk.services.curation import (
    REVIEW_DECISIONS,
    industry_link_add,
    industry_link_remove,
    industry_link_review,
    major_link_add,
    major_link_remove,
    major_link_review,
)
from chanjiao.crosswalk.services.enrichment import (
    listing_enrich,
    listings_enrich_for,
    listings_enrich_pending,
)
from chanjiao.crosswalk.services.industries import industry_links_observe
from chanjiao.crosswalk.services.inference import major_links_infer
from chanjiao.crosswalk.services.occupation_industries import (
    InferredIndustry,
    industry_links_infer,
    occupation_industries_infer_all,
)

__all__ = [
    "REVIEW_DECISIONS",
    "InferredIndustry",
    "industry_link_add",
    "industry_link_remove",
    "industry_link_review",
    "industry_links_infer",
    "industry_links_observe",
    "listing_enrich",
    "listing_occupation_correct",
    "listings_enrich_for",
    "listings_enrich_pending",
    "major_link_add",
    "major_link_remove",
    "major_link_review",
    "major_links_infer",
    "occupation_industries_infer_all",
]
