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


def test_the_plan_and_model_lists_follow_the_chosen_unit(
    tree: Tree, province_officer: User
) -> None:
    """The country's administrators see 21,577 plans and 33,000 models: the form lists the
    plans of the model's unit and the models of its province, reloaded when the unit changes."""
    from danvan.exemplars.tests.support import make_exemplar
    from danvan.plans.models import Plan

    own = Plan.objects.create(
        owner=tree.province, title="Kế hoạch của tỉnh", year_from=2026, year_to=2026
    )
    commune_plan = Plan.objects.create(
        owner=tree.commune, title="Kế hoạch của xã Hòa Bình", year_from=2026, year_to=2026
    )
    other = Plan.objects.create(
        owner=tree.other_province, title="Kế hoạch tỉnh khác", year_from=2026, year_to=2026
    )
    here = make_exemplar(tree.commune, title="Mô hình trong tỉnh")
    there = make_exemplar(tree.other_province, title="Mô hình tỉnh khác")
    client = signed_in(province_officer)
    page = client.get("/exemplars/new/").content.decode()  # the officer's own unit: the province
    plan_select = page.split('name="plan"', 1)[1].split("</select>", 1)[0]
    assert f'value="{own.pk}"' in plan_select and f'value="{other.pk}"' not in plan_select
    models = page.split('name="replicates"', 1)[1].split("</select>", 1)[0]
    assert f'value="{here.pk}"' in models and f'value="{there.pk}"' not in models
    assert 'hx-get="/exemplars/unit-choices/"' in page
    choices = client.get(f"/exemplars/unit-choices/?unit={tree.commune.pk}").content.decode()
    plans_part, oob = choices.split('<select id="id_replicates"', 1)
    assert f'value="{commune_plan.pk}"' in plans_part and f'value="{other.pk}"' not in plans_part
    assert f'value="{here.pk}"' in oob and f'value="{there.pk}"' not in oob
    assert 'id="id_task" hx-swap-oob="innerHTML"' in choices
    # A unit outside the officer's scope lists nothing.
    outside = client.get(f"/exemplars/unit-choices/?unit={tree.other_province.pk}").content.decode()
    assert f'value="{other.pk}"' not in outside and f'value="{there.pk}"' not in outside
