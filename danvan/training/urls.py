from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.training_list, name="list"),
    path("new/", views.training_create, name="create"),
    path("coverage/", views.coverage_view, name="coverage"),
    path("<id:pk>/", views.training_detail, name="detail"),
    path("<id:pk>/edit/", views.training_edit, name="edit"),
    path("<id:pk>/participants/", views.participants_add, name="participants_add"),
    path("<id:pk>/import/", views.attendance_import, name="import"),
]
