"""Reminders reach each official once, in the app and by e-mail, and stay theirs alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from danvan.accounts.models import User
from danvan.accounts.services import issue_token
from danvan.core.audit import SYSTEM
from danvan.notifications.models import Notification
from danvan.notifications.services import notify, officials_holding
from danvan.notifications.tasks import send_pending_emails
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.django_db


def _remind(*people: User) -> list[Notification]:
    return notify(
        "plans.task:7:due-in-7:2026-12-01",
        people,
        subject="Nhiệm vụ sắp đến hạn",
        body="Nhiệm vụ «Tổ chức đối thoại» đến hạn ngày 01/12/2026.",
        url="/plans/tasks/7/",
    )


def test_a_reminder_sent_twice_reaches_each_official_once(
    tree: Tree, commune_officer: User, province_officer: User, django_capture_on_commit_callbacks
) -> None:
    commune_officer.email = "xa@example.vn"
    commune_officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        first = _remind(commune_officer, province_officer, commune_officer)
    with django_capture_on_commit_callbacks(execute=True):
        again = _remind(commune_officer, province_officer)
    assert len(first) == 2 and again == []
    assert Notification.objects.count() == 2
    # Only the official with an address gets the e-mail, once, with the link.
    assert [m.to for m in mail.outbox] == [["xa@example.vn"]]
    assert "/plans/tasks/7/" in mail.outbox[0].body
    # The retry job finds nothing left to send.
    assert send_pending_emails.call_local() == 0


def test_an_email_that_failed_is_retried_by_the_periodic_job(
    tree: Tree, commune_officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    commune_officer.email = "xa@example.vn"
    commune_officer.save()
    from danvan.notifications import services

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    note = _remind(commune_officer)[0]
    services.send_emails([note.pk])
    note.refresh_from_db()
    assert note.emailed_at is None and mail.outbox == []
    monkeypatch.undo()
    Notification.objects.filter(pk=note.pk).update(created_at="2026-01-01T00:00Z")
    assert send_pending_emails.call_local() == 1
    assert len(mail.outbox) == 1


def test_inbox_shows_unread_and_marks_read_and_unread(
    client: Client, tree: Tree, commune_officer: User
) -> None:
    note = _remind(commune_officer)[0]
    client.force_login(commune_officer)
    page = client.get("/notifications/").content.decode()
    assert "Nhiệm vụ sắp đến hạn" in page and "chưa đọc" in page
    assert client.get("/notifications/?show=unread").content.decode().count("notification-") >= 1

    client.post(f"/notifications/{note.pk}/toggle/")
    note.refresh_from_db()
    assert note.is_read
    assert "Nhiệm vụ sắp đến hạn" not in client.get("/notifications/?show=unread").content.decode()
    client.post(f"/notifications/{note.pk}/toggle/")
    note.refresh_from_db()
    assert not note.is_read

    response = client.get(f"/notifications/{note.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/plans/tasks/7/"
    note.refresh_from_db()
    assert note.is_read


def test_badge_counts_unread_notifications(
    client: Client, tree: Tree, commune_officer: User
) -> None:
    _remind(commune_officer)
    client.force_login(commune_officer)
    page = client.get("/notifications/").content.decode()
    assert 'class="badge" aria-label="1 chưa đọc"' in page


def test_notifications_belong_to_their_recipient_alone(
    client: Client, tree: Tree, commune_officer: User, province_officer: User
) -> None:
    note = _remind(commune_officer)[0]
    # Not even a provincial official whose scope covers the commune sees it.
    client.force_login(province_officer)
    assert "Nhiệm vụ sắp đến hạn" not in client.get("/notifications/").content.decode()
    assert client.post(f"/notifications/{note.pk}/toggle/").status_code == 404
    assert client.get(f"/notifications/{note.pk}/open/").status_code == 404
    _token, raw = issue_token(province_officer, "tích hợp", actor=SYSTEM)
    listed = client.get("/api/v1/notifications/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert listed.json()["count"] == 0
    client.post(
        "/api/v1/notifications/read",
        {"ids": [note.pk]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    note.refresh_from_db()
    assert not note.is_read


def test_api_lists_and_marks_my_notifications(tree: Tree, commune_officer: User) -> None:
    _remind(commune_officer)
    _token, raw = issue_token(commune_officer, "ứng dụng di động", actor=SYSTEM)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    listed = client.get("/api/v1/notifications/?unread=true").json()
    assert listed["count"] == 1 and listed["items"][0]["is_read"] is False
    marked = client.post("/api/v1/notifications/read", {}, content_type="application/json")
    assert marked.json() == {"marked": 1}
    assert client.get("/api/v1/notifications/?unread=true").json()["count"] == 0


def test_officials_holding_picks_current_holders_at_the_nearest_or_every_level(
    tree: Tree,
) -> None:
    commune = official("officer", tree.commune, username="cong-chuc")
    province = official("officer", tree.province, username="tinh")
    official("officer", tree.other_commune, username="xa-khac")
    official("officer", tree.department, subtree=False, username="so-khong-xuong")
    official("viewer", tree.commune, username="chi-xem")
    expired = official("officer", tree.commune, username="da-chuyen-cong-tac")
    expired.role_assignments.update(valid_until="2020-01-01")
    assert officials_holding("plans.change_task", tree.commune) == [commune]
    assert officials_holding("plans.change_task", tree.commune, every_level=True) == [
        commune,
        province,
    ]
    assert officials_holding("plans.change_task", tree.other_province, every_level=True) == []


def test_a_claim_left_by_a_killed_consumer_is_sent_after_its_lease(
    tree: Tree, commune_officer: User, settings
) -> None:  # type: ignore[no-untyped-def]
    commune_officer.email = "xa@example.vn"
    commune_officer.save()
    note = _remind(commune_officer)[0]
    mail.outbox.clear()
    # A consumer claimed the row and died before sending: within the lease nobody sends it…
    Notification.objects.filter(pk=note.pk).update(
        email_claimed_at=timezone.now() - dt.timedelta(seconds=30),
        emailed_at=None,
        created_at="2026-01-01T00:00Z",
    )
    settings.NOTIFICATIONS_EMAIL_LEASE_SECONDS = 3600
    assert send_pending_emails.call_local() == 0
    # …after it, the retry job sends it, once, under the row's own Message-ID.
    settings.NOTIFICATIONS_EMAIL_LEASE_SECONDS = 1
    assert send_pending_emails.call_local() == 1
    assert send_pending_emails.call_local() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<notification-{note.pk}@")
