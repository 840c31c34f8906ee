from django.urls import path

from chanjiao.search.api import views

urlpatterns = [
    path("search/", views.SearchApi.as_view(), name="search"),
    path("search/suggest/", views.SearchSuggestApi.as_view(), name="search-suggest"),
    path("search/changes/", views.SearchChangesApi.as_view(), name="search-changes"),
]
