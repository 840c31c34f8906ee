"""Root URLs: web pages, the admin, and each app's API under /api/v1/."""

from typing import Any

from django.apps import apps
from django.contrib import admin
from django.http import HttpRequest
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from chanjiao.common.health import health
from chanjiao.common.schema import api_docs_page

admin.site.site_header = "产教融合信息服务平台 · 后台管理"
admin.site.site_title = "产教融合信息服务平台后台"
admin.site.index_title = "数据管理"
# Third-party apps and models name themselves in English; the admin index shows them in Chinese
# (their models' own names stay: changing those would need migrations in the packages).
_APP_NAMES = {"axes": "登录防护", "django_tasks_database": "后台任务"}
_MODEL_NAMES = {
    ("axes", "AccessAttempt"): "登录尝试",
    ("axes", "AccessFailureLog"): "登录失败记录",
    ("axes", "AccessLog"): "登录记录",
    ("django_tasks_database", "DBTaskResult"): "后台任务结果",
}
for _label, _name in _APP_NAMES.items():
    if _label in apps.app_configs:
        apps.get_app_config(_label).verbose_name = _name
_app_list = admin.site.get_app_list


def _app_list_in_chinese(request: HttpRequest, app_label: str | None = None) -> list[Any]:
    listed = _app_list(request, app_label)
    for app in listed:
        for model in app["models"]:
            key = (app["app_label"], model["object_name"])
            model["name"] = _MODEL_NAMES.get(key, model["name"])
    return listed


admin.site.get_app_list = _app_list_in_chinese  # type: ignore[method-assign]

# An address under /api/ that matches no operation answers in the API's error shape.
handler404 = "chanjiao.common.api.not_found"

api_v1: list[URLPattern | URLResolver] = [
    path("", include("chanjiao.catalogs.api.urls")),
    path("", include("chanjiao.organizations.api.urls")),
    path("", include("chanjiao.accounts.api.urls")),
    path("", include("chanjiao.selfservice.api.urls")),
    path("", include("chanjiao.students.api.urls")),
    path("", include("chanjiao.localities.api.urls")),
    path("", include("chanjiao.audit.api.urls")),
    path("", include("chanjiao.listings.api.urls")),
    path("", include("chanjiao.subscriptions.api.urls")),
    path("", include("chanjiao.search.api.urls")),
    path("", include("chanjiao.crosswalk.api.urls")),
    path("", include("chanjiao.events.api.urls")),
    path("", include("chanjiao.applications.api.urls")),
    path("", include("chanjiao.contact_requests.api.urls")),
    path("", include("chanjiao.recommendations.api.urls")),
    path("", include("chanjiao.internships.api.urls")),
    path("", include("chanjiao.recognition.api.urls")),
    path("", include("chanjiao.statistics.api.urls")),
    path("", include("chanjiao.analytics.api.urls")),
    path("", include("chanjiao.early_warning.api.urls")),
    path("", include("chanjiao.forecasting.api.urls")),
    path("", include("chanjiao.reports.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The Chinese documentation page; the English Swagger UI stays for trying requests out.
    path("docs/", api_docs_page, name="api-docs"),
    path(
        "docs/swagger/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-swagger"
    ),
]

urlpatterns = [
    path("healthz", health, name="health"),
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
    path("events/", include("chanjiao.events.urls")),
    path("applications/", include("chanjiao.applications.urls")),
    path("internships/", include("chanjiao.internships.urls")),
    path("recognition/", include("chanjiao.recognition.urls")),
    path("contact-requests/", include("chanjiao.contact_requests.urls")),
    path("recommendations/", include("chanjiao.recommendations.urls")),
    path("statistics/", include("chanjiao.statistics.urls")),
    path("warnings/", include("chanjiao.early_warning.urls")),
    path("forecasts/", include("chanjiao.forecasting.urls")),
    path("analytics/", include("chanjiao.reports.urls")),
    path("account/security/", include("chanjiao.accounts.urls")),
    path("account/", include("chanjiao.selfservice.urls")),
    path("org/", include("chanjiao.organizations.urls")),
    path("students/", include("chanjiao.students.urls")),
    path("", include("chanjiao.web.urls")),
]
