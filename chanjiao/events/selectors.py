"""Reading events: what an event offers, for the pages and for the apps above."""

from chanjiao.events.models import EventState, MatchEvent, ParticipationState


def event_post_ids(event: MatchEvent) -> set[int]:
    """The posts the event's approved enterprises bring (applications from the event: these)."""
    if event.state != EventState.PUBLISHED:
        return set()
    return set(
        event.enterprises.filter(state=ParticipationState.APPROVED).values_list(
            "posts__pk", flat=True
        )
    ) - {None}
