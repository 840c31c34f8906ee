from django.urls import path

from chanjiao.recognition.api import views

R = "recognition/recognitions/<int:recognition_id>/"

urlpatterns = [
    path(
        "recognition/programmes/", views.ProgrammeListApi.as_view(), name="recognition-programmes"
    ),
    path(
        "recognition/programmes/<int:programme_id>/",
        views.ProgrammeDetailApi.as_view(),
        name="recognition-programme-detail",
    ),
    path(
        "recognition/recognitions/",
        views.RecognitionListCreateApi.as_view(),
        name="recognition-recognitions",
    ),
    path(R, views.RecognitionDetailApi.as_view(), name="recognition-detail"),
    path(R + "apply/", views.RecognitionApplyApi.as_view(), name="recognition-apply"),
    path(
        R + "transitions/", views.RecognitionTransitionApi.as_view(), name="recognition-transitions"
    ),
    path(R + "review/", views.RecognitionReviewApi.as_view(), name="recognition-review"),
    path(R + "recheck/", views.RecognitionRecheckApi.as_view(), name="recognition-recheck"),
    path(
        R + "attachments/", views.RecognitionAttachmentApi.as_view(), name="recognition-attachments"
    ),
    path(R + "objections/", views.ObjectionCreateApi.as_view(), name="recognition-objections"),
    path(R + "incentives/", views.IncentiveApi.as_view(), name="recognition-incentives"),
    path(R + "investments/", views.InvestmentApi.as_view(), name="recognition-investments"),
    path(
        "recognition/objections/<int:objection_id>/resolve/",
        views.ObjectionResolveApi.as_view(),
        name="recognition-objection-resolve",
    ),
    path("recognition/directory/", views.DirectoryApi.as_view(), name="recognition-directory"),
    path("recognition/notices/", views.NoticeListApi.as_view(), name="recognition-notices"),
    path("recognition/targets/", views.TargetApi.as_view(), name="recognition-targets"),
]
