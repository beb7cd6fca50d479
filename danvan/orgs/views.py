from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.core.params import search_text
from danvan.core.scoping import Action, get_object_for_user, permission_name, scope_roots

from .models import OrgUnit, OrgUnitKind
from .services import history_of_unit, successors_of

PAGE_SIZE = 100


def _roots(request: HttpRequest) -> list[OrgUnit]:
    """The highest units the official can see (the roots of their scope), in tree order."""
    roots = scope_roots(request.user, permission_name(OrgUnit, Action.VIEW))
    qs = OrgUnit.objects.annotate(
        n_children=Count("children", filter=Q(children__valid_to__isnull=True))
    )
    if roots is None:
        return list(qs.filter(parent__isnull=True).order_by("name"))
    paths = sorted({r.path for r in roots})
    top = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return list(qs.filter(path__in=top).order_by("path"))


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    """The org-unit tree with accent-insensitive search ("cao bang" finds "Cao Bằng")."""
    query = search_text(request)
    kind = request.GET.get("kind", "")
    context: dict[str, object] = {"query": query, "kind": kind}
    if query or kind:
        results = OrgUnit.objects.visible_to(request.user).select_related("parent")
        if query:
            results = results.search(query)
        if kind:
            results = results.filter(kind=kind)
        page = Paginator(results.order_by("path"), PAGE_SIZE).get_page(request.GET.get("page"))
        context["page"] = page
    else:
        context["roots"] = _roots(request)
    template = "orgs/_results.html" if request.htmx else "orgs/tree.html"  # type: ignore[attr-defined]
    context["kinds"] = OrgUnitKind.choices
    return render(request, template, context)


@login_required
def children(request: HttpRequest, pk: int) -> HttpResponse:
    """The children of a unit, loaded into the tree by HTMX when it is opened."""
    unit = get_object_for_user(OrgUnit, request.user, pk=pk)
    kids = (
        OrgUnit.objects.visible_to(request.user)
        .filter(parent=unit)
        .annotate(n_children=Count("children", filter=Q(children__valid_to__isnull=True)))
        .order_by("kind", "name")
    )
    return render(request, "orgs/_children.html", {"unit": unit, "children": kids})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_for_user(OrgUnit.objects.select_related("parent"), request.user, pk=pk)
    context = {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "children": OrgUnit.objects.visible_to(request.user)
        .filter(parent=unit)
        .order_by("kind", "name"),
        "events": history_of_unit(unit),
        "successors": [] if unit.valid_to is None else successors_of(unit),
    }
    return render(request, "orgs/detail.html", context)
