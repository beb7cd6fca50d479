from django.urls import path

from . import views

app_name = "exemplars"

urlpatterns = [
    path("exemplars/", views.exemplar_list, name="list"),
    path("exemplars/new/", views.exemplar_create, name="create"),
    path("exemplars/plan-tasks/", views.plan_tasks, name="plan_tasks"),
    path("exemplars/unit-choices/", views.unit_choices, name="unit_choices"),
    path("exemplars/counts/", views.counts, name="counts"),
    path("exemplars/counts.xlsx", views.counts_xlsx, name="counts_xlsx"),
    path("exemplars/replication/", views.replication, name="replication"),
    path("exemplars/<id:pk>/", views.exemplar_detail, name="detail"),
    path("exemplars/<id:pk>/edit/", views.exemplar_edit, name="edit"),
    path("exemplars/<id:pk>/reviews/", views.review_add, name="review_add"),
    path("exemplars/<id:pk>/commendations/", views.commendation_add, name="commendation_add"),
    path("exemplars/<id:pk>/contests/", views.contest_add, name="contest_add"),
    path("exemplars/files/<id:pk>/", views.file_download, name="file"),
    path("portal/mo-hinh-dan-van-kheo/", views.showcase, name="showcase"),
    path("portal/mo-hinh-dan-van-kheo/<id:pk>/", views.showcase_detail, name="showcase_detail"),
    path("portal/mo-hinh-dan-van-kheo/anh/<id:pk>/", views.showcase_photo, name="showcase_photo"),
]
