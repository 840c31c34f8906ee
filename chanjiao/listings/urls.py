"""Web pages of supply and demand items (供需信息), mounted at /info/."""

from django.urls import path, register_converter

from chanjiao.listings import action_views, views
from chanjiao.listings.kinds import KINDS


class KindConverter:
    """One of the ten kinds; any other word in its place does not match (404)."""

    regex = "|".join(sorted(KINDS, key=len, reverse=True))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        if value not in KINDS:
            raise ValueError(value)
        return value


register_converter(KindConverter, "listing_kind")

app_name = "listings"
ITEM = "<listing_kind:kind>/<int:listing_id>/"

urlpatterns = [
    path("", views.listing_index_page, name="index"),
    path("mine/", views.listing_mine_page, name="mine"),
    path("review/", views.review_queue_page, name="review"),
    path(
        "consents/<int:consent_id>/withdraw/",
        action_views.profile_consent_withdraw_view,
        name="consent-withdraw",
    ),
    path("<listing_kind:kind>/", views.listing_list_page, name="list"),
    path("<listing_kind:kind>/new/", views.listing_create_page, name="create"),
    path(ITEM, views.listing_detail, name="detail"),
    path(ITEM + "edit/", views.listing_edit_page, name="edit"),
    path(
        ITEM + "submit/", action_views.listing_transition_view, {"action": "submit"}, name="submit"
    ),
    path(
        ITEM + "approve/",
        action_views.listing_transition_view,
        {"action": "approve"},
        name="approve",
    ),
    path(
        ITEM + "reject/", action_views.listing_transition_view, {"action": "reject"}, name="reject"
    ),
    path(ITEM + "close/", action_views.listing_transition_view, {"action": "close"}, name="close"),
    path(ITEM + "report/", action_views.listing_report_view, name="report"),
    path(ITEM + "personal-data/", action_views.listing_personal_data_view, name="personal-data"),
    path(ITEM + "consents/", action_views.profile_consent_grant_view, name="consent-grant"),
]
