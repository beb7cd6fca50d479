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


def test_every_former_reminder_job_is_a_registered_kind() -> None:
    registered_keys = {kind.key for kind in obligations.kinds()}
    assert {
        "plans.task",
        "plans.obligation",
        "reporting.submission",
        "dialogues.follow_up",
        "petitions.step",
    } <= registered_keys
    for kind in obligations.kinds():
        # Recipients by permission, never by role code.
        assert "." in kind.permission, kind.key


@pytest.fixture
def kind_with(tree: Tree) -> Iterator[list[Owed]]:
    items: list[Owed] = []
    obligations.register(
        ObligationKind(
            key="test.handled",
            label="handled thing",
            permission="reporting.change_submission",
            overdue_permission="reporting.approve_submission",
            owed=lambda start, end: [i for i in items if start <= i.due_on <= end],
            reminder_days=(3,),
            notification_key=lambda item, slot: f"legacy:{item.item_key}:{slot}",
        )
    )
    yield items
    obligations._KINDS.pop("test.handled")


def test_handlers_first_then_everyone_once_overdue(
    kind_with: list[Owed], tree: Tree, commune_officer: User, province_officer: User
) -> None:
    from danvan.testing.fixtures import official

    handler = official("officer", tree.commune, username="xa.canbo2")
    reviewer = official("leader", tree.department, username="so.lanhdao")
    kind_with.append(
        Owed(
            item_key="9",
            unit=tree.commune,
            due_on=DUE,
            title="Hồ sơ",
            handlers=(handler,),
            watcher=tree.department,
        )
    )
    only = ["test.handled"]
    # Before the due date: the handler alone, under the kind's own key format.
    assert obligations.remind(DUE - dt.timedelta(days=2), only=only) == {"test.handled": 1}
    assert Notification.objects.get().key == "legacy:9:d3"
    assert subjects(handler) and not subjects(commune_officer)
    # Overdue: the handler, the unit's officials by permission, and the watcher unit's
    # officials holding the overdue permission; nobody at the province (nearest level only).
    assert obligations.remind(DUE + dt.timedelta(days=1), only=only) == {"test.handled": 3}
    assert Notification.objects.filter(key="legacy:9:overdue").count() == 3
    assert subjects(reviewer) and subjects(commune_officer)
    assert not subjects(province_officer)


def test_an_untracked_past_date_and_an_old_one_are_not_chased(
    kind_with: list[Owed], tree: Tree, commune_officer: User
) -> None:
    kind_with.append(
        Owed(item_key="1", unit=tree.commune, due_on=DUE, title="Kỳ trước", remind_overdue=False)
    )
    assert obligations.remind(DUE + dt.timedelta(days=1), only=["test.handled"]) == {
        "test.handled": 0
    }
    kind_with[0] = Owed(item_key="1", unit=tree.commune, due_on=DUE, title="Kỳ trước")
    late = DUE + dt.timedelta(days=obligations.MISSED_LOOKBACK_DAYS + 1)
    assert obligations.remind(late, only=["test.handled"]) == {"test.handled": 0}


def test_messages_are_vietnamese_whatever_the_callers_language(
    registered: list[Owed], commune_officer: User
) -> None:
    from django.utils import translation

    with translation.override("en"):
        obligations.remind(DUE, only=["test.thing"])
    note = Notification.objects.get(recipient=commune_officer)
    assert note.subject == "Đến hạn hôm nay: Ban hành kế hoạch"
    assert "phải hoàn thành «Ban hành kế hoạch» (thing) trong hôm nay (20/12/2026)" in note.body


def test_a_broken_kind_does_not_silence_the_others(
    registered: list[Owed], commune_officer: User
) -> None:
    def broken(start: dt.date, end: dt.date) -> Iterable[Owed]:
        raise RuntimeError("bug in one app")

    obligations.register(
        ObligationKind(key="test.broken", label="x", permission="plans.change_task", owed=broken)
    )
    try:
        sent = obligations.remind(DUE, only=["test.broken", "test.thing"])
    finally:
        obligations._KINDS.pop("test.broken")
    assert sent == {"test.broken": 0, "test.thing": 1}


def test_overdue_and_due_soon_predicates_of_an_obligation_model(
    tree: Tree,
) -> None:
    from danvan.plans.models import Plan, Task, TaskStatus

    plan = Plan.objects.create(owner=tree.province, title="KH", year_from=2026, year_to=2026)
    late = Task.objects.create(plan=plan, title="Trễ", due_on=DUE - dt.timedelta(days=1))
    soon = Task.objects.create(plan=plan, title="Sắp", due_on=DUE + dt.timedelta(days=2))
    Task.objects.create(
        plan=plan, title="Xong", due_on=DUE - dt.timedelta(days=5), status=TaskStatus.DONE
    )
    Task.objects.create(plan=plan, title="Xa", due_on=DUE + dt.timedelta(days=30))
    assert list(Task.objects.overdue(DUE)) == [late]
    assert list(Task.objects.due_soon(3, DUE)) == [soon]


def test_officials_holding_reads_the_roles_once_until_a_role_changes(
    tree: Tree, commune_officer: User, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from danvan.accounts.models import Role
    from danvan.core import stamps
    from danvan.notifications.services import _roles_granting, officials_holding, roles_granting

    _roles_granting.clear()
    stamps.touch(stamps.ACCESS)
    with stamps.request_snapshot():
        first = roles_granting("dialogues.change_followupaction")
        with django_assert_num_queries(0):
            assert roles_granting("dialogues.change_followupaction") == first
    viewer = Role.objects.get(code="viewer")
    assert viewer.pk not in first
    viewer.permissions = [*viewer.permissions, "dialogues.*"]
    viewer.save()  # the access stamp moves with the role
    assert viewer.pk in roles_granting("dialogues.change_followupaction")
    assert commune_officer in officials_holding("dialogues.change_followupaction", tree.commune)


def test_every_obligation_model_declares_its_due_date_and_what_open_means() -> None:
    from django.apps import apps
    from django.db.models import Q

    from danvan.core.obligations import DueDateQuerySetMixin

    found = []
    for model in apps.get_models():
        queryset_class = type(model._default_manager.get_queryset())
        if issubclass(queryset_class, DueDateQuerySetMixin):
            found.append(model._meta.label)
            field = model._meta.get_field(model.due_date_field)  # type: ignore[attr-defined]
            assert field.get_internal_type() == "DateField", model
            assert isinstance(model.open_q, Q), model  # type: ignore[attr-defined]
    assert {
        "plans.Task",
        "plans.ImplementationObligation",
        "reporting.Submission",
        "dialogues.FollowUpAction",
        "petitions.Petition",
    } <= set(found)
