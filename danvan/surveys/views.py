"""Officer pages of surveys: list, build, publish, poster, index, comparison, export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import UserError, http_status
from danvan.core.lists import listing, render_list
from danvan.core.params import int_param, year_param
from danvan.core.scoping import Action, get_object_for_user, user_can
from danvan.core.uploads import download

from . import exports, services
from .filters import QuestionnaireFilter
from .forms import QuestionForm, QuestionnaireForm, units_for
from .index import by_owner, compute, primary_formula
from .models import IndexFormula, Questionnaire

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    """Questionnaires of the official's scope, filtered (year, status) and paged by core.lists:
    the surveys tile's counts link here with the same filters."""
    visible = Questionnaire.objects.visible_to(request.user).select_related("owner")
    found = listing(request, QuestionnaireFilter, visible)
    formula = primary_formula()
    figures = by_owner(found.filter.qs, formula) if formula else {}
    context = found.context(
        figures=figures, formula=formula, can_add=units_for(request.user).exists()
    )
    return render_list(request, "surveys/list.html", "surveys/_questionnaire_rows.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_create(request: HttpRequest) -> HttpResponse:
    if not units_for(request.user).exists():
        raise PermissionDenied
    form = QuestionnaireForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.create_questionnaire(**form.cleaned_data, actor=request.user)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The questionnaire is created. Check it, then open it."))
            return redirect("surveys:detail", pk=questionnaire.pk)
    return render(request, "surveys/form.html", {"form": form})


def _public_url(request: HttpRequest, questionnaire: Questionnaire) -> str:
    return request.build_absolute_uri(
        reverse("surveys_public:answer", args=[questionnaire.public_key])
    )


def _detail(request: HttpRequest, questionnaire: Questionnaire, **extra: Any) -> dict[str, Any]:
    can_change = user_can(request.user, Questionnaire, Action.CHANGE, questionnaire)
    frozen = services.has_answers(questionnaire)
    groups = list(questionnaire.groups.prefetch_related("questions__show_if").order_by("position"))
    context = {
        "q": questionnaire,
        "groups": groups,
        "can_change": can_change,
        "can_add": user_can(request.user, Questionnaire, Action.ADD, questionnaire),
        "frozen": frozen,
        "answers": questionnaire.responses.count(),
        "public_url": _public_url(request, questionnaire),
        "question_form": (
            QuestionForm(questionnaire=questionnaire) if can_change and not frozen else None
        ),
        "editions": list(
            Questionnaire.objects.visible_to(request.user)
            .filter(owner=questionnaire.owner, year=questionnaire.year, title=questionnaire.title)
            .exclude(pk=questionnaire.pk)
            .order_by("edition")
        ),
    }
    context.update(extra)
    return context


@login_required
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_for_user(
        Questionnaire.objects.select_related("owner", "template"), request.user, pk=pk
    )
    return render(request, "surveys/detail.html", _detail(request, questionnaire))


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_for_user(
        Questionnaire.objects.select_related("owner"), request.user, Action.CHANGE, pk=pk
    )
    form = QuestionForm(request.POST, questionnaire=questionnaire)
    if form.is_valid():
        try:
            services.add_question(
                questionnaire, form.cleaned_data["group"], form.spec(), actor=request.user
            )
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The question is added."))
            return redirect("surveys:detail", pk=pk)
    context = _detail(request, questionnaire, question_form=form)
    return render(request, "surveys/detail.html", context, status=400)


@login_required
@require_POST
def questionnaire_status(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_for_user(
        Questionnaire.objects.select_related("owner"), request.user, Action.CHANGE, pk=pk
    )
    try:
        services.set_status(
            questionnaire,
            request.POST.get("status", ""),
            request.POST.get("version"),
            actor=request.user,
        )
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Changes saved."))
    return redirect("surveys:detail", pk=pk)


@login_required
@require_POST
def questionnaire_edition(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_for_user(
        Questionnaire.objects.select_related("owner"), request.user, Action.ADD, pk=pk
    )
    try:
        copy = services.new_edition(questionnaire, actor=request.user)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("surveys:detail", pk=pk)
    messages.success(request, _("A new edition is created; the previous one is closed."))
    return redirect("surveys:detail", pk=copy.pk)


@login_required
def poster(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable A4 poster: the unit, the question, the QR code and the link (SVG, offline)."""
    questionnaire = get_object_for_user(
        Questionnaire.objects.select_related("owner"), request.user, pk=pk
    )
    import segno  # imported here: only the poster needs it

    url = _public_url(request, questionnaire)
    svg = segno.make(url, error="m").svg_inline(scale=8, dark="#000", light="#fff")
    return render(
        request,
        "surveys/poster.html",
        {"q": questionnaire, "url": url, "qr_svg": mark_safe(svg)},  # noqa: S308  (segno's own markup)
    )


def _formula(request: HttpRequest) -> IndexFormula | None:
    chosen = int_param(request, "formula")
    if chosen is not None:
        found = IndexFormula.objects.filter(pk=chosen).first()
        if found is not None:
            return found
    return primary_formula()


@login_required
def index_page(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_for_user(
        Questionnaire.objects.select_related("owner"), request.user, pk=pk
    )
    formula = _formula(request)
    if formula is None:
        raise Http404
    same_unit_year = Questionnaire.objects.filter(
        owner=questionnaire.owner, year=questionnaire.year
    )
    return render(
        request,
        "surveys/index.html",
        {
            "q": questionnaire,
            "formula": formula,
            "formulas": IndexFormula.objects.all(),
            "result": compute(same_unit_year, formula),
        },
    )


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    """The overall index of every unit in scope for a year, and the year before."""
    year = year_param(request) or timezone.localdate().year
    formula = _formula(request)
    visible = Questionnaire.objects.visible_to(request.user)
    this_year = by_owner(visible.filter(year=year), formula) if formula else {}
    last_year = by_owner(visible.filter(year=year - 1), formula) if formula else {}
    from danvan.orgs.models import OrgUnit

    units = OrgUnit.objects.filter(pk__in=set(this_year) | set(last_year)).order_by("path")
    rows = [
        {"unit": u, "value": this_year.get(u.pk), "previous": last_year.get(u.pk)} for u in units
    ]
    rows.sort(key=lambda r: (r["value"] is None, -(r["value"] or 0)))  # type: ignore[operator]
    return render(
        request,
        "surveys/compare.html",
        {"rows": rows, "year": year, "formula": formula, "formulas": IndexFormula.objects.all()},
    )


@login_required
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_for_user(
        Questionnaire.objects.select_related("owner"), request.user, pk=pk
    )
    body = exports.questionnaire_xlsx(questionnaire)
    return download(body, filename=f"khao-sat-{questionnaire.pk}.xlsx", content_type=XLSX)


__all__ = ["http_status"]
