"""Background entry points of the recommender."""

from django_tasks import task


@task()
def recompute_recommendations_task(only_stale: bool = True) -> dict[str, int]:
    """Recompute stale (or all) subjects' stored recommendations."""
    from chanjiao.recommendations.services import recommendations_recompute

    return recommendations_recompute(only_stale=only_stale)
