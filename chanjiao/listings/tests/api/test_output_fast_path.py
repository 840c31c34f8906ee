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
