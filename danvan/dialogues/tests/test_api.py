"""The dialogues API: scope, record, follow-ups with optimistic concurrency (409)."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.accounts.models import Role, User
from danvan.dialogues.models import Dialogue
from danvan.testing.fixtures import Tree, official

from .support import make_dialogue, make_follow_up

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(db: None) -> None:
    Role.objects.update(require_two_factor=False)


def test_record_assign_and_update_over_the_api(
    client: Client, tree: Tree, commune_officer: User
) -> None:
    client.force_login(commune_officer)
    created = client.post(
        "/api/v1/dialogues/",
        {
            "owner_id": tree.commune.pk,
            "held_on": "2026-11-02",
            "place": "Hội trường xã",
            "topic": "Nước sạch",
            "chaired_by": "Chủ tịch UBND xã",
            "kind": "thematic",
            "participants": [{"kind": "citizen", "name": "Bế Văn F"}],
            "conclusions": ["Khảo sát nguồn nước"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    dialogue_id = created.json()["id"]
    conclusion_id = created.json()["conclusions"][0]["id"]
    action = client.post(
        f"/api/v1/dialogues/{dialogue_id}/follow-ups",
        {
            "title": "Khảo sát nguồn nước",
            "responsible_unit_id": tree.commune.pk,
            "supporting_unit_ids": [tree.village.pk],
            "due_on": "2026-12-20",
            "conclusion_id": conclusion_id,
        },
        content_type="application/json",
    )
    assert action.status_code == 201, action.content
    action_id = action.json()["id"]
    assert action.json()["supporting_unit_ids"] == [tree.village.pk]
    ok = client.patch(
        f"/api/v1/dialogues/follow-ups/{action_id}",
        {"version": 1, "percent": 100},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert (ok.json()["status"], ok.json()["version"]) == ("done", 2)
    stale = client.patch(
        f"/api/v1/dialogues/follow-ups/{action_id}",
        {"version": 1, "percent": 10},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert "vừa được người khác cập nhật" in stale.json()["detail"]


def test_bad_input_gets_a_vietnamese_400(client: Client, tree: Tree, commune_officer: User) -> None:
    client.force_login(commune_officer)
    response = client.post(
        "/api/v1/dialogues/",
        {
            "owner_id": tree.commune.pk,
            "held_on": "2099-01-01",
            "place": "Hội trường",
            "topic": "Nước sạch",
            "chaired_by": "Chủ tịch",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "tương lai" in response.json()["detail"]
    assert not Dialogue.objects.exists()


def test_lists_are_scoped(client: Client, tree: Tree, outsider: User) -> None:
    action = make_follow_up(
        make_dialogue(tree.province), tree.commune, due_on=__import__("datetime").date(2020, 1, 1)
    )
    make_dialogue(tree.other_commune)
    commune = official("viewer", tree.commune)
    client.force_login(commune)
    # The commune sees the follow-up it must do, not the province's dialogue record.
    assert client.get("/api/v1/dialogues/").json()["count"] == 0
    follow_ups = client.get("/api/v1/dialogues/follow-ups", {"overdue": "true"}).json()
    assert [f["id"] for f in follow_ups["items"]] == [action.pk]
    assert follow_ups["items"][0]["overdue"] is True
    client.force_login(outsider)
    assert client.get("/api/v1/dialogues/follow-ups").json()["count"] == 0
    assert client.get(f"/api/v1/dialogues/follow-ups/{action.pk}").status_code == 404
    patch = client.patch(
        f"/api/v1/dialogues/follow-ups/{action.pk}",
        {"version": 1, "percent": 5},
        content_type="application/json",
    )
    assert patch.status_code == 404
