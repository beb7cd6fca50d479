"""The public portal (no sign-in, mobile first): file a petition, follow it, rate the answer,
see the reception schedules. Spam protection without outside services: a per-IP rate limit
counted in the database by every worker alike (core.ratelimit), a honeypot field and a minimum
time to fill the form."""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import ratelimit
from danvan.core.audit import CITIZEN
from danvan.core.clientip import client_address
from danvan.core.errors import UserError
from danvan.core.params import int_param, to_int
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .casework import services
from .casework.models import Petition
from .forms import PortalPetitionForm, RateForm, TrackForm
from .reception import services as reception_services
from .reception.models import ReceptionSchedule

log = logging.getLogger(__name__)

SIGNER_SALT = "petitions.portal.started"


def _ip(request: HttpRequest) -> str:
    return client_address(request) or "?"


def rate_limited(request: HttpRequest, bucket: str, limit: int, window: int = 3600) -> bool:
    """Count this request in the IP's bucket; True when over ``limit`` within ``window`` s."""
    return ratelimit.hit(f"portal:{bucket}:{_ip(request)}", limit, window)


def portal_units() -> QuerySet[OrgUnit]:
    return (
        OrgUnit.objects.current()
        .filter(kind__in=[OrgUnitKind.PROVINCE, OrgUnitKind.COMMUNE, OrgUnitKind.DEPARTMENT])
        .order_by("path")
    )


def _chosen_province(request: HttpRequest, provinces: list[OrgUnit]) -> OrgUnit | None:
    """The province whose authorities the form lists: the only one of an installation, the
    one the citizen chose (``?province=``, kept in the form), or the one of the authority an
    invalid submission named. The country's ≈ 7,000 authorities in one list are unusable on a
    phone and took 0.4 s to render, so a national installation asks for the province first."""
    if len(provinces) == 1:
        return provinces[0]
    by_id = {p.pk: p for p in provinces}
    chosen = to_int(request.POST.get("province") or request.GET.get("province"))
    if chosen in by_id:
        return by_id[chosen]
    unit_id = to_int(request.POST.get("handling_unit"))
    unit = OrgUnit.objects.filter(pk=unit_id).only("path").first() if unit_id else None
    if unit is not None:
        return next((p for p in provinces if unit.path.startswith(p.path)), None)
    return None


def _started_token() -> str:
    return signing.dumps(time.time(), salt=SIGNER_SALT)


def _fill_seconds(token: str) -> float | None:
    try:
        started = float(signing.loads(token, salt=SIGNER_SALT, max_age=24 * 3600))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - started


@require_http_methods(["GET", "POST"])
def mail_receipt(request: HttpRequest, petition: Petition) -> None:
    """The citizen's copy of the receipt: tracking code, deadline, summary and the link.

    Not a notification (citizens have no account); a failed send is logged and the screen
    already showed everything the e-mail says.
    """
    from django.core.mail import EmailMessage

    link = request.build_absolute_uri(
        reverse("petitions:portal_status", args=[petition.tracking_code])
    )
    due = f"{petition.due_on:%d/%m/%Y}" if petition.due_on else "—"
    body = _(
        "%(unit)s received your petition on %(received)s.\n\n"
        "Tracking code: %(code)s\n"
        "Summary: %(title)s\n"
        "Deadline for sorting and handling under the law: %(due)s\n\n"
        "Follow the state of your petition at: %(link)s\n"
    ) % {
        "unit": petition.handling_unit.name,
        "received": f"{petition.received_on:%d/%m/%Y}",
        "code": petition.tracking_code,
        "title": petition.title,
        "due": due,
        "link": link,
    }
    try:
        EmailMessage(
            _("Petition received – tracking code %(code)s") % {"code": petition.tracking_code},
            body,
            settings.DEFAULT_FROM_EMAIL,
            [petition.petitioner_email],
        ).send()
    except Exception:  # noqa: BLE001  (the citizen already has the code on screen)
        log.warning("receipt e-mail for %s failed", petition.tracking_code, exc_info=True)


def submit(request: HttpRequest) -> HttpResponse:
    units = portal_units()
    provinces = list(
        OrgUnit.objects.current().filter(kind=OrgUnitKind.PROVINCE, parent=None).order_by("name")
    )
    province = _chosen_province(request, provinces)
    # Any public authority validates (one lookup); only the chosen province's are listed.
    form = PortalPetitionForm(
        request.POST or None, units=units, initial={"started": _started_token()}
    )
    if request.method == "POST":
        min_seconds = float(settings.PETITIONS_PORTAL_MIN_FILL_SECONDS)
        limit = settings.PETITIONS_PORTAL_SUBMISSIONS_PER_HOUR
        if request.POST.get("website"):
            form.add_error(None, _("Your submission could not be accepted."))
        elif (_fill_seconds(request.POST.get("started", "")) or -1) < min_seconds:
            form.add_error(
                None,
                _("The form was sent too quickly or has expired; please check it and send again."),
            )
        elif rate_limited(request, "submit", limit):
            form.add_error(
                None, _("Too many submissions from your connection; please try again later.")
            )
        elif form.is_valid():
            d = form.cleaned_data
            try:
                uploads = [
                    services.read_upload(f.name or "tep", f)
                    for f in request.FILES.getlist("attachments")
                ]
                unit = d["handling_unit"]
                petition = services.intake(
                    services.PetitionInput(
                        handling_unit=unit,
                        title=d["title"],
                        content=d["content"],
                        received_on=timezone.localdate(),
                        source="online",
                        kind=d["kind"],
                        topic=d["topic"],
                        place=unit if unit.kind == OrgUnitKind.COMMUNE else None,
                        petitioner_name=d["petitioner_name"],
                        petitioner_id_number=d["petitioner_id_number"],
                        petitioner_address=d["petitioner_address"],
                        petitioner_phone=d["petitioner_phone"],
                        petitioner_email=d["petitioner_email"],
                        attachments=uploads,
                    ),
                    actor=CITIZEN,
                )
            except UserError as exc:
                form.add_error(None, exc.message)
            else:
                request.session["portal_last_code"] = petition.tracking_code
                if petition.petitioner_email:
                    transaction.on_commit(lambda: mail_receipt(request, petition))
                return redirect("petitions:portal_status", code=petition.tracking_code)
        fresh = request.POST.copy()
        fresh["started"] = _started_token()
        form.data = fresh
    listed = units.filter(path__startswith=province.path) if province else units.none()
    form.fields["handling_unit"].queryset = listed  # type: ignore[attr-defined]
    context = {
        "form": form,
        "province": province,
        "provinces": provinces if len(provinces) > 1 else [],
    }
    return render(request, "petitions/portal/submit.html", context)


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if request.GET and form.is_valid():
        if rate_limited(request, "track", 120):
            form.add_error(None, _("Too many lookups; please try again later."))
        else:
            try:
                petition = services.find_by_tracking_code(form.cleaned_data["code"])
            except UserError as exc:
                form.add_error("code", exc.message)
            else:
                return redirect("petitions:portal_status", code=petition.tracking_code)
    return render(request, "petitions/portal/track.html", {"form": form})


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest, code: str) -> HttpResponse:
    try:
        petition = services.find_by_tracking_code(code)
    except UserError as exc:
        return render(
            request,
            "petitions/portal/track.html",
            {"form": TrackForm(), "error": exc.message},
            status=404,
        )
    rate_form = RateForm(request.POST or None)
    if request.method == "POST" and rate_form.is_valid():
        try:
            services.rate_answer(
                code, rate_form.cleaned_data["rating"], rate_form.cleaned_data["comment"]
            )
        except UserError as exc:
            rate_form.add_error(None, exc.message)
        else:
            return redirect("petitions:portal_status", code=petition.tracking_code)
    return render(
        request,
        "petitions/portal/status.html",
        {
            "petition": petition,
            "info": petition.public_status(),
            "rate_form": rate_form,
            "just_sent": request.session.pop("portal_last_code", None) == petition.tracking_code,
            "service_survey_url": _service_survey_url(petition),
        },
    )


def _service_survey_url(petition: Petition) -> str:
    """«Rate this service»: the handling unit's standing questionnaire, once answered."""
    from django.apps import apps

    if not (petition.answer_published and petition.answer) or not apps.is_installed(
        "danvan.surveys"
    ):
        return ""
    from danvan.surveys.services import petition_survey

    questionnaire = petition_survey(petition)
    if questionnaire is None:
        return ""
    url = reverse("surveys_public:answer", args=[questionnaire.public_key])
    return f"{url}?don={petition.tracking_code}"


def _published_schedules(request: HttpRequest) -> list[ReceptionSchedule]:
    today = timezone.localdate()
    qs = ReceptionSchedule.objects.filter(is_published=True, valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    unit = int_param(request, "unit")
    if unit is not None:
        qs = qs.filter(unit_id=unit)
    return list(qs.select_related("unit", "place").order_by("unit__path", "host_role"))


#: What the schedules page shows by default (two weeks fit a phone screen), and at most.
RECEPTION_DAYS, RECEPTION_MAX_DAYS = 14, 62
#: The iCalendar feed: the coming quarter only; calendar apps fetch it again every day.
FEED_DAYS = 92


def _reception_units() -> list[OrgUnit]:
    """Units with a published schedule in force, for the page's chooser."""
    today = timezone.localdate()
    ids = ReceptionSchedule.objects.filter(is_published=True, valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    return list(OrgUnit.objects.filter(pk__in=ids.values("unit_id")).order_by("path"))


def reception(request: HttpRequest) -> HttpResponse:
    """The coming receptions of one unit (or all), two weeks by default, by day."""
    today = timezone.localdate()
    days = int_param(request, "days", 1, RECEPTION_MAX_DAYS) or RECEPTION_DAYS
    schedules = _published_schedules(request)
    upcoming = sorted(
        (
            (day, s)
            for s in schedules
            for day in reception_services.occurrences(s, today, today + dt.timedelta(days=days))
        ),
        key=lambda pair: (pair[0], pair[1].start_time),
    )
    by_day: dict[dt.date, list[ReceptionSchedule]] = {}
    for day, schedule in upcoming:
        by_day.setdefault(day, []).append(schedule)
    units = _reception_units()
    chosen = int_param(request, "unit")
    return render(
        request,
        "petitions/portal/reception.html",
        {
            "schedules": schedules,
            "by_day": sorted(by_day.items()),
            "units": units,
            "chosen": next((u for u in units if u.pk == chosen), None),
            "days": days,
            "until": today + dt.timedelta(days=days),
        },
    )


def reception_ics(request: HttpRequest) -> HttpResponse:
    """iCalendar of the coming quarter, for one unit with ``?unit=``, with its time zone."""
    today = timezone.localdate()
    body = reception_services.icalendar_feed(
        _published_schedules(request), today, today + dt.timedelta(days=FEED_DAYS)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-tiep-cong-dan.ics"'
    return response
