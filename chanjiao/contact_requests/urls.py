from django.urls import URLPattern, URLResolver, path

from chanjiao.contact_requests import views

app_name = "contact_requests"
urlpatterns: list[URLPattern | URLResolver] = [
    path("new/", views.new_page, name="new"),
    path("sent/", views.sent_page, name="sent"),
    path("received/", views.received_page, name="received"),
    path("<int:request_id>/", views.detail_page, name="detail"),
    path("<int:request_id>/contact/", views.contact_page, name="contact"),
    path("<int:request_id>/accept/", views.accept_page, name="accept"),
    path("<int:request_id>/decline/", views.decline_page, name="decline"),
    path("<int:request_id>/withdraw/", views.withdraw_page, name="withdraw"),
]
