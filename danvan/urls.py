from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from danvan.api import api
from danvan.core import views as core_views
from danvan.core.converters import IdConverter
from danvan.core.metrics import metrics_view

# Before the app URLconfs below, which use it: ids are bounded (core.converters).
register_converter(IdConverter, "id")

admin.site.site_header = _("Dân Vận administration")
admin.site.site_title = _("Dân Vận")
admin.site.index_title = _("Back office")

urlpatterns = [
    path("", include("danvan.core.urls")),
    path("accounts/", include("danvan.accounts.urls")),
    path("orgs/", include("danvan.orgs.urls")),
    path("documents/", include("danvan.documents.urls")),
    path("plans/", include("danvan.plans.urls")),
    path("notifications/", include("danvan.notifications.urls")),
    path("dialogues/", include("danvan.dialogues.urls")),
    path("participation/", include("danvan.participation.urls")),
    path("hotspots/", include("danvan.hotspots.urls")),
    path("surveys/", include("danvan.surveys.urls")),
    path("khao-sat/", include("danvan.surveys.public_urls")),
    path("evaluation/", include("danvan.evaluation.urls")),
    path("", include("danvan.exemplars.urls")),
    path("training/", include("danvan.training.urls")),
    path("inspections/", include("danvan.inspections.urls")),
    path("", include("danvan.petitions.urls")),
    path("reporting/", include("danvan.reporting.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "danvan.core.views.server_error"
