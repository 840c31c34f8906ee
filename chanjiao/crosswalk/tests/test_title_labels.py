"""Labels from publishers and reviewers, and classified occupations written back to posts."""

from chanjiao.audit.models import AuditEvent
from chanjiao.crosswalk.models import ClassificationMethod, ListingOccupation, TitleLabel
from chanjiao.crosswalk.services import listing_enrich, listings_enrich_pending
from chanjiao.listings.models import Listing, OccupationSource
from chanjiao.search.models import SearchQueue


def _declared(listing):
    """Mark the occupation the publisher typed as declared (as the listing forms now do)."""
    Listing.objects.filter(pk=listing.pk).update(occupation_source=OccupationSource.DECLARED)
    listing.refresh_from_db()
    return listing


def test_declared_post_becomes_a_publisher_label(publish):
    job = _declared(publish("job", title="数控车床操作工"))

    listing_enrich(job)

    label = TitleLabel.objects.get(listing=job)
    assert (label.source, label.title, label.occupation.code) == (
        "publisher",
        "数控车床操作工",
        "6-18-01-01",
    )
    assert label.labelled_by_id == job.author_id
    assert label.guessed_occupation is not None
    job.refresh_from_db()
    assert (job.occupation.code, job.occupation_source) == ("6-18-01-01", "declared")


def test_label_follows_an_edit_of_the_post(publish):
    job = _declared(publish("job", title="数控车床操作工"))
    listing_enrich(job)
    Listing.objects.filter(pk=job.pk).update(title="数控车工（夜班）")
    job.refresh_from_db()

    listing_enrich(job)

    assert TitleLabel.objects.filter(listing=job).count() == 1
    assert TitleLabel.objects.get(listing=job).title == "数控车工（夜班）"


def test_post_without_occupation_gets_the_classified_one_with_confidence(publish):
    job = publish("job", title="电工", description="负责厂区电气线路维护。", occupation_code="")

    listings_enrich_pending()

    job.refresh_from_db()
    assert job.occupation.code == "6-31-01-03"
    assert job.occupation_source == "classified"
    assert 0 < job.occupation_confidence <= 1
    row = ListingOccupation.objects.get(listing=job)
    assert row.method == ClassificationMethod.CLASSIFIED
    assert not TitleLabel.objects.filter(listing=job).exists()


def test_classified_occupation_is_redone_after_an_edit(publish):
    job = publish("job", title="电工", occupation_code="", description="")
    listing_enrich(job)
    Listing.objects.filter(pk=job.pk).update(title="护士", version=job.version + 1)
    job.refresh_from_db()

    listings_enrich_pending()

    job.refresh_from_db()
    assert (job.occupation.code, job.occupation_source) == ("2-05-08-01", "classified")


def test_reviewer_corrects_the_occupation_through_the_api(publish, reviewer, client_for):
    job = publish("job", title="电工", occupation_code="", description="")
    listing_enrich(job)
    SearchQueue.objects.all().delete()

    response = client_for(reviewer).post(
        f"/api/v1/crosswalk/listings/{job.pk}/occupation/",
        {"occupation": "电工电器工程技术人员"},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["label_source"] == "reviewer"
    job.refresh_from_db()
    assert (job.occupation.name, job.occupation_source) == ("电工电器工程技术人员", "confirmed")
    label = TitleLabel.objects.get(listing=job, source="reviewer")
    assert label.guessed_occupation.code == "6-31-01-03"
    assert AuditEvent.objects.filter(action="crosswalk.listing_occupation_correct").exists()
    assert ListingOccupation.objects.get(listing=job).method == ClassificationMethod.DECLARED
    # The readers of the occupation (the search index here) are told.
    assert SearchQueue.objects.filter(listing_id=job.pk).exists()


def test_outsider_may_not_correct_and_bad_names_are_explained(
    publish, outsider, staff_user, client_for
):
    job = publish("job")
    url = f"/api/v1/crosswalk/listings/{job.pk}/occupation/"

    refused = client_for(outsider).post(url, {"occupation": "6-18-01-01"}, format="json")
    unknown = client_for(staff_user).post(url, {"occupation": "不存在的职业"}, format="json")

    assert refused.status_code == 403
    assert "审核人员" in str(refused.json())
    assert unknown.status_code == 400
    assert "不存在的职业" in str(unknown.json())
    assert "occupation" in str(unknown.json())
