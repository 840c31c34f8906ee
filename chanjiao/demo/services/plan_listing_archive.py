"""Earlier years' posts of the demonstration enterprises, long expired: the demand history.

Counts, forecasts and the supply–demand comparison read demand by the year a post was published;
with this year's posts alone a locality would have one (unfinished) year. So the enterprises'
current job posts are re-posted, in smaller numbers the further back, in each of the three
years before this one, each published on a working day of its year and expired after its term.
"""

import random
from dataclasses import replace
from datetime import date, timedelta

from chanjiao.demo.services.listing_context import ListingPlan
from chanjiao.demo.services.listing_timeline import Timeline, expired_timeline, working_moment

# Share of this year's job posts posted in each earlier year (3 years back first): demand grew.
ARCHIVE_SHARES = (0.55, 0.7, 0.85)


def archived_jobs(
    plans: list[ListingPlan], rng: random.Random, *, today: date, kind: str
) -> list[ListingPlan]:
    """Expired copies of some of the ``kind`` posts, spread over the three previous years."""
    current = [p for p in plans if p.kind == kind and p.timeline.published_at is not None]
    archived = []
    for back, share in zip(range(len(ARCHIVE_SHARES), 0, -1), ARCHIVE_SHARES, strict=True):
        year = today.year - back
        chosen = sorted(rng.sample(current, round(len(current) * share)), key=lambda p: p.number)
        for number, plan in enumerate(chosen, start=1):
            steps = _expired_in(rng, year)
            data = {**plan.data, "valid_from": steps.valid_from, "valid_until": steps.valid_until}
            archived.append(
                replace(plan, number=number, data=data, timeline=steps, archive_year=year)
            )
    return archived


def _expired_in(rng: random.Random, year: int) -> Timeline:
    """Published on a working-hours moment of the year, valid 30–90 days, closed after."""
    day = date(year, 1, 5) + timedelta(days=rng.randint(0, 330))
    published = working_moment(rng, day)
    return expired_timeline(
        rng, published=published, valid_until=day + timedelta(days=rng.randint(30, 90))
    )
