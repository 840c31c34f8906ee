"""Root URLs: web pages, the admin, and each app's API under /api/v1/."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

api_v1: list[URLPattern | URLResolver] = [
    path("", include("chanjiao.catalogs.api.urls")),
    path("", include("chanjiao.organizations.api.urls")),
    path("", include("chanjiao.accounts.api.urls")),
    path("", include("chanjiao.localities.api.urls")),
    path("", include("chanjiao.audit.api.urls")),
    path("", include("chanjiao.listings.api.urls")),
    path("", include("chanjiao.subscriptions.api.urls")),
    path("", include("chanjiao.search.api.urls")),
    path("", include("chanjiao.crosswalk.api.urls")),
    path("", include("chanjiao.recommendations.api.urls")),
    path("", include("chanjiao.statistics.api.urls")),
    path("", include("chanjiao.analytics.api.urls")),
    path("", include("chanjiao.early_warning.api.urls")),
    path("", include("chanjiao.forecasting.api.urls")),
    path("", include("chanjiao.reports.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("catalogs/", include("chanjiao.catalogs.urls")),
    path("localities/", include("chanjiao.localities.urls")),
    path("info/import/", include("chanjiao.listings.import_page_urls")),
    path("info/export/", include("chanjiao.listings.export_page_urls")),
    path("info/", include("chanjiao.listings.urls")),
    path("inbox/", include("chanjiao.subscriptions.urls")),
    path("search/", include("chanjiao.search.urls")),
    path("crosswalk/", include("chanjiao.crosswalk.urls")),
    path("recommendations/", include("chanjiao.recommendations.urls")),
    path("statistics/", include("chanjiao.statistics.urls")),
    path("warnings/", include("chanjiao.early_warning.urls")),
    path("forecasts/", include("chanjiao.forecasting.urls")),
    path("analytics/", include("chanjiao.reports.urls")),
    path("", include("chanjiao.web.urls")),
]
