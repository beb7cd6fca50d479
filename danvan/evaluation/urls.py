from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.evaluation_list, name="list"),
    path("schemes/<id:pk>/", views.scheme_detail, name="scheme"),
    path("schemes/<id:pk>/action/", views.scheme_action, name="scheme_action"),
    path("schemes/<id:pk>/points.xlsx", views.export_points, name="export_points"),
    path("schemes/<id:pk>/minutes.docx", views.export_minutes, name="export_minutes"),
    path("schemes/<id:pk>/decision.docx", views.export_decision, name="export_decision"),
    path("units/<id:pk>/", views.scorecard, name="scorecard"),
    path("units/<id:pk>/self/", views.self_assess, name="self_assess"),
    path("units/<id:pk>/appraise/", views.appraise, name="appraise"),
    path("units/<id:pk>/records/<id:criterion>/", views.records, name="records"),
]
