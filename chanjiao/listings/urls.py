from django.urls import path

from chanjiao.listings import views

app_name = "listings"
urlpatterns = [
    path("<str:kind>/<int:listing_id>/", views.listing_detail, name="detail"),
]
