from django.urls import path

from . import views

app_name = "orgs"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("choose/", views.choose, name="choose"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/children/", views.children, name="children"),
]
