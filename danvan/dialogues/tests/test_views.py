"""The officer pages: lists with a fixed number of queries, recording, updating follow-ups."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import Role, User
from danvan.dialogues.models import Dialogue, FollowUpAction
from danvan.testing.fixtures import Tree, official

from .support import make_dialogue, make_follow_up

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(db: None) -> None:
    Role.objects.update(require_two_factor=False)


def test_dialogue_list_runs_a_fixed_number_of_queries(
    client: Client, tree: Tree, province_officer: User, django_assert_num_queries: Any
) -> None:
    client.force_login(province_officer)
    url = reverse("dialogues:list")
    make_follow_up(make_dialogue(tree.commune), due_on=dt.date(2020, 1, 1))
    client.get(url)
    with django_assert_num_queries(8) as first:
        response = client.get(url)
    assert response.status_code == 200
    for n in range(5):
        make_follow_up(make_dialogue(tree.village, topic=f"Chủ đề {n}"))
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url)
    body = response.content.decode()
    assert body.count('href="/dialogues/') >= 6
    assert "quá hạn" in body or "overdue" in body


def test_follow_up_list_runs_a_fixed_number_of_queries(
    client: Client, tree: Tree, commune_officer: User, django_assert_num_queries: Any
) -> None:
    client.force_login(commune_officer)
    url = reverse("dialogues:follow_ups")
    make_follow_up(make_dialogue(tree.commune))
    client.get(url)
    with django_assert_num_queries(6) as first:
        client.get(url)
    for _ in range(5):
        make_follow_up(make_dialogue(tree.commune))
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url, {"status": "not_started"})
    assert response.content.decode().count("Rà soát đơn giá bồi thường") == 6


def test_an_officer_records_a_dialogue_and_assigns_a_follow_up(
    client: Client, tree: Tree, commune_officer: User
) -> None:
    client.force_login(commune_officer)
    response = client.post(
        reverse("dialogues:create"),
        {
            "owner": tree.commune.pk,
            "held_on": "2026-11-02",
            "kind": "periodic",
            "topic": "Đối thoại định kỳ quý IV",
            "place": "Hội trường xã",
            "chaired_by": "Chủ tịch UBND xã",
            "officials_count": 6,
            "citizens_count": 52,
            "officials": "Lê Văn C — Phó Chủ tịch UBND xã",
            "citizens": "Nông Thị D - xóm Bản Giới\nLục Văn E",
            "conclusions": "Sửa đường liên xóm\nCông khai danh sách hộ nghèo",
        },
    )
    dialogue = Dialogue.objects.get()
    assert response.status_code == 302
    assert [(p.name, p.position) for p in dialogue.participants.order_by("id")] == [
        ("Lê Văn C", "Phó Chủ tịch UBND xã"),
        ("Nông Thị D", "xóm Bản Giới"),
        ("Lục Văn E", ""),
    ]
    response = client.post(
        reverse("dialogues:follow_up_add", args=[dialogue.pk]),
        {
            "title": "Sửa đường liên xóm",
            "responsible_unit": tree.commune.pk,
            "due_on": "2026-12-31",
            "conclusion": dialogue.conclusions.first().pk,  # type: ignore[union-attr]
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("dialogues:detail", args=[dialogue.pk])).content.decode()
    assert "Sửa đường liên xóm" in page and "Công khai danh sách hộ nghèo" in page


def test_a_future_date_is_refused_with_a_vietnamese_message(
    client: Client, tree: Tree, commune_officer: User
) -> None:
    client.force_login(commune_officer)
    response = client.post(
        reverse("dialogues:create"),
        {
            "owner": tree.commune.pk,
            "held_on": "2099-01-01",
            "kind": "periodic",
            "topic": "Đối thoại",
            "place": "Hội trường",
            "chaired_by": "Chủ tịch",
            "officials_count": 1,
            "citizens_count": 1,
        },
    )
    assert response.status_code == 200
    assert "không được ở tương lai" in response.content.decode()
    assert not Dialogue.objects.exists()


def test_the_responsible_unit_updates_its_follow_up_with_htmx(client: Client, tree: Tree) -> None:
    action = make_follow_up(make_dialogue(tree.province), tree.commune)
    officer = official("officer", tree.commune)
    client.force_login(officer)
    assert (
        client.get(reverse("dialogues:follow_ups"), {"mine": "1"})
        .content.decode()
        .count(action.title)
        == 1
    )
    page = client.get(reverse("dialogues:follow_up", args=[action.pk])).content.decode()
    assert 'name="due_on"' not in page  # only the province may move the date
    url = reverse("dialogues:follow_up_update", args=[action.pk])
    response = client.post(
        url,
        {"version": 1, "status": "in_progress", "percent": 60, "note": "Đang thi công"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Đang thi công" in response.content.decode()
    stale = client.post(
        url, {"version": 1, "status": "done", "percent": 100}, HTTP_HX_REQUEST="true"
    )
    assert "vừa được người khác cập nhật" in stale.content.decode()
    action.refresh_from_db()
    assert (action.percent, action.version) == (60, 2)
    # The dialogue itself belongs to the province: the commune cannot edit it.
    assert client.get(reverse("dialogues:edit", args=[action.dialogue_id])).status_code == 404


def test_outside_the_scope_is_a_404(client: Client, tree: Tree, outsider: User) -> None:
    action = make_follow_up(make_dialogue(tree.commune))
    client.force_login(outsider)
    assert client.get(reverse("dialogues:detail", args=[action.dialogue_id])).status_code == 404
    assert client.get(reverse("dialogues:follow_up", args=[action.pk])).status_code == 404
    response = client.post(
        reverse("dialogues:follow_up_update", args=[action.pk]), {"version": 1, "percent": 5}
    )
    assert response.status_code == 404
    assert FollowUpAction.objects.get().percent == 0


def test_dashboard_tile_counts_overdue_follow_ups(
    rf: Any, tree: Tree, commune_officer: User
) -> None:
    from django.template.loader import render_to_string

    from danvan.dialogues.tiles import follow_ups_tile

    dialogue = make_dialogue(tree.commune, held_on=dt.date.today())
    make_follow_up(dialogue, due_on=dt.date.today() - dt.timedelta(days=1))
    make_follow_up(dialogue, due_on=dt.date.today() + dt.timedelta(days=10))
    request = rf.get("/")
    request.user = commune_officer
    tile = follow_ups_tile(request)
    assert tile is not None
    assert (tile["open"], tile["overdue"], tile["dialogues"]) == (2, 1, 1)
    body = render_to_string("dialogues/tiles/follow_ups.html", {"tile": tile})
    assert '<strong class="dv-overdue">1</strong>' in body
    request.user = official("viewer", tree.other_commune)
    assert follow_ups_tile(request) is None


def test_a_follow_up_links_its_dialogue_only_for_those_who_may_open_it(
    client: Client, tree: Tree
) -> None:
    """The commune answering for a province dialogue's follow-up reads the follow-up; the
    dialogue is the province's, so a link to it would answer 404."""
    action = make_follow_up(make_dialogue(tree.province), tree.commune)
    dialogue_url = reverse("dialogues:detail", args=[action.dialogue_id])
    follow_up_url = reverse("dialogues:follow_up", args=[action.pk])
    client.force_login(official("officer", tree.commune))
    page = client.get(follow_up_url).content.decode()
    assert action.dialogue.topic in page and dialogue_url not in page
    assert client.get(dialogue_url).status_code == 404
    client.force_login(official("officer", tree.province))
    page = client.get(follow_up_url).content.decode()
    assert dialogue_url in page and client.get(dialogue_url).status_code == 200
