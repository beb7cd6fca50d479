"""Edit pages of training classes and inspection plans (forms → services with the acting
official, the version read, scope; links only where they may be followed), as a matrix of
roles inside and outside the scope; the API's PUT; the open-findings dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from danvan.accounts.models import Role, RoleCode, User
from danvan.core.audit import SYSTEM
from danvan.inspections.models import InspectionPlan
from danvan.inspections.tests import matrix as inspections_matrix
from danvan.orgs.models import OrgUnit
from danvan.orgs.services import record_succession
from danvan.plans.models import Plan
from danvan.testing.fixtures import Tree, official, signed_in
from danvan.training.models import TrainingClass
from danvan.training.tests import matrix as training_matrix
from danvan.training.tests.support import make_training

from .support import make_finding, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(db: None) -> None:
    Role.objects.update(require_two_factor=False)


def _training_form(training: TrainingClass, **kw: object) -> dict[str, object]:
    data: dict[str, object] = {
        "version": training.version, "topic": "Kỹ năng dân vận khéo", "starts_on": "2026-04-02",
        "ends_on": "2026-04-03", "place": "Hội trường UBND tỉnh", "trainers": "", "materials": "",
    }  # fmt: skip
    data.update(kw)
    return data


def _plan_form(plan: InspectionPlan, **kw: object) -> dict[str, object]:
    data: dict[str, object] = {"version": plan.version, "year": plan.year,
                               "title": "Kế hoạch kiểm tra (sửa)", "basis": "QĐ 23-QĐ/TW"}  # fmt: skip
    data.update(kw)
    return data


@pytest.mark.parametrize("role", [r.value for r in RoleCode])
@pytest.mark.parametrize("inside", [True, False], ids=["inside", "outside"])
def test_edit_pages_follow_the_permission_matrix(tree: Tree, role: str, inside: bool) -> None:
    """Each role, inside and outside its scope: the edit page opens and saves only for those
    the matrix lets write; the links to it show only for them; nothing else is written."""
    training = make_training(tree.province)
    plan = make_round(tree.province).plan
    home = tree.province if inside else tree.other_province
    client = signed_in(official(role, home, username=f"m.{role}.{inside}"))
    cases = (
        (training, training_matrix.EXPECTED[role][TrainingClass], "/training/{}/",
         "/training/{}/edit/", _training_form(training), "/training/", "topic",
         "Kỹ năng dân vận khéo"),
        (plan, inspections_matrix.EXPECTED[role][InspectionPlan], "/inspections/plans/{}/",
         "/inspections/plans/{}/edit/", _plan_form(plan), "/inspections/", "title",
         "Kế hoạch kiểm tra (sửa)"),
    )  # fmt: skip
    for obj, (reads, writes), detail, edit, form, listing, field, new in cases:
        allowed = inside and writes
        edit_url, before = edit.format(obj.pk), getattr(obj, field)
        assert client.get(edit_url).status_code == (200 if allowed else 404), (role, edit_url)
        shown = client.get(detail.format(obj.pk))
        assert shown.status_code == (200 if inside and reads else 404)
        assert (f'href="{edit_url}"' in shown.content.decode()) is allowed
        assert (f'href="{edit_url}"' in client.get(listing).content.decode()) is allowed
        response = client.post(edit_url, form)
        obj.refresh_from_db()
        if allowed:
            assert response.status_code == 302 and getattr(obj, field) == new
            assert obj.version == 2
        else:
            assert response.status_code == 404 and getattr(obj, field) == before


def test_a_stale_page_or_bad_input_is_refused_with_a_clear_message(
    tree: Tree, province_officer: User
) -> None:
    client = signed_in(province_officer)
    training = make_training(tree.province)
    url = f"/training/{training.pk}/edit/"
    assert client.post(url, _training_form(training)).status_code == 302
    stale = client.post(url, _training_form(training, topic="Chủ đề khác"))  # version 1 again
    assert stale.status_code == 409
    assert "Lớp tập huấn vừa được người khác cập nhật" in stale.content.decode()
    training.refresh_from_db()
    backwards = client.post(url, _training_form(training, ends_on="2026-04-01"))
    assert backwards.status_code == 400
    assert "Ngày kết thúc lớp tập huấn không được trước ngày bắt đầu" in backwards.content.decode()
    training.refresh_from_db()
    assert (training.topic, training.version) == ("Kỹ năng dân vận khéo", 2)

    round_ = make_round(tree.province, tree.commune)  # rounds in May 2026
    plan = round_.plan
    url = f"/inspections/plans/{plan.pk}/edit/"
    moved = client.post(url, _plan_form(plan, year=2027))
    assert moved.status_code == 400 and "ngoài năm 2027" in moved.content.decode()
    assert client.post(url, _plan_form(plan)).status_code == 302
    stale = client.post(url, _plan_form(plan, title="Khác"))
    assert stale.status_code == 409
    assert "Kế hoạch kiểm tra vừa được người khác cập nhật" in stale.content.decode()
    plan.refresh_from_db()
    assert (plan.title, plan.year, plan.version) == ("Kế hoạch kiểm tra (sửa)", 2026, 2)


def test_put_over_the_api_with_the_version_read(
    client: Client, tree: Tree, province_officer: User, outsider: User
) -> None:
    training = make_training(tree.province)
    plan = make_round(tree.province).plan
    client.force_login(province_officer)
    body = {"version": 1, "topic": "Chủ đề mới", "starts_on": "2026-04-02",
            "ends_on": "2026-04-03", "place": "Hội trường"}  # fmt: skip
    url = f"/api/v1/training/{training.pk}"
    done = client.put(url, body, content_type="application/json")
    assert done.status_code == 200 and done.json()["version"] == 2, done.content
    assert client.put(url, body, content_type="application/json").status_code == 409
    url = f"/api/v1/inspections/plans/{plan.pk}"
    body = {"version": 1, "year": 2026, "title": "Kế hoạch mới"}
    done = client.put(url, body, content_type="application/json")
    assert done.status_code == 200 and done.json()["version"] == 2, done.content
    assert client.put(url, body, content_type="application/json").status_code == 409
    client.force_login(outsider)
    assert (
        client.put(url, {**body, "version": 2}, content_type="application/json").status_code == 404
    )
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch mới"


def test_the_serving_plan_over_the_api(client: Client, tree: Tree, commune_officer: User) -> None:
    own = Plan.objects.create(owner=tree.commune, title="KH xã", year_from=2026, year_to=2026)
    other = Plan.objects.create(owner=tree.other_commune, title="KH xã khác", year_from=2026,
                                year_to=2026)  # fmt: skip
    client.force_login(commune_officer)
    body = {"unit_id": tree.commune.pk, "title": "Tổ tự quản", "field": "economy",
            "started_on": "2026-02-01", "plan_id": other.pk}  # fmt: skip
    refused = client.post("/api/v1/exemplars/", body, content_type="application/json")
    assert refused.status_code == 400 and "Không tìm thấy kế hoạch" in refused.json()["detail"]
    made = client.post("/api/v1/exemplars/", {**body, "plan_id": own.pk},
                       content_type="application/json")  # fmt: skip
    assert made.status_code == 201 and made.json()["plan_id"] == own.pk, made.content
    url = f"/api/v1/exemplars/{made.json()['id']}/serves"
    unlinked = client.put(url, {"version": 1, "plan_id": None, "serves": "Chương trình của Hội"},
                          content_type="application/json")  # fmt: skip
    assert unlinked.status_code == 200 and unlinked.json()["plan_id"] is None
    assert unlinked.json()["serves"] == "Chương trình của Hội"
    assert client.put(url, {"version": 1}, content_type="application/json").status_code == 409


def test_open_findings_per_unit_with_a_commune_merged(tree: Tree, province_officer: User) -> None:
    today = dt.date.today()
    round_ = make_round(tree.province, tree.commune)
    round_.units.add(tree.other_commune)
    make_finding(round_, tree.commune, due_on=today - dt.timedelta(days=3))  # overdue
    make_finding(round_, tree.commune, due_on=today + dt.timedelta(days=30))
    make_finding(round_, tree.other_commune, due_on=today + dt.timedelta(days=9))
    make_finding(round_, tree.other_commune, due_on=today - dt.timedelta(days=9),
                 status="closed", closed_on=today - dt.timedelta(days=10))  # fmt: skip
    client = signed_in(province_officer)
    page = client.get(f"/inspections/findings/dashboard/?unit={tree.province.pk}").content.decode()
    assert "3 kiến nghị trên địa bàn chưa khắc phục xong, trong đó 1 kiến nghị quá hạn" in page
    table = page[page.index('class="table chart-table"') :]
    assert (f'<th scope="row">{tree.commune.name}</th><td class="num">1</td>'
            '<td class="num">1</td><td class="num">2</td>') in table  # fmt: skip
    assert (f'<th scope="row">{tree.other_commune.name}</th><td class="num">1</td>'
            '<td class="num">0</td><td class="num">1</td>') in table  # fmt: skip
    # Hòa Bình merges into Tân Lập: its open findings count once, at Tân Lập.
    record_succession(
        kind="merge", predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune], effective_on=today - dt.timedelta(days=1), actor=SYSTEM,
    )  # fmt: skip
    page = client.get(f"/inspections/findings/dashboard/?unit={tree.province.pk}").content.decode()
    table = page[page.index('class="table chart-table"') :]
    assert (f'<th scope="row">{tree.other_commune.name}</th><td class="num">2</td>'
            '<td class="num">1</td><td class="num">3</td>') in table  # fmt: skip
    assert f'<th scope="row">{tree.commune.name}</th>' not in table
    assert OrgUnit.objects.filter(pk=tree.commune.pk).exists()


def test_open_findings_dashboard_queries_do_not_grow_with_the_units_listed(
    tree: Tree, province_officer: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.testing.factories import OrgUnitFactory

    today = dt.date.today()
    round_ = make_round(tree.province, tree.commune)
    make_finding(round_, tree.village, due_on=today - dt.timedelta(days=3))  # rolls up
    make_finding(round_, tree.other_commune, due_on=today + dt.timedelta(days=9))
    client = signed_in(province_officer)
    url = f"/inspections/findings/dashboard/?unit={tree.province.pk}"

    def queries() -> tuple[int, str]:
        client.get(url)  # new units change the access stamp: grants are read again once
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        return len(captured), page[page.index('class="table chart-table"') :]

    two, table = queries()
    assert (f'<th scope="row">{tree.commune.name}</th><td class="num">0</td>'
            '<td class="num">1</td><td class="num">1</td>') in table  # fmt: skip
    for n in range(6):
        unit = OrgUnitFactory.create(name=f"Xã Thêm {n}", parent=tree.province)
        make_finding(round_, unit, due_on=today + dt.timedelta(days=n))
    eight, table = queries()
    assert table.count('<th scope="row">Xã Thêm') == 6
    assert eight == two


def test_coverage_is_drawn_with_its_table(tree: Tree, province_officer: User) -> None:
    page = (
        signed_in(province_officer)
        .get(f"/training/coverage/?unit={tree.province.pk}&year=2026")
        .content.decode()
    )
    assert "exemplars/_bars" not in page and 'id="coverage"' in page
