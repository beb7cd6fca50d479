from django.urls import path

from . import views

app_name = "dialogues"

urlpatterns = [
    path("", views.dialogue_list, name="list"),
    path("new/", views.dialogue_create, name="create"),
    path("<id:pk>/", views.dialogue_detail, name="detail"),
    path("<id:pk>/edit/", views.dialogue_edit, name="edit"),
    path("<id:pk>/minutes/", views.minutes_download, name="minutes"),
    path("<id:pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path("<id:pk>/conclusions/", views.conclusion_add, name="conclusion_add"),
    path("<id:pk>/participants/", views.participant_add, name="participant_add"),
    path("follow-ups/", views.follow_up_list, name="follow_ups"),
    path("follow-ups/<id:pk>/", views.follow_up_detail, name="follow_up"),
    path("follow-ups/<id:pk>/update/", views.follow_up_update, name="follow_up_update"),
]
