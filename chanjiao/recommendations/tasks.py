"""Background entry points of the recommender."""

from django_tasks import task

from chanjiao.recommendations.models import SubjectState
from chanjiao.recommendations.services import recommendations_recompute


@task()
def recompute_recommendations_task(only_stale: bool = True) -> dict[str, int]:
    """Recompute stale (or all) subjects' stored recommendations."""
    return recommendations_recompute(only_stale=only_stale)


@task()
def recompute_stale_recommendations_task() -> dict[str, int]:
    """Recompute the lists a change made stale; one query when nothing is stale.

    Scheduled every few seconds, so that a post approved while the platform runs reaches the
    lists it matches within a minute (an approval marks them stale in its transaction).
    """
    if not SubjectState.objects.filter(is_stale=True).exists():
        return {"computed": 0, "skipped": 0, "stored": 0}
    return recommendations_recompute(only_stale=True)
