"""The inspections, training and models API: scope, bad input (400), stale versions (409)."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.accounts.models import Role, User
from danvan.testing.factories import UserFactory
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(db: None) -> None:
    Role.objects.update(require_two_factor=False)


def test_plan_round_finding_report_close_over_the_api(
    client: Client, tree: Tree, province_officer: User, commune_officer: User, outsider: User
) -> None:
    client.force_login(province_officer)
    plan = client.post("/api/v1/inspections/plans", {"owner_id": tree.province.pk, "year": 2026,
                       "title": "Kế hoạch kiểm tra năm 2026"}, content_type="application/json")  # fmt: skip
    assert plan.status_code == 201, plan.content
    round_ = client.post(
        f"/api/v1/inspections/plans/{plan.json()['id']}/rounds",
        {"title": "Kiểm tra xã Hòa Bình", "unit_ids": [tree.commune.pk], "starts_on": "2026-05-04",
         "ends_on": "2026-05-06", "team": [{"name": "A", "body": "Ban Dân vận"},
                                          {"name": "B", "body": "Sở Nội vụ"}]},
        content_type="application/json",
    )  # fmt: skip
    assert round_.status_code == 201, round_.content
    url = f"/api/v1/inspections/rounds/{round_.json()['id']}/findings"
    early = {"finding": "X", "recommendation": "Y", "responsible_unit_id": tree.commune.pk,
             "due_on": "2026-05-01"}  # fmt: skip
    refused = client.post(url, early, content_type="application/json")
    assert refused.status_code == 400 and "trước ngày kiểm tra" in refused.json()["detail"]
    made = client.post(url, {**early, "due_on": "2026-08-31"}, content_type="application/json")
    assert made.status_code == 201
    finding_id = made.json()["id"]

    other = Client()
    other.force_login(outsider)
    assert other.get(f"/api/v1/inspections/findings/{finding_id}").status_code == 404

    unit = Client()
    unit.force_login(commune_officer)
    report = unit.post(f"/api/v1/inspections/findings/{finding_id}/reports",
                       {"version": 1, "text": "Đã khắc phục"}, content_type="application/json")  # fmt: skip
    assert report.status_code == 201 and report.json()["status"] == "answered"
    stale = client.post(f"/api/v1/inspections/findings/{finding_id}/close",
                        {"version": 1, "note": "Đạt"}, content_type="application/json")  # fmt: skip
    assert stale.status_code == 409
    closed = client.post(f"/api/v1/inspections/findings/{finding_id}/close",
                         {"version": 2, "note": "Đạt"}, content_type="application/json")  # fmt: skip
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_models_and_training_over_the_api(
    client: Client, tree: Tree, commune_officer: User, outsider: User
) -> None:
    client.force_login(commune_officer)
    made = client.post("/api/v1/exemplars/", {"unit_id": tree.commune.pk, "title": "Tổ tự quản",
                       "field": "economy", "started_on": "2026-02-01"},
                       content_type="application/json")  # fmt: skip
    assert made.status_code == 201, made.content
    exemplar_id = made.json()["id"]
    early = client.post(f"/api/v1/exemplars/{exemplar_id}/reviews",
                        {"cycle": "hang-nam", "reviewed_on": "2026-01-01", "effectiveness": "good",
                         "assessment": "Tốt"}, content_type="application/json")  # fmt: skip
    assert early.status_code == 400 and "không được trước ngày" in early.json()["detail"]
    counts = client.get(f"/api/v1/exemplars/counts?unit_id={tree.commune.pk}&year=2026")
    assert counts.json()["units"] == [
        {"unit": {"id": tree.commune.pk, "name": tree.commune.name}, "new": 1, "meets": True}
    ]
    training = client.post("/api/v1/training/", {"organiser_id": tree.commune.pk, "topic": "Kỹ năng",
                           "starts_on": "2026-04-01", "ends_on": "2026-04-01", "place": "Hội trường"},
                           content_type="application/json")  # fmt: skip
    assert training.status_code == 201
    clerk = UserFactory.create(org_unit=tree.village, position="Công chức Tư pháp – Hộ tịch")
    stranger = UserFactory.create(org_unit=tree.other_commune)
    url = f"/api/v1/training/{training.json()['id']}/participants"
    refused = client.post(
        url, {"official_ids": [clerk.pk, stranger.pk]}, content_type="application/json"
    )
    assert refused.status_code == 400 and "ngoài phạm vi" in refused.json()["detail"]
    added = client.post(url, {"official_ids": [clerk.pk]}, content_type="application/json")
    assert added.status_code == 201 and added.json()["participants"] == 1
    cover = client.get(f"/api/v1/training/coverage?unit_id={tree.commune.pk}&year=2026")
    assert cover.json()["total"] == {"unit": {"id": tree.commune.pk, "name": tree.commune.name},
                                     "required": 1, "trained": 1, "percent": 100.0}  # fmt: skip
    other = Client()
    other.force_login(outsider)
    assert other.get(f"/api/v1/exemplars/{exemplar_id}").status_code == 404
    assert other.get("/api/v1/exemplars/").json()["count"] == 0


def test_import_conclude_and_replicate_over_the_api(
    client: Client, tree: Tree, province_officer: User
) -> None:
    import io

    from openpyxl import Workbook

    from danvan.exemplars.tests.support import make_exemplar
    from danvan.training.models import Attendance
    from danvan.training.tests.support import make_training

    from .support import make_round

    client.force_login(province_officer)
    UserFactory.create(username="tp.hoabinh", org_unit=tree.commune)
    training = make_training(tree.province)

    def sheet(*names: str) -> io.BytesIO:
        book = Workbook()
        book.active.append(["Tên đăng nhập"])
        for name in names:
            book.active.append([name])
        data = io.BytesIO()
        book.save(data)
        data.seek(0)
        data.name = "ds.xlsx"
        return data

    url = f"/api/v1/training/{training.pk}/attendance"
    refused = client.post(url, {"file": sheet("tp.hoabinh", "ai.do")})
    assert refused.status_code == 400 and "«ai.do»" in refused.json()["detail"]
    assert not Attendance.objects.exists()
    done = client.post(url, {"file": sheet("tp.hoabinh")})
    assert done.status_code == 200 and done.json()["added"] == 1

    round_ = make_round(tree.province, tree.commune)
    conclusion = {"version": 1, "conclusion": "Thực hiện tốt", "concluded_on": "2026-05-10"}
    ok = client.post(f"/api/v1/inspections/rounds/{round_.pk}/conclusion", conclusion,
                     content_type="application/json")  # fmt: skip
    assert ok.status_code == 200 and ok.json()["concluded_on"] == "2026-05-10"
    stale = client.post(f"/api/v1/inspections/rounds/{round_.pk}/conclusion", conclusion,
                        content_type="application/json")  # fmt: skip
    assert stale.status_code == 409

    original = make_exemplar(tree.commune)
    replica = make_exemplar(tree.other_commune)
    same = make_exemplar(tree.commune)
    linked = client.put(f"/api/v1/exemplars/{replica.pk}/replicates",
                        {"replicates_id": original.pk}, content_type="application/json")  # fmt: skip
    assert linked.status_code == 200 and linked.json()["replicates_id"] == original.pk
    refused = client.put(f"/api/v1/exemplars/{same.pk}/replicates",
                         {"replicates_id": original.pk}, content_type="application/json")  # fmt: skip
    assert refused.status_code == 400 and "đơn vị khác" in refused.json()["detail"]
