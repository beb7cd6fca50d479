from django.urls import path

from . import views

app_name = "dialogues"

urlpatterns = [
    path("", views.dialogue_list, name="list"),
    path("new/", views.dialogue_create, name="create"),
    path("<int:pk>/", views.dialogue_detail, name="detail"),
    path("<int:pk>/edit/", views.dialogue_edit, name="edit"),
    path("<int:pk>/minutes/", views.minutes_download, name="minutes"),
    path("<int:pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path("<int:pk>/conclusions/", views.conclusion_add, name="conclusion_add"),
    path("<int:pk>/participants/", views.participant_add, name="participant_add"),
    path("follow-ups/", views.follow_up_list, name="follow_ups"),
    path("follow-ups/<int:pk>/", views.follow_up_detail, name="follow_up"),
    path("follow-ups/<int:pk>/update/", views.follow_up_update, name="follow_up_update"),
]
