app_name = "listing_export"
urlpatterns: list = []
