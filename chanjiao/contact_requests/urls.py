from django.urls import URLPattern, URLResolver

app_name = "contact_requests"
urlpatterns: list[URLPattern | URLResolver] = []
