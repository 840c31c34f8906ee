"""Demonstration recommendations: computed from the demo organisations and items already written."""

from typing import Any

from chanjiao.recommendations.models import Recommendation, SubjectState
from chanjiao.recommendations.services import recommendations_recompute


def demo_write(*, locality: Any, seed: int) -> dict[str, int]:
    """Compute and store recommendations for every subject (deterministic; no random choice)."""
    del locality, seed  # derived data: the same demo items always give the same lists
    result = recommendations_recompute(only_stale=False)
    return {"subjects": result["computed"], "recommendations": result["stored"]}


def demo_remove() -> int:
    """Delete every stored recommendation and state (derived data; the job recomputes them)."""
    count = Recommendation.objects.count()
    Recommendation.objects.all().delete()
    SubjectState.objects.all().delete()
    return count
