"""Titles people confirmed (TitleLabel) as nearest-neighbour evidence for the classifier."""

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from chanjiao.catalogs.models import Occupation
from chanjiao.crosswalk.models import ClassifierFit, TitleLabel, TitleLabelSource

# A reviewer's or staff member's correction counts a little more than a publisher's choice.
SOURCE_WEIGHT: dict[str, float] = {
    TitleLabelSource.PUBLISHER: 0.9,
    TitleLabelSource.REVIEWER: 1.0,
    TitleLabelSource.STAFF: 1.0,
}


def latest_fit() -> ClassifierFit | None:
    """Return the latest re-fit of the classifier (None before the first)."""
    return ClassifierFit.objects.order_by("-created_at", "-pk").first()


def confirmed_labels(clean: Callable[[str], str], until: datetime) -> dict[str, dict[int, float]]:
    """Return cleaned title → {细类 id: weight} over the labels confirmed up to ``until``.

    A title labelled with several occupations keeps each, weighted by its share of the votes.
    """
    votes: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    rows = TitleLabel.objects.filter(
        occupation__level=Occupation.Level.OCCUPATION, updated_at__lte=until
    ).values_list("title", "occupation_id", "source")
    for title, occupation_id, source in rows:
        text = clean(title)
        if len(text) >= 2:
            votes[text][occupation_id] += SOURCE_WEIGHT.get(source, 0.9)
    labels: dict[str, dict[int, float]] = {}
    for text, counts in votes.items():
        total = sum(counts.values())
        labels[text] = {pk: (value / total) ** 0.5 for pk, value in counts.items()}
    return labels
