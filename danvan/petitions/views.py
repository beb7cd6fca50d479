"""Officer pages (HTMX): petitions, intake with live duplicates, reception, statistics."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import UserError, posted_version
from danvan.core.lists import listing, render_list
from danvan.core.middleware import current_request_id
from danvan.core.scoping import Action, get_object_for_user, user_can
from danvan.core.uploads import KINDS, download
from danvan.outputs import charts

from .casework import services
from .casework.attachments import attachments_for, file_response, open_attachment
from .casework.confidentiality import identity_for, public_name
from .casework.duplicates import REASON_LABELS
from .casework.workflow import transitions_from
from .filters import PetitionFilter
from .forms import ClassifyForm, ExtensionForm, IntakeForm, TransitionForm
from .models import (
    Petition,
    PetitionKind,
    PetitionSource,
    Topic,
)

PAGE_SIZE = 50


def _uploads(request: HttpRequest) -> list[services.Upload]:
    return [services.read_upload(f.name or "tep", f) for f in request.FILES.getlist("attachments")]


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    qs = (
        Petition.objects.visible_to(request.user)
        .with_timeliness(today)
        .select_related("handling_unit", "place", "topic")
    )
    found = listing(request, PetitionFilter, qs, per_page=PAGE_SIZE)
    rows = [{"p": p, "name": public_name(p)} for p in found.page.object_list]
    context = found.context(
        rows=rows, today=today, can_add=user_can(request.user, Petition, Action.ADD)
    )
    return render_list(request, "petitions/list.html", "petitions/_rows.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    units = services.units_for(request.user, Action.ADD)
    if not units.exists():
        raise PermissionDenied
    form = IntakeForm(
        request.POST or None, units=units, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            petition = services.intake(
                services.PetitionInput(
                    handling_unit=d["handling_unit"],
                    title=d["title"],
                    content=d["content"],
                    received_on=d["received_on"],
                    source=d["source"],
                    kind=d["kind"],
                    topic=d["topic"],
                    place=d["place"],
                    is_anonymous=d["is_anonymous"],
                    petitioner_name=d["petitioner_name"],
                    petitioner_id_number=d["petitioner_id_number"],
                    petitioner_address=d["petitioner_address"],
                    petitioner_phone=d["petitioner_phone"],
                    crowd_size=d["crowd_size"],
                    case=_case_from(request),
                    attachments=_uploads(request),
                ),
                actor=request.user,
            )
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Petition registered; tracking code %(code)s.")
                % {"code": petition.tracking_code},
            )
            return redirect("petitions:detail", pk=petition.pk)
    return render(request, "petitions/intake.html", {"form": form})


def _case_from(request: HttpRequest) -> Petition | None:
    raw = request.POST.get("case", "")
    if not raw.isdigit():
        return None
    return get_object_for_user(Petition, request.user, pk=int(raw))


@login_required
@require_POST
def duplicates(request: HttpRequest) -> HttpResponse:
    """HTMX: similar earlier petitions while the officer types."""
    post = request.POST
    place = post.get("place", "")
    unit = post.get("handling_unit", "")
    matches = services.similar_petitions(
        request.user,
        handling_unit_id=int(unit) if unit.isdigit() else None,
        place_id=int(place) if place.isdigit() else None,
        id_number=post.get("petitioner_id_number", ""),
        name=post.get("petitioner_name", ""),
        address=post.get("petitioner_address", ""),
        title=post.get("title", ""),
        content=post.get("content", ""),
        exclude_pk=int(post["exclude"]) if post.get("exclude", "").isdigit() else None,
    )
    rows = [{"m": m, "reasons": [REASON_LABELS[r] for r in m.reasons]} for m in matches]
    return render(
        request,
        "petitions/_duplicates.html",
        {"rows": rows, "linkable": post.get("linkable") == "1", "petition_pk": post.get("exclude")},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = get_object_for_user(
        Petition.objects.select_related(
            "handling_unit", "place", "topic", "case", "assigned_officer", "received_by"
        ),
        request.user,
        pk=pk,
    )
    today = timezone.localdate()
    identity = identity_for(request.user, petition, "web.detail", current_request_id() or "")
    can_change = user_can(request.user, Petition, Action.CHANGE, petition)
    matches = services.similar_petitions(
        request.user,
        handling_unit_id=petition.handling_unit_id,
        place_id=petition.place_id,
        id_number=petition.petitioner_id_number if identity else "",
        name=petition.petitioner_name if identity else "",
        address=petition.petitioner_address if identity else "",
        title=petition.title,
        content=petition.content,
        exclude_pk=petition.pk,
    )
    context = {
        "petition": petition,
        "identity": identity,
        "masked_name": public_name(petition),
        "events": petition.events.select_related("actor"),
        "extensions": petition.extension_set.all(),
        "attachments": attachments_for(request.user, petition),
        # A link shown is a link that may be followed: a case or repeat filed at a unit out of
        # the reader's scope (a commune's case a province body acts on) is named, not linked.
        "repeats": petition.repeats.visible_to(request.user),
        "case_visible": petition.case_id is not None
        and Petition.objects.visible_to(request.user).filter(pk=petition.case_id).exists(),
        "overdue": petition.is_overdue(today),
        "can_change": can_change,
        "actions": [t for t in transitions_from(petition.state) if t.target != "classified"],
        "can_classify": petition.state in ("received", "classified"),
        "classify_form": ClassifyForm(
            initial={
                "version": petition.version,
                "kind": petition.kind or PetitionKind.COMPLAINT,
                "topic": petition.topic_id,
                "eligible": "1" if petition.eligible is not False else "0",
                "competence": petition.competence or "within",
                "instance": petition.instance,
                "is_complex": petition.is_complex,
                "is_especially_complex": petition.is_especially_complex,
                "is_remote": petition.is_remote,
            }
        ),
        "extension_form": ExtensionForm(
            initial={
                "version": petition.version,
                "ground": "especially_complex" if petition.is_especially_complex else "complex",
            }
        ),
        "dup_rows": [{"m": m, "reasons": [REASON_LABELS[r] for r in m.reasons]} for m in matches],
    }
    return render(request, "petitions/detail.html", context)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """A file the citizen sent, to those who may open it (404 for everyone else)."""
    opened = open_attachment(
        request.user, pk, attachment_id, "web.attachment", current_request_id() or ""
    )
    return file_response(opened)


def _petition_for_change(request: HttpRequest, pk: int) -> Petition:
    petition = get_object_for_user(Petition, request.user, pk=pk)
    if not user_can(request.user, Petition, Action.CHANGE, petition):
        raise PermissionDenied
    return petition


@login_required
@require_POST
def classify(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition_for_change(request, pk)
    form = ClassifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the classification form."))
        return redirect("petitions:detail", pk=pk)
    d = form.cleaned_data
    try:
        services.classify(
            petition,
            services.Classification(
                kind=d["kind"],
                eligible=d["eligible"],
                competence=d["competence"],
                ineligible_reason=d["ineligible_reason"],
                topic=d["topic"],
                transfer_to_name=d["transfer_to_name"],
                instance=d["instance"],
                is_complex=d["is_complex"],
                is_especially_complex=d["is_especially_complex"],
                is_remote=d["is_remote"],
                assigned_officer=request.user,
            ),
            d["version"],
            actor=request.user,
        )
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Petition classified."))
    return redirect("petitions:detail", pk=pk)


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition_for_change(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the dates you entered."))
        return redirect("petitions:detail", pk=pk)
    d = form.cleaned_data
    try:
        services.transition(
            petition,
            d["target"],
            d["version"],
            on=d["on"],
            note=d["note"],
            answer=d["answer"],
            actor=request.user,
        )
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Petition updated."))
    return redirect("petitions:detail", pk=pk)


@login_required
@require_POST
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition_for_change(request, pk)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the decision number and date."))
        return redirect("petitions:detail", pk=pk)
    d = form.cleaned_data
    try:
        services.extend(
            petition,
            d["version"],
            decision_number=d["decision_number"],
            decision_date=d["decision_date"],
            reason=d["reason"],
            ground=d["ground"],
            actor=request.user,
        )
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Deadline extended."))
    return redirect("petitions:detail", pk=pk)


@login_required
@require_POST
def link(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition_for_change(request, pk)
    raw = request.POST.get("case", "")
    case = get_object_for_user(Petition, request.user, pk=int(raw)) if raw.isdigit() else None
    try:
        services.link_case(
            petition, case, posted_version(request.POST.get("version")), actor=request.user
        )
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Linked to the existing case."))
    return redirect("petitions:detail", pk=pk)


def period_from(request: HttpRequest) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    try:
        start = dt.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        start = today.replace(month=1, day=1)
    try:
        end = dt.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        end = today
    return start, end


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    from .stats import compute_statistics

    start, end = period_from(request)
    stats = compute_statistics(request.user, start, end, timezone.localdate())
    count = pgettext("count", "Number")
    drawn = [
        charts.bar(title, [label for label, _n in data], {count: [n for _l, n in data]},
                   label_header=_("Category"))
        for title, data in (
            (_("By kind"), stats.by_kind),
            (_("By source"), stats.by_source),
            (_("By state"), stats.by_state),
        )
    ]  # fmt: skip
    return render(
        request,
        "petitions/statistics.html",
        {"stats": stats, "start": start, "end": end, "charts": drawn},
    )


@login_required
def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    from .stats import compute_statistics, statistics_workbook

    start, end = period_from(request)
    stats = compute_statistics(request.user, start, end, timezone.localdate())
    rows = (
        Petition.objects.visible_to(request.user)
        .filter(received_on__gte=start, received_on__lte=end)
        .order_by("-received_on")[:20000]
    )
    content = statistics_workbook(stats, start, end, rows=rows)
    return download(
        content,
        filename=f"thong-ke-don-{start}-{end}.xlsx",
        content_type=KINDS["xlsx"].content_type,
    )


__all__ = ["PetitionSource", "Topic", "Any"]
