"""Change stamps: per-process caches that an edit made anywhere ends at the next request."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.services import issue_token
from danvan.core import stamps
from danvan.core.stamps import StampedCache
from danvan.deadlines.engine import compute_due_date
from danvan.deadlines.models import CalendarDayKind, CalendarEntry
from danvan.testing.fixtures import Tree


def _token(key: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM core_changestamp WHERE key = %s", [key])
        row = cursor.fetchone()
    return row[0] if row else None


def test_a_cached_value_is_read_again_after_the_stamp_moves(db: None) -> None:
    cache: StampedCache[int] = StampedCache(stamps.LEGAL)
    loads: list[int] = []

    def load() -> int:
        loads.append(1)
        return len(loads)

    assert cache.get("x", load) == 1
    assert cache.get("x", load) == 1  # kept
    stamps.touch(stamps.LEGAL)
    assert cache.get("x", load) == 2


def test_a_rolled_back_change_restores_the_old_token(db: None) -> None:
    before = _token(stamps.ACCESS)
    with pytest.raises(RuntimeError), transaction.atomic():
        stamps.touch(stamps.ACCESS)
        assert _token(stamps.ACCESS) != before
        raise RuntimeError
    assert _token(stamps.ACCESS) == before


def test_without_a_stamp_row_nothing_is_cached(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_changestamp WHERE key = %s", [stamps.LEGAL])
    cache: StampedCache[int] = StampedCache(stamps.LEGAL)
    calls: list[int] = []

    def load() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get("x", load) == 1
    assert cache.get("x", load) == 2
    stamps.touch(stamps.LEGAL)  # the row comes back on the next change
    assert _token(stamps.LEGAL)


def test_a_request_reads_the_stamps_once(db: None, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with stamps.request_snapshot():
        with django_assert_num_queries(1):
            stamps.current(stamps.ACCESS)
            stamps.current(stamps.LEGAL)
            stamps.current(stamps.ACCESS)


def test_a_day_off_entered_by_an_administrator_moves_due_dates_at_once(db: None) -> None:
    from danvan.deadlines.services import set_calendar_day

    before = compute_due_date("petition.handle", dt.date(2026, 9, 7)).due_date
    set_calendar_day(
        before, CalendarDayKind.DAY_OFF, name="Nghỉ bù (thử)", legal_basis="Thông báo (thử)"
    )
    assert CalendarEntry.objects.filter(day=before).exists()
    assert compute_due_date("petition.handle", dt.date(2026, 9, 7)).due_date > before


def test_a_change_made_by_another_process_is_seen_at_the_next_request(
    tree: Tree, commune_officer: User
) -> None:
    """Another worker revokes the token with plain SQL and a new stamp token: no signal here."""
    token, raw = issue_token(commune_officer, "tích hợp")
    client = Client()
    headers = {"Authorization": f"Bearer {raw}"}
    url = f"/api/v1/org-units/{tree.commune.pk}"
    assert client.get(url, headers=headers).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_apitoken SET revoked_at = %s WHERE id = %s",
            [dt.datetime(2026, 1, 1, tzinfo=dt.UTC), token.pk],
        )
        cursor.execute(
            "UPDATE core_changestamp SET token = %s WHERE key = %s",
            ["f" * 32, stamps.ACCESS],
        )
    assert client.get(url, headers=headers).status_code == 401


def test_stamps_do_not_lock_on_sign_in(tree: Tree, commune_officer: User) -> None:
    """Django stamps last_login at each sign-in; that changes nothing cached."""
    before = _token(stamps.ACCESS)
    commune_officer.last_login = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    commune_officer.save(update_fields=["last_login"])
    assert _token(stamps.ACCESS) == before
    commune_officer.is_active = False
    commune_officer.save(update_fields=["is_active"])
    assert _token(stamps.ACCESS) != before


def test_units_read_for_intake_follow_a_rename(tree: Tree) -> None:
    from danvan.orgs.services import units_by_id, update_unit

    assert units_by_id([tree.commune.pk])[tree.commune.pk].name == tree.commune.name
    update_unit(tree.commune, name="Ủy ban nhân dân xã Hòa Bình Mới")
    assert units_by_id([tree.commune.pk, 0])[tree.commune.pk].name.endswith("Hòa Bình Mới")


def test_many_values_are_read_with_one_load(db: None) -> None:
    cache: StampedCache[str] = StampedCache(stamps.LEGAL)
    asked: list[list[int]] = []

    def load(names: list[int]) -> dict[int, str]:
        asked.append(names)
        return {n: str(n) for n in names if n != 3}  # 3 does not exist

    assert cache.get_many([1, 2, 3], load) == {1: "1", 2: "2"}
    assert cache.get_many([2, 4], load) == {2: "2", 4: "4"}
    assert asked == [[1, 2, 3], [4]]
