from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from danvan.core.lists import listing, render_list
from danvan.core.scoping import Action, get_object_for_user, permission_name, scope_roots

from .filters import OrgUnitFilter
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
    """The org-unit tree; with a search ("cao bang" finds "Cao Bằng") or a filter, the units
    found, paged."""
    visible = OrgUnit.objects.visible_to(request.user).select_related("parent")
    found = listing(request, OrgUnitFilter, visible, per_page=PAGE_SIZE)
    searching = any(request.GET.get(name) for name in found.filter.filters if name != "sort")
    context = found.context(searching=searching)
    if not searching:
        context["roots"] = _roots(request)
    return render_list(request, "orgs/tree.html", "orgs/_results.html", context)


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


#: Units a search of a unit field lists at most; the official types more to narrow it.
CHOOSE_LIMIT = 50


@login_required
@never_cache
def choose(request: HttpRequest) -> HttpResponse:
    """The options of a long unit field matching what the official typed (orgs.widgets).

    Only units the official may see, existing today, of the kinds the field accepts; the form
    still checks the chosen unit against its own list when it is sent.
    """
    field = request.GET.get("field", "")
    text = (request.GET.get(f"{field}__q") or "").strip()[:100]
    kinds = [k for k in request.GET.get("kinds", "").split(",") if k in OrgUnitKind.values]
    units: list[OrgUnit] = []
    short = len(text) < 2
    if not short:
        found = OrgUnit.objects.visible_to(request.user).current().search(text)
        if kinds:
            found = found.filter(kind__in=kinds)
        units = list(found.order_by("path")[:CHOOSE_LIMIT])
    context = {"units": units, "short": short}
    return render(request, "orgs/widgets/unit_options.html", context)
