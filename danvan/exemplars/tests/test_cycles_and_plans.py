"""Sơ kết / tổng kết reminders from the review cycles' data; the plan (and task) a model serves
as a real link the unit may see; the counts page drawn by outputs.charts with its table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from danvan.accounts.models import Role, User
from danvan.core.errors import UserError
from danvan.core.obligations import remind
from danvan.exemplars.models import Exemplar, Review, ReviewCycle
from danvan.exemplars.obligations import owed_reviews, reviews_due
from danvan.exemplars.services import create_exemplar, update_exemplar
from danvan.notifications.models import Notification
from danvan.plans.models import ImplementationObligation, Plan, Task
from danvan.testing.fixtures import Tree, official, signed_in

from .support import make_exemplar

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _no_two_factor(db: None) -> None:
    Role.objects.update(require_two_factor=False)


def _cycle(code: str) -> ReviewCycle:
    return ReviewCycle.objects.get(code=code)


def _review(exemplar: Exemplar, code: str, day: dt.date) -> Review:
    return Review.objects.create(
        exemplar=exemplar, cycle=_cycle(code), reviewed_on=day, effectiveness="good",
        assessment="Hiệu quả",
    )  # fmt: skip


def test_the_cycles_are_data_with_their_basis() -> None:
    so_ket, tong_ket, yearly = _cycle("so-ket"), _cycle("tong-ket"), _cycle("hang-nam")
    assert (so_ket.years, so_ket.reminded) == (3, True)
    assert (tong_ket.years, tong_ket.reminded) == (5, True)
    assert not yearly.reminded
    assert "2–3 năm" in so_ket.basis and "chưa đối chiếu" in so_ket.basis


def test_a_model_owes_its_so_ket_and_tong_ket_counted_from_its_last_review(tree: Tree) -> None:
    exemplar = make_exemplar(tree.commune, dt.date(2021, 3, 1))
    due = {d.cycle.code: d.due_on for d in reviews_due(exemplar)}
    assert due == {"so-ket": dt.date(2024, 3, 1), "tong-ket": dt.date(2026, 3, 1)}
    _review(exemplar, "so-ket", dt.date(2024, 2, 10))
    _review(exemplar, "hang-nam", dt.date(2025, 2, 10))  # a yearly review moves neither
    owing = {d.cycle.code: d for d in reviews_due(exemplar)}
    assert owing["so-ket"].due_on == dt.date(2027, 2, 10) and not owing["so-ket"].overdue(TODAY)
    assert owing["tong-ket"].due_on == dt.date(2026, 3, 1) and owing["tong-ket"].overdue(TODAY)
    _review(exemplar, "tong-ket", dt.date(2026, 4, 1))  # a tổng kết also counts as a sơ kết
    due = {d.cycle.code: d.due_on for d in reviews_due(exemplar)}
    assert due == {"so-ket": dt.date(2029, 4, 1), "tong-ket": dt.date(2031, 4, 1)}


def test_a_model_due_for_its_so_ket_is_reminded_once_and_shows_overdue(tree: Tree) -> None:
    late = make_exemplar(tree.commune, dt.date(2023, 11, 2))  # sơ kết due 2/11/2026: overdue
    soon = make_exemplar(tree.commune, dt.date(2023, 12, 10))  # due 10/12/2026: in 20 days
    make_exemplar(tree.commune, dt.date(2025, 1, 1))  # nothing owed for years
    owed = list(owed_reviews(dt.date(2026, 9, 1), dt.date(2026, 12, 31)))
    assert sorted(o.item_key for o in owed) == sorted([f"{late.pk}:so-ket", f"{soon.pk}:so-ket"])
    assert {o.due_on for o in owed} == {dt.date(2026, 11, 2), dt.date(2026, 12, 10)}
    officer = official("officer", tree.commune, username="xa.so.ket")
    assert remind(TODAY, only=["exemplars.review"])["exemplars.review"] == 2
    assert remind(TODAY, only=["exemplars.review"])["exemplars.review"] == 0  # once
    keys = set(Notification.objects.filter(recipient=officer).values_list("key", flat=True))
    assert any(f"exemplars.review:{late.pk}:so-ket:20261102:overdue" in k for k in keys), keys
    page = signed_in(officer).get(f"/exemplars/{late.pk}/").content.decode()
    assert "Sơ kết (2–3 năm): hạn đến 02/11/2026" in page and "quá hạn" in page


def _plan(owner, number: str = "", title: str = "Kế hoạch dân vận chính quyền 2026") -> Plan:
    return Plan.objects.create(
        owner=owner, number=number, title=title, year_from=2026, year_to=2026
    )


def test_a_model_links_a_plan_the_unit_may_see(tree: Tree, commune_officer: User) -> None:
    own = _plan(tree.commune)
    task = Task.objects.create(plan=own, title="Làm đường", lead_unit=tree.commune,
                               due_on=dt.date(2026, 12, 1))  # fmt: skip
    fields: dict[str, Any] = {
        "title": "Tổ tự quản",
        "field": "economy",
        "started_on": dt.date(2026, 2, 1),
    }
    exemplar = create_exemplar(
        tree.commune, task=task, serves="Phần việc của Hội Nông dân", today=TODAY,
        actor=commune_officer, **fields,
    )  # fmt: skip
    assert (exemplar.plan, exemplar.task, exemplar.serves) == (
        own,
        task,
        "Phần việc của Hội Nông dân",
    )
    # The province's plan is read by the commune once it is addressed to it.
    above = _plan(tree.province, title="Kế hoạch của tỉnh")
    neighbour = _plan(tree.other_commune, title="Kế hoạch của xã Tân Lập")
    with pytest.raises(UserError, match="Không tìm thấy kế hoạch"):
        create_exemplar(tree.commune, plan=above, today=TODAY, actor=commune_officer, **fields)
    province_officer = official("officer", tree.province, username="tinh.dv")
    with pytest.raises(UserError, match="không thuộc phạm vi của Ủy ban nhân dân xã Hòa Bình"):
        create_exemplar(tree.commune, plan=neighbour, today=TODAY, actor=province_officer, **fields)
    with pytest.raises(UserError, match="không thuộc kế hoạch"):
        create_exemplar(
            tree.commune, plan=above, task=task, today=TODAY, actor=province_officer, **fields
        )
    assert Exemplar.objects.count() == 1
    ImplementationObligation.objects.create(
        plan=above, unit=tree.commune, holder=tree.commune, due_on=dt.date(2026, 3, 1)
    )
    linked = update_exemplar(
        exemplar, version=exemplar.version, plan=above, task=None, actor=commune_officer
    )
    assert (linked.plan, linked.task, linked.serves) == (above, None, "Phần việc của Hội Nông dân")


def test_the_old_free_text_is_linked_when_it_names_one_plan(tree: Tree) -> None:
    from importlib import import_module

    migration = import_module("danvan.exemplars.migrations.0004_cycle_reminders_bases_plan_links")
    plan = _plan(tree.province, number="512/KH-UBND")
    _plan(tree.other_province, number="77/KH-UBND")
    _plan(tree.commune, number="77/KH-UBND")
    named = make_exemplar(tree.commune, serves="Thực hiện Kế hoạch số 512/KH-UBND của tỉnh")
    other_area = make_exemplar(tree.other_commune, serves="Theo kế hoạch 999/KH-UBND")
    migration.link_plans(apps)
    named.refresh_from_db()
    other_area.refresh_from_db()
    assert named.plan == plan and named.serves == "Thực hiện Kế hoạch số 512/KH-UBND của tỉnh"
    assert other_area.plan is None and other_area.serves == "Theo kế hoạch 999/KH-UBND"


def test_the_plan_shows_as_a_link_only_to_who_may_follow_it(tree: Tree) -> None:
    plan = _plan(tree.province, title="Kế hoạch của tỉnh về dân vận chính quyền")
    addressed = ImplementationObligation.objects.create(
        plan=plan, unit=tree.commune, holder=tree.commune, due_on=dt.date(2026, 3, 1)
    )
    exemplar = make_exemplar(tree.commune, plan=plan)
    commune = signed_in(official("officer", tree.commune, username="xa.doc"))
    page = commune.get(f"/exemplars/{exemplar.pk}/").content.decode()
    assert f'href="/plans/{plan.pk}/"' in page
    addressed.delete()  # the plan no longer concerns the commune: its title stays, unlinked
    page = commune.get(f"/exemplars/{exemplar.pk}/").content.decode()
    assert plan.title in page and f'href="/plans/{plan.pk}/"' not in page


def test_the_counts_page_draws_its_charts_with_the_kernel(
    tree: Tree, province_officer: User
) -> None:
    make_exemplar(tree.commune, dt.date(2025, 5, 1))
    make_exemplar(tree.commune, dt.date(2026, 5, 1), field="political_system")
    make_exemplar(tree.other_commune, dt.date(2026, 6, 1), field="political_system")
    client: Client = signed_in(province_officer)
    page = client.get(f"/exemplars/counts/?unit={tree.province.pk}&year=2026").content.decode()
    assert page.count('<figure class="chart-figure">') == 2
    assert "<svg" in page and "<script" not in page[page.index("<main") :]
    table = page[page.index('class="table chart-table"') :]
    table = table[: table.index("</table>")]
    assert '<th scope="col">2025</th><th scope="col">2026</th><th scope="col">Tổng</th>' in table
    assert (
        '<th scope="row">Xây dựng hệ thống chính trị</th><td class="num">0</td><td class="num">2</td><td class="num">2</td>'
        in table
    )
