"""Web pages of recognition programmes (认定项目)."""

from django.urls import path

from chanjiao.recognition import views

app_name = "recognition"

urlpatterns = [
    path("", views.directory_page, name="directory"),
    path("mine/", views.recognition_list_page, name="list"),
    path("reserve/", views.recognition_reserve_page, name="reserve"),
    path("<int:recognition_id>/", views.recognition_detail_page, name="detail"),
    path("<int:recognition_id>/act/", views.recognition_act_page, name="act"),
    path("<int:recognition_id>/objection/", views.objection_page, name="objection"),
]
