"""Compute, store and refresh recommendations; record feedback and the opt-out setting."""

import logging
from collections.abc import Callable, Iterator

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record
from chanjiao.catalogs.models import Major
from chanjiao.common.exceptions import ApplicationError
from chanjiao.listings.hooks import ListingsChanged, ProfileConsentsChanged
from chanjiao.listings.models import Listing, live_condition
from chanjiao.organizations.models import Organization
from chanjiao.recommendations import candidates, links
from chanjiao.recommendations.engine import Match
from chanjiao.recommendations.groups import GROUPS, group_for_listing, groups_targeting
from chanjiao.recommendations.models import (
    Recommendation,
    RecommendationFeedback,
    RecommendationPreference,
    SubjectState,
    SubjectType,
    TargetType,
)
from chanjiao.recommendations.reasons import reasons_for
from chanjiao.recommendations.subjects import (
    Subject,
    subject_for_cohort,
    subject_for_listing,
    subject_for_student,
)
from chanjiao.students.models import StudentProfile

logger = logging.getLogger(__name__)
ALGORITHM_VERSION = 2
STORED_PER_SUBJECT = 50


def _matches(subject: Subject, limit: int) -> list[tuple[str, Match]]:
    indexes = dict(candidates.group_indexes(subject.group))
    if GROUPS[subject.group].consenting_profiles and subject.organization_id:
        indexes["profile"] = candidates.consenting_profiles_index(subject.organization_id)
    found: list[tuple[str, Match]] = []
    for name, index in indexes.items():
        target_type = TargetType.LISTING if name == "profile" else name
        excluded = set(subject.excluded.get(target_type, set()))
        if subject.subject_type == SubjectType.LISTING and target_type == TargetType.LISTING:
            excluded.add(int(subject.subject_key))
        subject.vector.excluded_ids = frozenset(excluded)
        found += [(str(target_type), m) for m in index.top(subject.vector, limit)]
    found.sort(key=lambda pair: -pair[1].score)
    return found[:limit]


@transaction.atomic
def recommendations_store(*, subject: Subject, limit: int = STORED_PER_SUBJECT) -> int:
    """Compute one subject's recommendations and replace its stored rows; return the count."""
    now = timezone.now()
    rows = [
        Recommendation(
            subject_type=subject.subject_type,
            subject_key=subject.subject_key,
            target_type=target_type,
            target_id=match.target_id,
            rank=rank,
            score=match.score,
            reasons=reasons_for(subject, match, target_type),
            computed_at=now,
            version=ALGORITHM_VERSION,
        )
        for rank, (target_type, match) in enumerate(_matches(subject, limit), start=1)
    ]
    Recommendation.objects.filter(
        subject_type=subject.subject_type, subject_key=subject.subject_key
    ).delete()
    Recommendation.objects.bulk_create(rows)
    SubjectState.objects.update_or_create(
        subject_type=subject.subject_type,
        subject_key=subject.subject_key,
        defaults={
            "target_group": subject.group,
            "computed_at": now,
            "is_stale": False,
            "version": ALGORITHM_VERSION,
        },
    )
    return len(rows)


def recommendations_mark_stale(listing_ids: list[int]) -> int:
    """Mark stale what these items change: their own lists and lists that may show them."""
    kinds = set(Listing.objects.filter(pk__in=listing_ids).values_list("kind", flat=True))
    keys = [str(pk) for pk in listing_ids]
    count = SubjectState.objects.filter(
        subject_type=SubjectType.LISTING, subject_key__in=keys
    ).update(is_stale=True)
    count += SubjectState.objects.filter(
        target_group__in=groups_targeting(kinds), is_stale=False
    ).update(is_stale=True)
    transaction.on_commit(candidates.indexes_forget)
    return count


def recommendations_listings_changed(event: ListingsChanged) -> None:
    """Handler of ``listing_change_handlers``: mark stale what the changed listings touch."""
    recommendations_mark_stale(list(event.listing_ids))


def recommendations_profile_consents_changed(event: ProfileConsentsChanged) -> None:
    """Handler of ``profile_consent_handlers``: lists that may show these profiles are stale."""
    recommendations_mark_stale(list(event.profile_ids))


def all_subjects() -> Iterator[Subject]:
    """Yield every subject: student profiles, items with a direction, and graduating cohorts."""
    for profile in StudentProfile.objects.select_related("major", "school__region").iterator():
        yield subject_for_student(profile)
    items = Listing.objects.filter(live_condition()).select_related(
        "region", "industry", "organization__industry"
    )
    for listing in items.iterator():
        if group_for_listing(listing.kind, listing.direction):
            subject = subject_for_listing(listing)
            if subject is not None:
                yield subject
    yield from _cohort_subjects()


def _cohort_subjects() -> Iterator[Subject]:
    cohorts = set(
        StudentProfile.objects.values_list("school_id", "major_id", "graduation_year").distinct()
    )
    schools = Organization.objects.select_related("region").in_bulk({c[0] for c in cohorts})
    majors = Major.objects.in_bulk({c[1] for c in cohorts})
    for school_id, major_id, year in sorted(cohorts):
        yield subject_for_cohort(schools[school_id], majors[major_id], year)


def recommendations_recompute(
    *, only_stale: bool = True, progress: Callable[[int, int], None] | None = None
) -> dict[str, int]:
    """Recompute every (or every stale) subject; idempotent; reports progress every 100."""
    candidates.indexes_forget()
    fresh = set()
    if only_stale:
        fresh = set(
            SubjectState.objects.filter(is_stale=False, version=ALGORITHM_VERSION).values_list(
                "subject_type", "subject_key"
            )
        )
    done = skipped = stored = 0
    for subject in all_subjects():
        if (subject.subject_type, subject.subject_key) in fresh:
            skipped += 1
            continue
        stored += recommendations_store(subject=subject)
        done += 1
        if progress is not None and done % 100 == 0:
            progress(done, skipped)
    return {"computed": done, "skipped": skipped, "stored": stored}


@transaction.atomic
def recommendation_feedback_record(*, user: User, recommendation: Recommendation) -> None:
    """Mark a recommended item not relevant: it disappears and similar items weigh less."""
    occupation_id = major_id = organization_id = None
    if recommendation.target_type == TargetType.LISTING:
        listing = Listing.objects.filter(pk=recommendation.target_id).first()
        if listing is not None:
            found = links.listing_occupations([listing.pk]).get(listing.pk)
            occupation_id = found[0] if found else None
            organization_id = listing.organization_id
            major_id = listing.majors.values_list("pk", flat=True).first()
    RecommendationFeedback.objects.get_or_create(
        subject_type=recommendation.subject_type,
        subject_key=recommendation.subject_key,
        target_type=recommendation.target_type,
        target_id=recommendation.target_id,
        defaults={
            "user": user,
            "occupation_id": occupation_id,
            "major_id": major_id,
            "organization_id": organization_id,
        },
    )
    recommendation.delete()
    SubjectState.objects.filter(
        subject_type=recommendation.subject_type, subject_key=recommendation.subject_key
    ).update(is_stale=True)


def recommendation_preference_set(*, user: User, is_personalised: bool) -> RecommendationPreference:
    """Switch personalised recommendation on or off for a person (PIPL Art. 24)."""
    if not isinstance(is_personalised, bool):
        raise ApplicationError("is_personalised 应为 true 或 false。")
    with transaction.atomic():
        pref, _ = RecommendationPreference.objects.select_for_update().get_or_create(user=user)
        if pref.is_personalised != is_personalised:
            pref.is_personalised = is_personalised
            pref.save(update_fields=["is_personalised", "updated_at"])
            audit_event_record(
                actor=user,
                action="recommendation.preference",
                target=pref,
                changes={"is_personalised": [not is_personalised, is_personalised]},
            )
    return pref
