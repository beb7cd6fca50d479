"""Signals, confirming hotspots, alerts sent once, the dashboard and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import Role, User
from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.hotspots.alerts import alert_new_candidates
from danvan.hotspots.models import HotspotCase, OpinionSignal
from danvan.hotspots.services import confirm_hotspot, log_signal, resolve_hotspot
from danvan.hotspots.tasks import alert_candidates
from danvan.notifications.models import Notification
from danvan.orgs.services import record_succession
from danvan.testing.fixtures import Tree, official

from .support import TODAY, petition, signal, topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(db: None) -> None:
    Role.objects.update(require_two_factor=False)


def _hot(tree: Tree, day: dt.date = TODAY) -> None:
    """Five petitions about land in the commune: the volume rule flags it."""
    for _ in range(5):
        petition(tree.province, tree.commune, topic(), received_on=day)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"observed_on": TODAY + dt.timedelta(days=1)}, "tương lai"),
        ({"summary": "  "}, "Thiếu nội dung tóm tắt"),
        ({"place": None}, "Thiếu xã, phường"),
        ({"topic": None}, "Thiếu lĩnh vực"),
        ({"source": "rumour"}, "Nguồn thông tin không hợp lệ"),
        ({"people_involved": -1}, "không âm"),
    ],
)
def test_bad_signals_are_refused_in_vietnamese(
    tree: Tree, commune_officer: User, change: dict[str, Any], message: str
) -> None:
    data: dict[str, Any] = {
        "place": tree.commune,
        "topic": topic(),
        "source": "press",
        "observed_on": TODAY,
        "summary": "Báo phản ánh ô nhiễm",
        "today": TODAY,
    }
    data.update(change)
    with pytest.raises(UserError, match=message):
        log_signal(tree.commune, **data, actor=commune_officer)
    assert not OpinionSignal.objects.exists()


def test_a_viewer_cannot_log_a_signal(tree: Tree) -> None:
    viewer = official("viewer", tree.commune)
    with pytest.raises(PermissionDenied):
        log_signal(
            tree.commune, place=tree.commune, topic=topic(), source="press",
            observed_on=TODAY, summary="x", actor=viewer,
        )  # fmt: skip


def test_confirm_a_candidate_once_then_resolve(tree: Tree, province_officer: User) -> None:
    _hot(tree)
    with pytest.raises(UserError, match="Hãy ghi nhận định"):
        confirm_hotspot(
            rule_code="nhieu-don-30-ngay", place_id=tree.commune.pk,
            topic_id=topic().pk, note=" ", today=TODAY, actor=province_officer,
        )  # fmt: skip
    with pytest.raises(UserError, match="Không còn điểm nóng tiềm ẩn"):
        confirm_hotspot(
            rule_code="vuot-cap", place_id=tree.commune.pk,
            topic_id=topic().pk, note="Nóng", today=TODAY, actor=province_officer,
        )  # fmt: skip
    case = confirm_hotspot(
        rule_code="nhieu-don-30-ngay", place_id=tree.commune.pk,
        topic_id=topic().pk, note="Nhiều hộ dân bức xúc", today=TODAY, actor=province_officer,
    )  # fmt: skip
    assert (case.owner, case.petitions_count, case.rule.code) == (  # type: ignore[union-attr]
        tree.commune,
        5,
        "nhieu-don-30-ngay",
    )
    with pytest.raises(UserError, match="đã được xác nhận"):
        confirm_hotspot(
            rule_code="nhieu-don-30-ngay", place_id=tree.commune.pk,
            topic_id=topic().pk, note="Lần nữa", today=TODAY, actor=province_officer,
        )  # fmt: skip
    resolve_hotspot(
        case, note="Đã đối thoại, dân đồng thuận", version=case.version, actor=province_officer
    )
    assert HotspotCase.objects.get().status == "resolved"


def test_leaders_are_told_once_per_rule_commune_topic_and_window(tree: Tree) -> None:
    commune_leader = official("leader", tree.commune)
    province_leader = official("leader", tree.province)
    official("officer", tree.commune)
    other_leader = official("leader", tree.other_commune)
    _hot(tree)
    assert alert_new_candidates(TODAY) == 2
    assert alert_new_candidates(TODAY) == 0
    assert alert_new_candidates(TODAY + dt.timedelta(days=1)) == 0  # same 30-day window
    assert Notification.objects.filter(recipient=commune_leader).count() == 1
    assert Notification.objects.filter(recipient=province_leader).count() == 1
    assert not Notification.objects.filter(recipient=other_leader).exists()
    assert alert_candidates.call_local() >= 0


def test_alerts_follow_the_permission_not_the_role_code(tree: Tree) -> None:
    """A role an administrator builds that names the duty is alerted; one that holds every
    hotspot permission by wildcard (as officers do) is not."""
    Role.objects.create(
        code="bi-thu", name="Bí thư", permissions=["*.view_*", "hotspots.lead_response"]
    )
    Role.objects.create(code="toan-quyen", name="Toàn quyền điểm nóng", permissions=["hotspots.*"])
    secretary = official("bi-thu", tree.commune)
    broad = official("toan-quyen", tree.commune)
    _hot(tree)
    assert alert_new_candidates(TODAY) == 1
    assert Notification.objects.get().recipient == secretary
    assert not Notification.objects.filter(recipient=broad).exists()


def test_alerts_about_a_merged_commune_reach_its_successors_leaders(tree: Tree) -> None:
    _hot(tree)  # petitions about Hòa Bình, then merged into Tân Lập
    record_succession(
        kind="merge",
        predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune],
        effective_on=TODAY - dt.timedelta(days=1),
        actor=SYSTEM,
    )
    successor_leader = official("leader", tree.other_commune)
    province_leader = official("leader", tree.province)
    assert alert_new_candidates(TODAY) == 2
    assert {n.recipient for n in Notification.objects.all()} == {
        successor_leader,
        province_leader,
    }
    assert Notification.objects.first().subject.startswith("Điểm nóng tiềm ẩn: ")  # type: ignore[union-attr]


def test_dashboard_shows_volumes_cases_and_candidates_in_fixed_queries(
    client: Client, tree: Tree, province_officer: User, django_assert_num_queries: Any
) -> None:
    today = timezone.localdate()
    _hot(tree, today)
    client.force_login(province_officer)
    url = reverse("hotspots:dashboard")
    client.get(url)
    with django_assert_num_queries(28) as first:
        response = client.get(url)
    body = response.content.decode()
    assert "<svg" in body and "<table" in body
    assert tree.commune.name in body
    assert 'class="hs-candidate"' in body
    for _ in range(6):
        petition(tree.province, tree.other_commune, topic("moi-truong"), received_on=today)
        signal(tree.province, tree.village, topic("moi-truong"), observed_on=today)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="hs-candidate"') == 3


def test_dashboard_never_shows_a_denouncer(client: Client, tree: Tree, province_officer: User):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    petition(
        tree.province, tree.commune, topic(), received_on=today - dt.timedelta(days=200),
        kind="denunciation", petitioner_name="Nguyễn Bí Mật", petitioner_id_number="012345678901",
        is_crowded=True, crowd_size=9, due_on=today - dt.timedelta(days=5),
    )  # fmt: skip
    client.force_login(province_officer)
    body = client.get(reverse("hotspots:dashboard")).content.decode()
    assert "Bí Mật" not in body and "012345678901" not in body
    assert "Overdue cases (1)" in body or "quá hạn (1)" in body.lower()


def test_confirm_through_htmx_and_the_api(client: Client, tree: Tree) -> None:
    _hot(tree, timezone.localdate())
    leader = official("leader", tree.province)
    client.force_login(leader)
    land = topic()
    response = client.post(
        reverse("hotspots:confirm"),
        {"rule": "nhieu-don-30-ngay", "place": tree.commune.pk, "topic": land.pk, "note": ""},
        HTTP_HX_REQUEST="true",
    )
    assert "Write your assessment" in response.content.decode() or "nhận định" in (
        response.content.decode()
    )
    candidates = client.get("/api/v1/hotspots/candidates").json()
    assert candidates["count"] == 1
    assert [(c["rule"], c["place"]["id"]) for c in candidates["items"]] == [
        ("nhieu-don-30-ngay", tree.commune.pk)
    ]
    created = client.post(
        "/api/v1/hotspots/cases",
        {"rule": "nhieu-don-30-ngay", "place_id": tree.commune.pk, "topic_id": land.pk,
         "note": "Xác nhận điểm nóng"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    again = client.post(
        "/api/v1/hotspots/cases",
        {"rule": "nhieu-don-30-ngay", "place_id": tree.commune.pk, "topic_id": land.pk,
         "note": "Lần hai"},
        content_type="application/json",
    )  # fmt: skip
    assert again.status_code == 400 and "đã được xác nhận" in again.json()["detail"]
    assert (
        client.get("/api/v1/hotspots/candidates").json()["items"][0]["confirmed_case_id"]
        == (created.json()["id"])
    )
    volumes = client.get("/api/v1/hotspots/volumes", {"months": 3}).json()
    assert volumes["by_commune"][0]["petitions"] == 5


def test_signals_over_the_api_and_the_list(
    client: Client, tree: Tree, commune_officer: User, django_assert_num_queries: Any
) -> None:
    client.force_login(commune_officer)
    bad = client.post(
        "/api/v1/hotspots/signals",
        {"owner_id": tree.commune.pk, "place_id": tree.commune.pk, "topic_id": topic().pk,
         "source": "press", "observed_on": "2099-01-01", "summary": "Báo nêu"},
        content_type="application/json",
    )  # fmt: skip
    assert bad.status_code == 400 and "tương lai" in bad.json()["detail"]
    ok = client.post(
        "/api/v1/hotspots/signals",
        {"owner_id": tree.commune.pk, "place_id": tree.commune.pk, "topic_id": topic().pk,
         "source": "front", "observed_on": "2026-11-01", "summary": "MTTQ phản ánh",
         "people_involved": 20},
        content_type="application/json",
    )  # fmt: skip
    assert ok.status_code == 201, ok.content
    url = reverse("hotspots:signals")
    client.get(url)
    with django_assert_num_queries(8) as first:
        client.get(url)
    for _ in range(5):
        signal(tree.village, tree.commune, topic())
    signal(tree.other_commune, tree.other_commune, topic(), summary="Ngoài phạm vi")
    with django_assert_num_queries(len(first.captured_queries)):
        body = client.get(url).content.decode()
    assert "MTTQ phản ánh" in body and "Ngoài phạm vi" not in body
    assert client.get("/api/v1/hotspots/signals").json()["count"] == 6
