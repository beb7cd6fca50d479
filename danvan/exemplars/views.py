"""Officer pages of «Dân vận khéo» models: registry, register, page (reviews, commendations,
contests, files), per-unit counts against the yearly target, the replication graph; and the
public showcase of commended models on the citizens' portal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import UserError, http_status
from danvan.core.lists import listing, render_list
from danvan.core.params import to_int, year_param
from danvan.core.scoping import Action, get_object_for_user, user_can
from danvan.core.uploads import download, serve_file
from danvan.orgs.fields import UnitPickForm
from danvan.orgs.models import OrgUnit
from danvan.orgs.pages import unit_in_scope
from danvan.plans.models import Plan, Task

from .counts import (
    YEARLY_TARGET,
    by_field_and_year,
    field_year_chart,
    graph_layout,
    replication_forest,
    rolled_up,
    summary,
    unit_count_chart,
    unit_counts,
)
from .filters import ExemplarFilter
from .forms import (
    CommendationForm,
    ContestForm,
    ExemplarEditForm,
    ExemplarForm,
    ReviewForm,
    plans_of,
    replicas_for,
)
from .models import EvidenceFile, Exemplar, ExemplarField
from .obligations import reviews_due
from .services import (
    EXEMPLAR_FIELDS,
    add_commendation,
    add_contest_entry,
    add_review,
    create_exemplar,
    criteria_for,
    units_where,
    update_exemplar,
)

PAGE_SIZE = 50


@login_required
def exemplar_list(request: HttpRequest) -> HttpResponse:
    """The registry: models in scope by commune (no map), filtered by field, year, replicated
    or commended (the dashboard tile's counts link here with the same filters)."""
    models = Exemplar.objects.visible_to(request.user).select_related("unit", "replicates__unit")
    found = listing(request, ExemplarFilter, models, per_page=PAGE_SIZE)
    context = found.context(can_add=units_where(request.user).exists())
    return render_list(request, "exemplars/list.html", "exemplars/_rows.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_create(request: HttpRequest) -> HttpResponse:
    if not units_where(request.user).exists():
        raise PermissionDenied
    form = ExemplarForm(request.POST or None, request.FILES or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            exemplar = create_exemplar(
                form.cleaned_data["unit"],
                photos=form.cleaned_data["photos"],
                documents=form.cleaned_data["documents"],
                replicates=form.cleaned_data["replicates"],
                **form.exemplar_fields(),
                actor=request.user,
            )
        except UserError as exc:
            form.add_error(None, exc.message)
            status = http_status(exc)
        else:
            messages.success(request, _("The model is registered."))
            return redirect("exemplars:detail", pk=exemplar.pk)
    return render(request, "exemplars/form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a model's record (its unit and files stay; the version guards lost updates)."""
    exemplar = get_object_for_user(Exemplar, request.user, Action.CHANGE, pk=pk)
    initial = {f: getattr(exemplar, f) for f in EXEMPLAR_FIELDS}
    initial.update(plan=exemplar.plan_id, task=exemplar.task_id, version=exemplar.version)
    form = ExemplarEditForm(
        request.POST or None, initial=initial, user=request.user, unit=exemplar.unit
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            update_exemplar(exemplar, version=version, **data, actor=request.user)
        except UserError as exc:
            form.add_error(None, exc.message)
            status = http_status(exc)
        else:
            messages.success(request, _("The model is updated."))
            return redirect("exemplars:detail", pk=exemplar.pk)
    return render(
        request, "exemplars/form.html", {"form": form, "exemplar": exemplar}, status=status
    )


def _detail_context(request: HttpRequest, exemplar: Exemplar) -> dict[str, Any]:
    can_change = user_can(request.user, Exemplar, Action.CHANGE, exemplar)
    visible = Exemplar.objects.visible_to(request.user)
    return {
        "exemplar": exemplar,
        "files": list(exemplar.files.all()),
        "reviews": list(exemplar.reviews.select_related("cycle", "by")),
        "commendations": list(exemplar.commendations.all()),
        "contests": list(exemplar.contests.all()),
        "original_visible": bool(
            exemplar.replicates_id and visible.filter(pk=exemplar.replicates_id).exists()
        ),
        "replications": list(
            visible.filter(replicates=exemplar).select_related("unit").order_by("started_on")
        ),
        "criteria": list(criteria_for(exemplar.unit)),
        "plan_visible": bool(
            exemplar.plan_id
            and Plan.objects.visible_to(request.user).filter(pk=exemplar.plan_id).exists()
        ),
        "task_visible": bool(
            exemplar.task_id
            and Task.objects.visible_to(request.user).filter(pk=exemplar.task_id).exists()
        ),
        "reviews_due": reviews_due(exemplar),
        "today": timezone.localdate(),
        "can_change": can_change,
        "review_form": ReviewForm() if can_change else None,
        "commendation_form": CommendationForm() if can_change else None,
        "contest_form": ContestForm() if can_change else None,
    }


@login_required
def exemplar_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = get_object_for_user(
        Exemplar.objects.select_related("unit", "replicates", "plan", "task"), request.user, pk=pk
    )
    return render(request, "exemplars/detail.html", _detail_context(request, exemplar))


def _post_to_exemplar(
    request: HttpRequest, pk: int, form_class: type, key: str, write: Any, done: str
) -> HttpResponse:
    exemplar = get_object_for_user(
        Exemplar.objects.select_related("unit", "replicates"), request.user, Action.CHANGE, pk=pk
    )
    form = form_class(request.POST)
    if form.is_valid():
        try:
            write(exemplar, actor=request.user, **form.cleaned_data)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done)
            return redirect("exemplars:detail", pk=exemplar.pk)
    context = _detail_context(request, exemplar)
    context[key] = form
    return render(request, "exemplars/detail.html", context, status=400)


@login_required
@require_POST
def review_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_to_exemplar(
        request, pk, ReviewForm, "review_form", add_review, _("The review is recorded.")
    )


@login_required
@require_POST
def commendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_to_exemplar(
        request, pk, CommendationForm, "commendation_form", add_commendation,
        _("The commendation is recorded."),
    )  # fmt: skip


@login_required
@require_POST
def contest_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_to_exemplar(
        request, pk, ContestForm, "contest_form", add_contest_entry,
        _("The contest entry is recorded."),
    )  # fmt: skip


@login_required
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    row = get_object_for_user(EvidenceFile, request.user, pk=pk)
    return serve_file(row.file.open("rb"), filename=row.name, content_type=row.content_type)


def _root(request: HttpRequest) -> OrgUnit:
    """The unit a summary page is about: ``?unit=`` in scope, else the official's own unit."""
    return unit_in_scope(request)


@login_required
def counts(request: HttpRequest) -> HttpResponse:
    """Per unit: new models this year against «at least one a year», and models by field."""
    root = _root(request)
    year = year_param(request) or timezone.localdate().year
    rows = unit_counts(root, year)
    visible = Exemplar.objects.visible_to(request.user)
    area = rolled_up(root, visible)
    context = {
        "root": root,
        "year": year,
        "rows": rows,
        "unit_chart": unit_count_chart(rows, year),
        "field_chart": field_year_chart(by_field_and_year(area)),
        "target": YEARLY_TARGET,
        "missing": sum(1 for r in rows if not r.meets),
        "summary": summary(area, year),
        "pick": _unit_pick(request, root),
    }
    return render(request, "exemplars/counts.html", context)


def _unit_pick(request: HttpRequest, root: OrgUnit) -> UnitPickForm:
    """The chooser of the unit a summary page is about: every unit of the official's scope
    (the first 500 only, before: an administrator could not reach most of the country)."""
    units = (
        OrgUnit.objects.visible_to(request.user)
        .current()
        .filter(kind__in=["province", "commune", "department"])
        .order_by("path")
    )
    return UnitPickForm(units, root)


@login_required
def counts_xlsx(request: HttpRequest) -> HttpResponse:
    """The registry in scope under the unit, and the per-unit counts, as .xlsx."""
    from .exports import registry_xlsx

    root = _root(request)
    year = year_param(request) or timezone.localdate().year
    models = rolled_up(root, Exemplar.objects.visible_to(request.user)).order_by("unit__path")
    return download(
        registry_xlsx(models, root, year), filename=f"mo-hinh-dan-van-kheo-{year}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )  # fmt: skip


@login_required
def replication(request: HttpRequest) -> HttpResponse:
    """Which model replicates which under one unit (server-rendered SVG, with the same as a
    nested list). One unit's area at a time: the whole country is 12,000 boxes (5.7 MB)."""
    root = _root(request)
    forest = replication_forest(rolled_up(root, Exemplar.objects.visible_to(request.user)))
    context = {
        "root": root,
        "pick": _unit_pick(request, root),
        "forest": forest,
        "graph": graph_layout(forest),
    }
    return render(request, "exemplars/replication.html", context)


# --- the citizens' portal -------------------------------------------------------------------


def _public() -> Any:
    return Exemplar.objects.commended().select_related("unit")


def showcase(request: HttpRequest) -> HttpResponse:
    """Commended models, with photos, for everyone (phone-first)."""
    models = _public().prefetch_related("commendations", "files").order_by("-started_on")
    field = request.GET.get("field", "")
    if field in ExemplarField.values:
        models = models.filter(field=field)
    page = Paginator(models, 20).get_page(request.GET.get("page"))
    return render(
        request, "exemplars/showcase.html",
        {"page": page, "field": field, "fields": ExemplarField.choices},
    )  # fmt: skip


def showcase_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _public().filter(pk=pk).first()
    if exemplar is None:
        raise Http404
    return render(
        request, "exemplars/showcase_detail.html",
        {"exemplar": exemplar, "photos": exemplar.files.filter(is_photo=True),
         "commendations": exemplar.commendations.all()},
    )  # fmt: skip


def showcase_photo(request: HttpRequest, pk: int) -> FileResponse:
    """A photo of a commended model (photos only; documents stay inside)."""
    row = EvidenceFile.objects.filter(
        pk=pk, is_photo=True, exemplar__in=_public().values("pk")
    ).first()
    if row is None:
        raise Http404
    return serve_file(row.file.open("rb"), filename=row.name, content_type=row.content_type)


@login_required
def plan_tasks(request: HttpRequest) -> HttpResponse:
    """The task options of the plan chosen in a model's form (HTMX): the tasks of that plan the
    official may see, or none when no plan is chosen."""
    plan_id = to_int(request.GET.get("plan"))
    tasks = (
        Task.objects.visible_to(request.user).filter(plan_id=plan_id).order_by("id")
        if plan_id
        else Task.objects.none()
    )
    return render(request, "exemplars/_task_options.html", {"tasks": tasks})


@login_required
def unit_choices(request: HttpRequest) -> HttpResponse:
    """The plans and the models to replicate that a model of the chosen unit may name (HTMX,
    when the unit changes in a model's form): the plan options, and out of band the models'
    options and an emptied task list."""
    unit_id = to_int(request.GET.get("unit"))
    unit = OrgUnit.objects.visible_to(request.user).filter(pk=unit_id).first() if unit_id else None
    plans = plans_of(Plan.objects.visible_to(request.user).order_by("-year_from", "title"), unit)
    models = replicas_for(
        Exemplar.objects.visible_to(request.user).select_related("unit").order_by("title"), unit
    )
    return render(request, "exemplars/_unit_choices.html", {"plans": plans, "models": models})
