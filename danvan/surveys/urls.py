from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.questionnaire_list, name="list"),
    path("new/", views.questionnaire_create, name="create"),
    path("compare/", views.compare, name="compare"),
    path("<id:pk>/", views.questionnaire_detail, name="detail"),
    path("<id:pk>/questions/", views.question_add, name="question_add"),
    path("<id:pk>/status/", views.questionnaire_status, name="status"),
    path("<id:pk>/edition/", views.questionnaire_edition, name="edition"),
    path("<id:pk>/poster/", views.poster, name="poster"),
    path("<id:pk>/index/", views.index_page, name="index"),
    path("<id:pk>/export.xlsx", views.export_xlsx, name="export"),
]
