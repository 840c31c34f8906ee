from django.urls import path

from chanjiao.accounts.api import views

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="me"),
    path("users/<int:user_id>/", views.UserDetailApi.as_view(), name="user-detail"),
    path("users/<int:user_id>/reveal/", views.UserRevealApi.as_view(), name="user-reveal"),
]
