from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<id:pk>/", views.plan_detail, name="plan"),
    path("plans/<id:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("rounds/<id:pk>/", views.round_detail, name="round"),
    path("rounds/<id:pk>/findings/", views.finding_add, name="finding_add"),
    path("rounds/<id:pk>/conclusion/", views.round_conclude, name="conclude"),
    path("rounds/<id:pk>/conclusion.docx", views.conclusion_download, name="conclusion_docx"),
    path("findings/", views.finding_list, name="findings"),
    path("findings/dashboard/", views.dashboard, name="dashboard"),
    path("findings/<id:pk>/", views.finding_detail, name="finding"),
    path("findings/<id:pk>/report/", views.finding_report, name="finding_report"),
    path("findings/<id:pk>/close/", views.finding_close, name="finding_close"),
]
