"""Background entry points of the recommender."""

from django_tasks import task

from chanjiao.recommendations.services import recommendations_recompute


@task()
def recompute_recommendations_task(only_stale: bool = True) -> dict[str, int]:
    """Recompute stale (or all) subjects' stored recommendations."""
    return recommendations_recompute(only_stale=only_stale)
