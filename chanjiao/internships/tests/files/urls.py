"""The platform's urls, with the placements' file pages under ``internships:`` if not yet there."""

from django.urls import get_resolver, include, path

from chanjiao.internships import file_urls
from config.urls import urlpatterns as platform

if "internships" in get_resolver("config.urls").namespace_dict:
    urlpatterns = list(platform)
else:  # the app's web urls do not include the file pages (yet)
    urlpatterns = [
        *platform,
        path("internships/", include((file_urls.urlpatterns, "internships"))),
    ]
