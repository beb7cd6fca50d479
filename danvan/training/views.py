"""Officer pages of training: classes (list, record, page with attendance and its .xlsx
import) and coverage of citizen-facing officials per unit and year."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import UserError, http_status
from danvan.core.lists import listing, render_list
from danvan.core.params import year_param
from danvan.core.scoping import Action, get_object_for_user, user_can
from danvan.orgs.models import OrgUnit
from danvan.orgs.pages import unit_in_scope

from .coverage import coverage_chart, coverage_table
from .filters import TrainingFilter
from .forms import ImportForm, ParticipantsForm, TrainingEditForm, TrainingForm
from .models import TrainingClass
from .services import (
    TRAINING_FIELDS,
    add_participants,
    create_training,
    import_attendance,
    units_where,
    update_training,
)


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    """Classes in scope, by year (the dashboard tile's count links here with ``?year=``)."""
    classes = TrainingClass.objects.visible_to(request.user).select_related("organiser")
    found = listing(request, TrainingFilter, classes)
    editable = {
        t.pk for t in found.page.object_list
        if user_can(request.user, TrainingClass, Action.CHANGE, t)
    }  # fmt: skip
    context = found.context(can_add=units_where(request.user).exists(), editable=editable)
    return render_list(request, "training/list.html", "training/_rows.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def training_create(request: HttpRequest) -> HttpResponse:
    if not units_where(request.user).exists():
        raise PermissionDenied
    form = TrainingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organiser = data.pop("organiser")
        try:
            training = create_training(organiser, **data, actor=request.user)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The training class is recorded. Now add who attended."))
            return redirect("training:detail", pk=training.pk)
    return render(request, "training/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a class's record (its organiser and attendance stay); a stale page is refused."""
    training = get_object_for_user(
        TrainingClass.objects.select_related("organiser"), request.user, Action.CHANGE, pk=pk
    )
    initial = {f: getattr(training, f) for f in TRAINING_FIELDS}
    form = TrainingEditForm(request.POST or None, initial={**initial, "version": training.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                update_training(training, version=version, **data, actor=request.user)
            except UserError as exc:
                form.add_error(None, exc.message)
                status = http_status(exc)
            else:
                messages.success(request, _("The training class is updated."))
                return redirect("training:detail", pk=training.pk)
    return render(
        request, "training/form.html", {"form": form, "training": training}, status=status
    )


def _context(request: HttpRequest, training: TrainingClass, **forms: Any) -> dict[str, Any]:
    can_change = user_can(request.user, TrainingClass, Action.CHANGE, training)
    return {
        "training": training,
        "attendances": list(training.attendances.select_related("official", "unit")),
        "can_change": can_change,
        "participants_form": forms.get("participants_form")
        or (ParticipantsForm(user=request.user, training=training) if can_change else None),
        "import_form": forms.get("import_form") or (ImportForm() if can_change else None),
    }


@login_required
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_for_user(
        TrainingClass.objects.select_related("organiser"), request.user, pk=pk
    )
    return render(request, "training/detail.html", _context(request, training))


@login_required
@require_POST
def participants_add(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_for_user(
        TrainingClass.objects.select_related("organiser"), request.user, Action.CHANGE, pk=pk
    )
    form = ParticipantsForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            created = add_participants(
                training, list(form.cleaned_data["officials"]), actor=request.user
            )
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("%(n)s participants added.") % {"n": len(created)})
            return redirect("training:detail", pk=training.pk)
    return render(
        request, "training/detail.html", _context(request, training, participants_form=form),
        status=400,
    )  # fmt: skip


@login_required
@require_POST
def attendance_import(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_for_user(
        TrainingClass.objects.select_related("organiser"), request.user, Action.CHANGE, pk=pk
    )
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            result = import_attendance(request.user, training, form.cleaned_data["file"])
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Attendance imported: %(added)s added, %(already)s already recorded.")
                % {"added": result.added, "already": result.already},
            )
            return redirect("training:detail", pk=training.pk)
    return render(
        request, "training/detail.html", _context(request, training, import_form=form), status=400
    )


@login_required
def coverage_view(request: HttpRequest) -> HttpResponse:
    """Coverage of citizen-facing officials trained in the year: the unit and those below."""
    visible = OrgUnit.objects.visible_to(request.user)
    root = unit_in_scope(request)
    year = year_param(request) or timezone.localdate().year
    total, rows = coverage_table(root, year)
    chart = coverage_chart(rows)
    return render(request, "training/coverage.html", {
        "root": root, "year": year, "total": total, "rows": rows, "chart": chart,
        "parent": visible.filter(pk=root.parent_id).first() if root.parent_id else None,
    })  # fmt: skip
