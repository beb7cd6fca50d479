"""The one reminder job: windows, overdue once, nothing twice, merged units' successors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import pytest

from danvan.accounts.models import User
from danvan.core import obligations
from danvan.core.obligations import ObligationKind, Owed, Timeliness, timeliness, window
from danvan.notifications.models import Notification
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 12, 20)


@pytest.fixture
def registered(tree: Tree) -> Iterator[list[Owed]]:
    items = [Owed(item_key="1", unit=tree.commune, due_on=DUE, title="Ban hành kế hoạch")]

    def owed(start: dt.date, end: dt.date) -> Iterable[Owed]:
        return [item for item in items if start <= item.due_on <= end]

    obligations.register(
        ObligationKind(
            key="test.thing",
            label="thing",
            permission="reporting.change_submission",
            owed=owed,
            reminder_days=(7, 0),
        )
    )
    yield items
    obligations._KINDS.pop("test.thing")


def subjects(user: User) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def test_windows_then_overdue_each_once(registered: list[Owed], commune_officer: User) -> None:
    remind = obligations.remind
    assert remind(DUE - dt.timedelta(days=8), only=["test.thing"]) == {"test.thing": 0}
    assert remind(DUE - dt.timedelta(days=7), only=["test.thing"]) == {"test.thing": 1}
    # Still in the 7-day window: nothing new.
    assert remind(DUE - dt.timedelta(days=3), only=["test.thing"]) == {"test.thing": 0}
    assert remind(DUE, only=["test.thing"]) == {"test.thing": 1}
    assert remind(DUE + dt.timedelta(days=1), only=["test.thing"]) == {"test.thing": 1}
    assert remind(DUE + dt.timedelta(days=2), only=["test.thing"]) == {"test.thing": 0}
    assert len(subjects(commune_officer)) == 3


def test_a_moved_due_date_is_a_new_reminder(registered: list[Owed], commune_officer: User) -> None:
    obligations.remind(DUE, only=["test.thing"])
    later = DUE + dt.timedelta(days=10)
    registered[0] = Owed(item_key="1", unit=registered[0].unit, due_on=later, title="Ban hành")
    assert obligations.remind(later, only=["test.thing"]) == {"test.thing": 1}


def test_windows_and_timeliness() -> None:
    assert window(3, (7, 0)) == 7
    assert window(0, (7, 1, 0)) == 0
    assert window(8, (7, 0)) is None
    today = dt.date(2026, 12, 6)
    assert timeliness(DUE, None, today) is Timeliness.OPEN
    assert timeliness(dt.date(2026, 12, 1), None, today) is Timeliness.OVERDUE
    assert timeliness(DUE, DUE, today) is Timeliness.ON_TIME
    assert timeliness(DUE, DUE + dt.timedelta(days=1), today) is Timeliness.LATE
