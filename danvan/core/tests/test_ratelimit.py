"""Limits count in the database, so every worker and machine sees the same hits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from danvan.core import ratelimit
from danvan.core.models import RateHit
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.django_db


def test_a_sliding_window_admits_the_limit_and_no_more() -> None:
    assert [ratelimit.hit("portal:submit:1.2.3.4", 3) for _ in range(5)] == [
        False, False, False, True, True,
    ]  # fmt: skip
    assert ratelimit.hit("portal:submit:5.6.7.8", 3) is False  # another address, its own count
    # An hour later the early hits no longer count, and day-old ones are deleted.
    RateHit.objects.update(at=timezone.now() - dt.timedelta(hours=2))
    assert ratelimit.hit("portal:submit:1.2.3.4", 3) is False
    RateHit.objects.update(at=timezone.now() - dt.timedelta(days=2))
    ratelimit.hit("portal:submit:1.2.3.4", 3)
    assert RateHit.objects.filter(bucket="portal:submit:1.2.3.4").count() == 1


def test_guessing_across_usernames_from_one_address_is_stopped(tree: Tree, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = 5
    official("officer", tree.commune, username="xa.congchuc")
    client = Client()
    statuses = [
        client.post("/accounts/login/", {"username": f"nguoi{i}", "password": "sai"}).status_code
        for i in range(7)
    ]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]
    # Even the right password is refused from that address until the hour has passed.
    right = client.post(
        "/accounts/login/", {"username": "xa.congchuc", "password": "mat-khau-thu-nghiem"}
    )
    assert right.status_code == 429
    assert "địa chỉ mạng" in right.content.decode() or "network address" in right.content.decode()
