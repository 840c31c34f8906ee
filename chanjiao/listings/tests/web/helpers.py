"""Helpers for the item page tests: post the web form, read the titles a list page shows."""

import re

from chanjiao.listings.models import Listing
from chanjiao.listings.tests.factories import valid_input

# kind → (author fixture, organisation fixture or None)
PUBLISHERS = {
    "job": ("recruiter", "enterprise"),
    "internship": ("recruiter", "enterprise"),
    "cooperation": ("school_admin", "wuzhou_school"),
    "rnd": ("recruiter", "enterprise"),
    "tech_service": ("school_admin", "wuzhou_school"),
    "training": ("recruiter", "enterprise"),
    "graduates": ("school_admin", "wuzhou_school"),
    "jobseeker": ("student", None),
    "mentor": ("recruiter", "enterprise"),
    "training_base": ("school_admin", "wuzhou_school"),
}


def post_form(client, kind, organization=None, **overrides):
    """Post the create form of a kind as a browser would."""
    data = {**valid_input(kind), **overrides}
    if organization is not None:
        data["organization"] = organization.pk
    return client.post(f"/info/{kind}/new/", {k: v for k, v in data.items() if v is not None})


def created_listing(response):
    """Return the item a successful create form redirected to."""
    assert response.status_code == 302, response.content.decode()[:3000]
    listing_id = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
    return Listing.objects.get(pk=listing_id)


def listed_titles(response, kind):
    """Return the titles of a list page's cards, in order."""
    pattern = rf'<h3 class="post-card__title"><a href="/info/{kind}/\d+/">([^<]+)</a>'
    return re.findall(pattern, response.content.decode())
