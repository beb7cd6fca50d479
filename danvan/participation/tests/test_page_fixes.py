"""What a user clicking through the pages met and the browser journeys found, held without a
browser: the board page's four forms each label their own fields, a form that failed stays open,
a past year's unmet duty reads as overdue, and a meeting's date is not called a dialogue's."""

from __future__ import annotations

import re
from collections import Counter

from django.utils import timezone

from danvan.testing.fixtures import Tree, signed_in

from .support import make_board


def test_board_page_ids_are_unique_and_a_failed_form_stays_open(
    tree: Tree, commune_officer
) -> None:  # type: ignore[no-untyped-def]
    board = make_board(tree.commune)
    client = signed_in(commune_officer)
    page = client.get(f"/participation/boards/{board.pk}/").content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    for field in ("plan_starts_on", "head_starts_on", "finding_sent_on", "plan_sent_on"):
        assert f'for="{field}"' in page and f'id="{field}"' in page
    refused = client.post(
        f"/participation/boards/{board.pk}/",
        {"op": "plan", "subject": "Quỹ làm đường", "starts_on": "2026-06-03",
         "ends_on": "2026-06-05", "sent_on": "2026-06-01"},
    ).content.decode()  # fmt: skip
    assert "<details open><summary>Ghi kế hoạch kiểm tra, giám sát" in refused
    assert 'value="Quỹ làm đường"' in refused
    assert "<details open><summary>Thêm thành viên" not in refused


def test_a_past_years_unmet_duty_is_overdue(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    from ..compliance import annual_duties

    last_year = timezone.localdate().year - 1
    assert all(d.overdue for d in annual_duties(tree.commune, last_year))
    assert not any(d.overdue for d in annual_duties(tree.commune, last_year + 2))
    page = signed_in(commune_officer).get(
        f"/participation/annual/?unit={tree.commune.pk}&year={last_year}"
    )
    text = page.content.decode()
    assert text.count("Quá hạn") == 3 and f"hạn 31/12/{last_year}" in text


def test_meeting_dates_are_not_called_dialogue_dates(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(commune_officer)
    annual = client.get(f"/participation/annual/?unit={tree.commune.pk}").content.decode()
    decision = client.get("/participation/decisions/new/").content.decode()
    assert "Ngày tổ chức" in annual and "Ngày đối thoại" not in annual
    assert "Ngày họp hoặc biểu quyết" in decision and "Ngày đối thoại" not in decision
