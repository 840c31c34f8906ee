app_name = "listing_import"
urlpatterns: list = []
