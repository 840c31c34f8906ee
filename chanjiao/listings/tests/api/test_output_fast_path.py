"""The list serializer's direct output equals what DRF builds from the declared fields."""

import pytest
from rest_framework import serializers

from chanjiao.listings.api.serializers import ListingDetailOutputSerializer, ListingOutputSerializer
from chanjiao.listings.models import Listing
from chanjiao.listings.tests.factories import listing_make, reviewer_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("full", [True, False])
@pytest.mark.parametrize(
    "serializer_class", [ListingOutputSerializer, ListingDetailOutputSerializer]
)
def test_direct_output_equals_the_declared_fields(
    full, serializer_class, recruiter, enterprise, wuzhou_gov
):
    made = listing_make(
        kind="job",
        author=recruiter,
        organization=enterprise,
        reviewer=reviewer_for(wuzhou_gov),
        overrides={"contact_name": "李经理", "contact_phone": "13812345678"},
    )
    listing = Listing.objects.prefetch_related("majors").get(pk=made.pk)
    context = {"personal_ids": {listing.pk} if full else set(), "actor": recruiter}
    serializer = serializer_class(listing, context=context)

    declared = serializers.Serializer.to_representation(serializer, listing)

    assert serializer.data == declared
    assert list(serializer.data) == list(serializer.fields)
    assert ("李经理" in str(serializer.data)) is full


def _model_output(ids, personal_ids):
    listings = Listing.objects.prefetch_related("majors").in_bulk(ids)
    context = {"personal_ids": personal_ids}
    return [ListingOutputSerializer(listings[pk], context=context).data for pk in ids]


def test_list_pages_read_as_values_equal_the_model_output(
    recruiter, enterprise, wuzhou_gov, student, client_for, api_client
):
    reviewer = reviewer_for(wuzhou_gov)
    for kind in ("job", "internship", "cooperation", "mentor", "training_base"):
        listing_make(kind=kind, author=recruiter, organization=enterprise, reviewer=reviewer)
    listing_make(kind="jobseeker", author=student)  # personal, no organisation, a draft
    listing_make(kind="rnd", author=recruiter, organization=enterprise)  # a draft

    public = api_client.get("/api/v1/listings/?ordering=-published_at").json()["results"]
    assert [item["kind"] for item in public] == [
        "training_base", "mentor", "cooperation", "internship", "job",
    ]  # fmt: skip
    assert public == _model_output([item["id"] for item in public], set())
    assert public[3]["majors"] == [{"code": "410107", "name": "茶叶生产与加工技术"}]

    mine = client_for(recruiter).get("/api/v1/listings/mine/").json()["results"]
    assert len(mine) == 6
    assert mine == _model_output([item["id"] for item in mine], {item["id"] for item in mine})
    assert "李经理" in str(mine)

    profile = client_for(student).get("/api/v1/listings/mine/").json()["results"]
    assert profile == _model_output([profile[0]["id"]], {profile[0]["id"]})
    assert profile[0]["organization"] is None
    assert profile[0]["publisher"] == student.real_name
