"""The API: scoped, same services and Vietnamese messages as the pages."""

from __future__ import annotations

import datetime as dt

from danvan.accounts.services import issue_token
from danvan.core.audit import SYSTEM
from danvan.testing.fixtures import Tree, official

from ..models import Disclosure, PeopleDecision, SupervisionRecommendation
from .support import make_disclosure, make_recommendation


def _client(user):  # type: ignore[no-untyped-def]
    from django.test import Client

    raw = issue_token(user, "tích hợp", actor=SYSTEM)[1]
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_disclosures_with_compliance_and_scope(tree: Tree, commune_officer, outsider) -> None:  # type: ignore[no-untyped-def]
    client = _client(commune_officer)
    body = {
        "owner_id": tree.commune.pk,
        "item_code": "xa.8",
        "title": "Danh sách hộ nghèo năm 2026",
        "decided_on": "2026-03-02",
        "channels": [{"channel": "posting", "starts_on": "2026-03-03", "ends_on": "2026-03-27"}],
    }
    created = client.post(
        "/api/v1/participation/disclosures", body, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    codes = {f["code"] for f in created.json()["findings"]}
    assert codes == {"too_short", "no_radio"}
    bad = dict(
        body, channels=[{"channel": "posting", "starts_on": "2026-03-10", "ends_on": "2026-03-05"}]
    )
    refused = client.post("/api/v1/participation/disclosures", bad, content_type="application/json")
    assert (
        refused.status_code == 400 and "không được trước ngày bắt đầu" in refused.json()["detail"]
    )
    assert Disclosure.objects.count() == 1
    listed = client.get("/api/v1/participation/disclosures").json()
    assert [d["title"] for d in listed["items"]] == ["Danh sách hộ nghèo năm 2026"]
    other = _client(outsider)
    assert other.get("/api/v1/participation/disclosures").json()["items"] == []
    pk = created.json()["id"]
    assert other.get(f"/api/v1/participation/disclosures/{pk}").status_code == 404
    compliance = client.get(f"/api/v1/participation/compliance/{tree.commune.pk}?year=2026").json()
    assert (
        compliance[0]["made"] == 1
        and compliance[0]["too_short"] == 1
        and compliance[0]["no_radio"] == 1
    )


def test_decision_tally_over_the_api(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    client = _client(commune_officer)
    body = {
        "village_id": tree.village.pk, "matter_number": 1, "title": "Đóng góp làm đường",
        "method": "ballot", "noticed_on": "2026-03-01", "held_on": "2026-03-08",
        "households_total": 90, "ballots": 80, "votes_for": 59, "votes_against": 21,
    }  # fmt: skip
    made = client.post("/api/v1/participation/decisions", body, content_type="application/json")
    assert (
        made.status_code == 201 and made.json()["passed"] is False and made.json()["needed"] == 60
    )
    too_many = client.post(
        "/api/v1/participation/decisions", dict(body, ballots=91), content_type="application/json"
    )
    assert too_many.status_code == 400 and "nhiều hơn số hộ" in too_many.json()["detail"]
    assert PeopleDecision.objects.count() == 1


def test_recommendation_answer_over_the_api(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    rec = make_recommendation(tree.province, tree.commune, due_on=dt.date(2026, 1, 1))
    neighbour = official("officer", tree.other_commune, username="tanlap")
    province_unit_only = official("officer", tree.province, subtree=False, username="tinh.only")
    body = {"answer": "Đã thực hiện", "state": "done", "answered_on": "2026-04-10", "version": 1}
    url = f"/api/v1/participation/recommendations/{rec.pk}/answer"
    assert _client(neighbour).post(url, body, content_type="application/json").status_code == 404
    wrong = _client(province_unit_only).post(url, body, content_type="application/json")
    assert wrong.status_code == 400 and "Chỉ" in wrong.json()["detail"]
    overdue = _client(commune_officer).get("/api/v1/participation/recommendations?overdue=true")
    assert [r["id"] for r in overdue.json()["items"]] == [rec.pk]
    ok = _client(commune_officer).post(url, body, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["overdue"] is False
    stale = _client(commune_officer).post(url, body, content_type="application/json")
    assert stale.status_code == 409
    assert SupervisionRecommendation.objects.get().state == "done"


def test_disclosure_builder_is_visible_to_its_commune(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    d = make_disclosure(tree.commune)
    got = _client(commune_officer).get(f"/api/v1/participation/disclosures/{d.pk}")
    assert got.status_code == 200 and got.json()["item_code"] == "xa.1"


def test_boards_and_coordination_over_the_api(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    from .support import make_finding, make_programme

    finding = make_finding(tree.commune)
    make_programme(tree.commune)
    client = _client(commune_officer)
    boards = client.get("/api/v1/participation/boards").json()["items"]
    assert boards[0]["members"] == 0 and "cần ít nhất 5" in boards[0]["problems"][0]
    overdue = client.get("/api/v1/participation/board-findings?overdue=true").json()["items"]
    assert [f["id"] for f in overdue] == [finding.pk]
    url = f"/api/v1/participation/board-findings/{finding.pk}/answer"
    body = {"answer": "Đã công khai", "answered_on": "2026-05-10", "version": 1}
    neighbour = official("officer", tree.other_commune, username="tanlap")
    assert _client(neighbour).post(url, body, content_type="application/json").status_code == 404
    answered = client.post(url, body, content_type="application/json")
    assert answered.status_code == 200 and answered.json()["overdue"] is False
    gaps = _client(official("officer", tree.province, username="tinh.cc")).get(
        f"/api/v1/participation/coordination-gaps/{tree.province.pk}"
    )
    assert {u["id"] for u in gaps.json()} == {tree.province.pk, tree.other_commune.pk}
    assert len(client.get("/api/v1/participation/coordination-programmes").json()["items"]) == 1
