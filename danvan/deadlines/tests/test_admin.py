"""Administrators edit rules and calendar entries in the Django admin; results follow."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.test import Client

from danvan.accounts.models import User
from danvan.deadlines import compute_due_date, is_working_day
from danvan.deadlines.models import CalendarEntry, DeadlineRule
from danvan.testing.fixtures import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> tuple[Client, User]:
    root = User.objects.create(username="root", is_superuser=True, is_staff=True)
    client = signed_in(root)  # a superuser passes the second factor first
    return client, root


def _form(rule: DeadlineRule, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "rule_id": rule.rule_id,
        "name": rule.name,
        "start_event": rule.start_event,
        "legal_basis": rule.legal_basis,
        "duration": rule.duration,
        "unit": rule.unit,
        "complex_duration": rule.complex_duration or "",
        "remote_duration": rule.remote_duration or "",
        "remote_complex_duration": rule.remote_complex_duration or "",
        "extension_days": rule.extension_days or "",
        "max_extensions": rule.max_extensions,
        "effective_from": rule.effective_from.isoformat(),
        "effective_to": "",
        "note": rule.note,
    }
    data.update(changes)
    return data


def test_an_admin_edit_of_a_rule_changes_the_due_date_and_is_audited(
    admin_client: tuple[Client, User],
) -> None:
    client, root = admin_client
    rule = DeadlineRule.objects.get(rule_id="complaint.accept")
    # 10 days from Monday 5/1/2026 -> Thursday 15/1/2026.
    assert compute_due_date("complaint.accept", dt.date(2026, 1, 5)).due_date == dt.date(
        2026, 1, 15
    )
    response = client.post(
        f"/admin/deadlines/deadlinerule/{rule.pk}/change/", _form(rule, duration=5)
    )
    assert response.status_code == 302, response.content[:800]
    # 5 days from Monday 5/1/2026 -> Saturday 10/1/2026, a make-up working day in 2026.
    assert compute_due_date("complaint.accept", dt.date(2026, 1, 5)).due_date == dt.date(
        2026, 1, 10
    )
    entry = LogEntry.objects.get_for_object(rule).latest("timestamp")
    assert entry.actor == root
    assert entry.changes_dict["duration"] == ["10", "5"]


def test_the_admin_refuses_an_overlapping_version(admin_client: tuple[Client, User]) -> None:
    client, _ = admin_client
    rule = DeadlineRule.objects.get(rule_id="complaint.accept")
    response = client.post(
        "/admin/deadlines/deadlinerule/add/", _form(rule, effective_from="2026-07-01")
    )
    assert response.status_code == 200  # the form again, with the error
    assert DeadlineRule.objects.filter(rule_id="complaint.accept").count() == 1


def test_an_admin_calendar_entry_makes_a_day_off(admin_client: tuple[Client, User]) -> None:
    client, _ = admin_client
    assert is_working_day(dt.date(2026, 12, 31))
    response = client.post(
        "/admin/deadlines/calendarentry/add/",
        {
            "day": "2026-12-31",
            "kind": "day_off",
            "name": "Nghỉ hoán đổi Tết Dương lịch 2027",
            "legal_basis": "Thông báo giả định",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content[:800]
    assert CalendarEntry.objects.filter(day=dt.date(2026, 12, 31)).exists()
    assert not is_working_day(dt.date(2026, 12, 31))
