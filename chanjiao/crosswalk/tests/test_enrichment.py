from chanjiao.crosswalk.models import ClassificationMethod, IndustryLink, ListingOccupation
from chanjiao.crosswalk.selectors import (
    crosswalk_industries_for_occupations,
    listing_occupations,
)
from chanjiao.crosswalk.services import (
    industry_links_observe,
    listing_enrich,
    listings_enrich_pending,
)
from chanjiao.listings import services as listing_services


def test_declared_occupation_is_kept_and_guess_stored(publish):
    job = publish("job")

    row = listing_enrich(job)

    assert row.method == ClassificationMethod.DECLARED
    assert (row.occupation.code, row.confidence) == ("6-18-01-01", 1.0)
    assert row.guessed_occupation.code == "6-18-01-01"
    assert row.listing_version == job.version
    assert listing_occupations([job.pk])[job.pk].source == "declared"


def test_internship_without_occupation_is_classified_with_candidates(publish):
    job = publish("internship", title="电工", description="负责厂区电气线路维护。")

    count = listings_enrich_pending()

    row = ListingOccupation.objects.get(listing=job)
    assert count == 1
    assert row.method == ClassificationMethod.CLASSIFIED
    assert row.occupation.code == "6-31-01-03"
    assert 0 < row.confidence <= 1
    assert len(row.candidates) == 5
    assert row.candidates[0]["code"] == "6-31-01-03"
    view = listing_occupations([job.pk])[job.pk]
    assert (view.occupation_code, view.source) == ("6-31-01-03", "classified")


def test_rerun_is_idempotent(publish):
    publish("job")
    publish("internship")

    first = listings_enrich_pending()
    second = listings_enrich_pending()

    assert (first, second) == (2, 0)
    assert ListingOccupation.objects.count() == 2


def test_other_kinds_are_not_classified(recruiter, enterprise, reviewer):
    from chanjiao.listings.tests.factories import listing_make

    listing_make(kind="rnd", author=recruiter, organization=enterprise, reviewer=reviewer)

    assert listings_enrich_pending() == 0
    assert not ListingOccupation.objects.exists()


def test_edit_reclassifies(publish, recruiter):
    job = publish("internship", title="电工")
    listings_enrich_pending()
    listing_services.listing_update(actor=recruiter, listing=job, values={"title": "茶艺师"})
    count = listings_enrich_pending()

    row = ListingOccupation.objects.get(listing=job)
    assert count == 1
    assert (row.occupation.code, row.listing_version) == ("4-03-02-07", 2)


def test_industry_links_observed_from_published_posts(publish, enterprise):
    job = publish("job")
    publish("internship", title="电工")
    listings_enrich_pending()

    counts = industry_links_observe()

    link = IndustryLink.objects.get(occupation__code="6-18-01-01")
    assert counts["written"] == 2
    assert (link.industry_id, link.post_count, link.confidence) == (enterprise.industry_id, 1, 1.0)
    occupation_id = ListingOccupation.objects.get(listing=job).occupation_id
    edges = crosswalk_industries_for_occupations([occupation_id])
    assert edges == {occupation_id: [(enterprise.industry_id, 1.0, "observed")]}
