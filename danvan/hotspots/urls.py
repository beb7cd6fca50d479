from django.urls import path

from . import views

app_name = "hotspots"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("confirm/", views.confirm, name="confirm"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<id:pk>/resolve/", views.resolve, name="resolve"),
    path("signals/", views.signal_list, name="signals"),
    path("signals/new/", views.signal_create, name="signal_create"),
]
