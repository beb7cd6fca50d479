"""The registration form renders as many templates for a province of many units as for few:
the unit select (every unit the official may register a model for, thousands for a province's
officials) is written in Python, not through a template per option."""

from __future__ import annotations

import pytest

from danvan.accounts.models import User
from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import Tree, signed_in

pytestmark = pytest.mark.django_db


def test_the_unit_select_renders_no_template_per_unit(tree: Tree, province_officer: User) -> None:
    client = signed_in(province_officer)
    few = client.get("/exemplars/new/")
    assert few.status_code == 200
    for n in range(8):
        OrgUnitFactory.create(name=f"Xã Thêm {n}", parent=tree.province)
    many = client.get("/exemplars/new/")
    page = many.content.decode()
    assert all(f">Xã Thêm {n}</option>" in page for n in range(8))
    assert len(many.templates) == len(few.templates)


def test_the_task_list_holds_the_chosen_plans_tasks(tree: Tree, province_officer: User) -> None:
    """A province's officials see thousands of tasks: the form lists those of the chosen plan,
    reloaded when the plan changes, and a sent form still accepts any task they may see."""
    import datetime as dt

    from danvan.plans.models import Plan, Task

    plans = [
        Plan.objects.create(
            owner=tree.province, title=f"Kế hoạch {n}", year_from=2026, year_to=2026
        )
        for n in range(2)
    ]
    tasks = [
        Task.objects.create(
            plan=plan,
            title=f"Nhiệm vụ {plan.pk}-{n}",
            lead_unit=tree.commune,
            due_on=dt.date(2026, 12, 1),
        )  # fmt: skip
        for plan in plans
        for n in range(3)
    ]
    other = Plan.objects.create(
        owner=tree.other_province, title="Của tỉnh khác", year_from=2026, year_to=2026
    )
    hidden = Task.objects.create(plan=other, title="Không được thấy", lead_unit=tree.other_province,
                                 due_on=dt.date(2026, 12, 1))  # fmt: skip
    client = signed_in(province_officer)
    page = client.get("/exemplars/new/").content.decode()
    select = page.split('name="task"', 1)[1].split("</select>", 1)[0]
    assert "Nhiệm vụ" not in select  # no plan chosen yet: no task listed
    assert 'hx-get="/exemplars/plan-tasks/"' in page
    options = client.get(f"/exemplars/plan-tasks/?plan={plans[1].pk}").content.decode()
    assert all(f'value="{t.pk}"' in options for t in tasks[3:])
    assert not any(f'value="{t.pk}"' in options for t in tasks[:3])
    assert f'value="{hidden.pk}"' not in client.get(f"/exemplars/plan-tasks/?plan={other.pk}").text
    assert client.get("/exemplars/plan-tasks/?plan=abc").status_code == 200
    # A sent form that fails comes back with the chosen plan's tasks only.
    back = client.post(
        "/exemplars/new/", {"plan": plans[0].pk, "task": tasks[0].pk}
    ).content.decode()
    select = back.split('name="task"', 1)[1].split("</select>", 1)[0]
    assert f'value="{tasks[0].pk}" selected' in select
    assert f'value="{tasks[3].pk}"' not in select


def test_replication_shows_one_units_area_chosen_among_the_whole_scope(
    tree: Tree,
    province_officer: User,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    """The whole country's replication graph is 12,000 boxes: the page shows one unit's area,
    the official's own by default, and the unit is chosen among every unit of the scope (the
    counts page listed only the first 500 before)."""
    from danvan.exemplars.tests.support import make_exemplar

    original = make_exemplar(tree.commune, title="Gốc ở Hòa Bình")
    make_exemplar(tree.commune, title="Nhân rộng ở Hòa Bình", replicates=original)
    elsewhere = make_exemplar(tree.other_commune, title="Gốc ở Tân Lập")
    make_exemplar(tree.other_commune, title="Nhân rộng ở Tân Lập", replicates=elsewhere)
    client = signed_in(province_officer)
    whole = client.get("/exemplars/replication/").content.decode()
    assert "Gốc ở Hòa Bình" in whole and "Gốc ở Tân Lập" in whole
    one = client.get(f"/exemplars/replication/?unit={tree.commune.pk}").content.decode()
    assert "Gốc ở Hòa Bình" in one and "Gốc ở Tân Lập" not in one
    settings.UNIT_SELECT_MAX_OPTIONS = 2
    for url in ("/exemplars/replication/", "/exemplars/counts/"):
        page = client.get(url).content.decode()
        assert 'name="unit__q"' in page, url
