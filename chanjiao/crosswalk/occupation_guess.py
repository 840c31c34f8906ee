"""The occupation guesser that listings calls when a post names no occupation (see its hooks)."""

from chanjiao.catalogs.models import Occupation
from chanjiao.crosswalk.classifier import occupation_classify
from chanjiao.crosswalk.selectors import crosswalk_industries_for_occupations
from chanjiao.listings.hooks import OccupationSuggestion


def occupation_guess_for_post(title: str, description: str) -> OccupationSuggestion | None:
    """Classify a post's title; only a 细类 guess fills the occupation, with its top industry."""
    guess = occupation_classify(title, description)
    if not guess.occupation_id or guess.level != Occupation.Level.OCCUPATION.value:
        return None
    industries = crosswalk_industries_for_occupations([guess.occupation_id])
    ranked = industries.get(guess.occupation_id) or []
    return OccupationSuggestion(
        occupation_id=guess.occupation_id,
        code=guess.code,
        name=guess.name,
        confidence=guess.confidence,
        industry_id=ranked[0][0] if ranked else None,
    )
