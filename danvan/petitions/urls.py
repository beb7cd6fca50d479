"""Every URL of the petitions app, included once at the site root."""

from django.urls import path, re_path

from . import open311, portal, views
from .reception import views as reception_views

app_name = "petitions"

urlpatterns = [
    path("petitions/", views.petition_list, name="list"),
    path("petitions/new/", views.intake, name="intake"),
    path("petitions/duplicates/", views.duplicates, name="duplicates"),
    path("petitions/statistics/", views.statistics, name="statistics"),
    path("petitions/statistics.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
    path("petitions/<id:pk>/", views.detail, name="detail"),
    path(
        "petitions/<id:pk>/attachments/<id:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path("petitions/<id:pk>/classify/", views.classify, name="classify"),
    path("petitions/<id:pk>/move/", views.move, name="move"),
    path("petitions/<id:pk>/extend/", views.extend, name="extend"),
    path("petitions/<id:pk>/link/", views.link, name="link"),
    path("reception/", reception_views.register, name="reception_register"),
    path("reception/new/", reception_views.reception_new, name="reception_new"),
    path("reception/schedules/", reception_views.schedules, name="schedules"),
    path(
        "reception/schedules/host-note/",
        reception_views.schedule_host_note,
        name="schedule_host_note",
    ),
    path("reception/schedules/<id:pk>/edit/", reception_views.schedule_edit, name="schedule_edit"),
    path("reception/schedules/<id:pk>/end/", reception_views.schedule_end, name="schedule_end"),
    path("portal/petitions/new/", portal.submit, name="portal_submit"),
    path("portal/petitions/track/", portal.track, name="portal_track"),
    path("portal/petitions/<str:code>/", portal.status, name="portal_status"),
    path("portal/reception/", portal.reception, name="portal_reception"),
    path("portal/reception/calendar.ics", portal.reception_ics, name="portal_reception_ics"),
    re_path(
        r"^open311/v2/discovery\.(?P<fmt>json|xml)$", open311.discovery, name="open311_discovery"
    ),
    re_path(
        r"^open311/v2/services\.(?P<fmt>json|xml)$", open311.service_list, name="open311_services"
    ),
    re_path(
        r"^open311/v2/services/(?P<code>[\w.-]+)\.(?P<fmt>json|xml)$",
        open311.service_definition,
        name="open311_service",
    ),
    re_path(
        r"^open311/v2/requests\.(?P<fmt>json|xml)$", open311.requests_view, name="open311_requests"
    ),
    re_path(
        r"^open311/v2/requests/(?P<request_id>[\w-]+)\.(?P<fmt>json|xml)$",
        open311.request_detail,
        name="open311_request",
    ),
]
