"""The one way to filter, sort and page a list (``core.lists``), on pages and in the API."""

from __future__ import annotations

import re

import django_filters
import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory

from danvan.core.lists import (
    MAX_PAGE_SIZE,
    ListFilterSet,
    Sort,
    YearFilter,
    filter_schema,
    listing,
)
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import Tree, official, signed_in
from danvan.testing.lists import pages, total

pytestmark = pytest.mark.django_db


class UnitFilter(ListFilterSet):
    kind = django_filters.ChoiceFilter(label="Loại", choices=OrgUnitKind.choices)
    name = django_filters.CharFilter(label="Tên", lookup_expr="icontains", max_length=50)
    year = YearFilter("valid_from")

    sort_fields = {"name": Sort("Tên", ("name",)), "kind": Sort("Loại", ("kind", "name"))}
    default_sort = ("path",)


def _communes(tree: Tree, n: int) -> list[OrgUnit]:
    return [
        OrgUnitFactory.create(
            name=f"Xã Số {i:02d}", kind="commune", key=f"w8{i:04d}x", parent=tree.province
        )  # fmt: skip
        for i in range(n)
    ]


def _list(query: str, per_page: int = 5) -> tuple[ListFilterSet, list[str]]:
    request = RequestFactory().get("/x/" + query)
    found = listing(request, UnitFilter, OrgUnit.objects.all(), per_page=per_page)
    return found.filter, [u.name for u in found.page.object_list]


def test_filters_sort_and_pages(tree: Tree) -> None:
    _communes(tree, 12)
    fs, names = _list("?kind=commune&name=S%E1%BB%91&sort=-name")
    assert names == [f"Xã Số {i:02d}" for i in range(11, 6, -1)]
    assert fs.sort == "-name" and not fs.problems
    # The last page, and a page past the end gives the last page, not an error.
    _fs, last = _list("?kind=commune&name=S%E1%BB%91&sort=name&page=3")
    assert last == ["Xã Số 10", "Xã Số 11"]
    assert _list("?kind=commune&name=S%E1%BB%91&sort=name&page=999")[1] == last
    # The page size is bounded; a page size that is no number is the default.
    request = RequestFactory().get("/x/?per_page=100000")
    assert listing(request, UnitFilter, OrgUnit.objects.all()).page.paginator.per_page == (
        MAX_PAGE_SIZE
    )
    assert len(_list("?per_page=abc&page=%00")[1]) == 5


def test_a_bad_value_is_ignored_and_named_never_an_error(tree: Tree) -> None:
    _communes(tree, 3)
    everything = OrgUnit.objects.count()
    request = RequestFactory().get("/x/?kind=planet&year=abc&sort=password&name=" + "x" * 60)
    found = listing(request, UnitFilter, OrgUnit.objects.all(), per_page=100)
    assert found.count == everything  # every filter dropped
    assert [u.pk for u in found.page.object_list] == list(
        OrgUnit.objects.order_by("path", "pk").values_list("pk", flat=True)
    )  # the default order, not the asked-for field
    problems = " ".join(found.filter.problems)
    assert "Loại" in problems and "Năm" in problems and "Tên" in problems
    assert "Sắp xếp" in problems  # the sort names only declared fields


def test_the_pager_keeps_the_filters_and_targets_the_results(tree: Tree) -> None:
    _communes(tree, 12)
    request = RequestFactory().get("/x/?kind=commune&sort=name&page=2")
    found = listing(request, UnitFilter, OrgUnit.objects.all(), per_page=5)
    html = Template('{% include "includes/pager.html" with page=page target="#r" %}').render(
        RequestContext(request, {"page": found.page})
    )
    communes = OrgUnit.objects.filter(kind="commune").count()  # the tree's 2 and these 12
    assert f'data-total="{communes}"' in html and "Trang 2/3" in html
    nxt = re.search(r'<a rel="next" href="([^"]+)"', html)
    assert nxt and nxt.group(1).replace("&amp;", "&") == "?kind=commune&sort=name&page=3"
    assert 'hx-target="#r"' in html and 'hx-select="#r"' in html


def test_a_sort_header_toggles_and_returns_to_the_first_page(tree: Tree) -> None:
    request = RequestFactory().get("/x/?kind=commune&sort=name&page=2")
    found = listing(request, UnitFilter, OrgUnit.objects.all())
    html = Template('{% load lists %}{% sort_header filter "name" %}').render(
        RequestContext(request, {"filter": found.filter})
    )
    assert 'aria-sort="ascending"' in html and "sort=-name" in html and "page=" not in html


def test_the_api_schema_is_the_filterset() -> None:
    schema = filter_schema(UnitFilter).model_json_schema()
    assert set(schema["properties"]) == {"kind", "name", "year", "sort"}
    sorts = schema["properties"]["sort"]["anyOf"][0]["enum"]
    assert sorts == ["name", "-name", "kind", "-kind"]


def test_an_api_list_answers_one_shape_and_refuses_bad_filters(tree: Tree) -> None:
    _communes(tree, 7)
    client = signed_in(official("officer", tree.province))
    body = client.get("/api/v1/org-units/?kind=commune&sort=-name&limit=3&offset=3").json()
    assert set(body) == {"items", "count", "limit", "offset"}
    assert body["count"] == total_communes(tree) and (body["limit"], body["offset"]) == (3, 3)
    assert [u["name"] for u in body["items"]] == sorted(
        OrgUnit.objects.filter(kind="commune", path__startswith=tree.province.path).values_list(
            "name", flat=True
        ),
        reverse=True,
    )[3:6]
    assert client.get("/api/v1/org-units/?sort=password").status_code == 422
    assert client.get("/api/v1/org-units/?kind=planet").status_code == 422
    assert client.get("/api/v1/org-units/?limit=100000").status_code == 422
    # A value of the right type the FilterSet refuses (no plan of that id in the list) is a
    # 400 with a Vietnamese message, as on every other refusal of the API.
    refused = client.get("/api/v1/plans/obligations?plan=999999")
    assert refused.status_code == 400 and "Bộ lọc không hợp lệ" in refused.json()["detail"]


def total_communes(tree: Tree) -> int:
    return OrgUnit.objects.filter(kind="commune", path__startswith=tree.province.path).count()


def test_a_list_page_pages_to_the_end_with_its_filters(tree: Tree) -> None:
    _communes(tree, 12)
    client = signed_in(official("officer", tree.province))
    seen = pages(client, "/orgs/?kind=commune&per_page=5&sort=name")
    assert len(seen) == 3 and total(seen[0]) == total_communes(tree)
    names = [n for html in seen for n in re.findall(r">(Xã Số \d\d)</a>", html)]
    assert names == [f"Xã Số {i:02d}" for i in range(12)]
    # HTMX asks for the results only: the partial, still holding the element it swaps.
    partial = client.get("/orgs/?kind=commune", HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="org-results"') and "<html" not in partial
