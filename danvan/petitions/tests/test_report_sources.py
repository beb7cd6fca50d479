"""The figures petitions and the reception register give to periodic reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from danvan.accounts.models import User
from danvan.orgs.models import OrgUnit
from danvan.petitions.casework import services
from danvan.petitions.models import Petition
from danvan.petitions.reception.services import ReceptionInput, register_reception
from danvan.reporting import sources
from danvan.testing.fixtures import Tree, official

from .factories import classify_within, make_petition

pytestmark = pytest.mark.django_db

# The data window of the monthly report 2026-03 (cut-off day 15).
START, END = dt.date(2026, 2, 15), dt.date(2026, 3, 14)


@pytest.fixture
def clerk(tree: Tree) -> User:
    return official("reception_officer", tree.province, username="tinh.tiepdan")


def figure(code: str, unit: OrgUnit, start: dt.date = START, end: dt.date = END) -> Decimal | None:
    source = sources.get(code)
    assert source is not None, code
    return source.compute(unit, start, end)


def accept(clerk: User, petition: Petition, kind: str, on: dt.date, **kw: object) -> Petition:
    petition = classify_within(clerk, petition, kind=kind, **kw)
    return services.transition(petition, "accepted", petition.version, on=on, actor=clerk)


def answer(clerk: User, petition: Petition, on: dt.date) -> Petition:
    return services.transition(
        petition, "answered", petition.version, answer="Đã trả lời.", on=on, actor=clerk
    )


def test_received_counts_the_units_own_petitions_of_the_window_by_kind(
    tree: Tree, clerk: User
) -> None:
    def received(unit: OrgUnit, day: dt.date, kind: str = "", crowd: int = 1) -> Petition:
        petition = make_petition(clerk, unit, received_on=day, crowd_size=crowd)
        return classify_within(clerk, petition, kind=kind) if kind else petition

    received(tree.commune, START, "complaint")  # first day of the window
    received(tree.commune, END, "denunciation")  # last day
    received(tree.commune, dt.date(2026, 3, 2), "feedback", crowd=6)
    received(tree.commune, dt.date(2026, 3, 5))  # not classified yet: no kind
    received(tree.commune, START - dt.timedelta(days=1), "complaint")
    received(tree.commune, END + dt.timedelta(days=1), "complaint")
    received(tree.other_commune, dt.date(2026, 3, 2), "complaint")
    received(tree.village, dt.date(2026, 3, 2), "complaint")  # below the commune

    assert figure("petitions.received", tree.commune) == 4
    assert figure("petitions.received_complaint", tree.commune) == 1
    assert figure("petitions.received_denunciation", tree.commune) == 1
    assert figure("petitions.received_feedback", tree.commune) == 1
    assert figure("petitions.received_recommendation", tree.commune) == 0
    assert figure("petitions.crowded", tree.commune) == 1
    # A unit's own figure only: the province handled none itself, whatever its communes did.
    assert figure("petitions.received", tree.province) == 0
    assert figure("petitions.received", tree.other_commune) == 1


def test_answered_on_time_uses_the_due_date_in_force_when_answered(tree: Tree, clerk: User) -> None:
    on_time = accept(
        clerk,
        make_petition(clerk, tree.commune, received_on=dt.date(2026, 2, 20)),
        "feedback",
        dt.date(2026, 2, 23),
    )
    assert on_time.due_on is not None and START <= on_time.due_on <= END
    answer(clerk, on_time, on_time.due_on)  # on the due day itself

    late = accept(
        clerk,
        make_petition(clerk, tree.commune, received_on=dt.date(2026, 2, 16)),
        "recommendation",
        dt.date(2026, 2, 18),
    )
    assert late.due_on is not None and late.due_on + dt.timedelta(days=1) <= END
    answer(clerk, late, late.due_on + dt.timedelta(days=1))

    # A denunciation answered after its first due date but within the extension granted.
    extended = accept(
        clerk,
        make_petition(clerk, tree.commune, received_on=dt.date(2026, 1, 5)),
        "denunciation",
        dt.date(2026, 1, 8),
        is_complex=True,
    )
    first_due = extended.due_on
    services.extend(
        extended, extended.version, decision_number="05/QĐ-UBND",
        decision_date=dt.date(2026, 2, 1), reason="Vụ việc phức tạp", actor=clerk,
    )  # fmt: skip
    extended.refresh_from_db()
    assert first_due is not None and extended.due_on is not None
    answered_on = dt.date(2026, 3, 2)
    assert first_due < answered_on <= extended.due_on
    answer(clerk, extended, answered_on)

    before = accept(
        clerk,
        make_petition(clerk, tree.commune, received_on=dt.date(2026, 1, 12)),
        "feedback",
        dt.date(2026, 1, 14),
    )
    answer(clerk, before, dt.date(2026, 2, 10))  # answered before the window
    other = accept(
        clerk,
        make_petition(clerk, tree.other_commune, received_on=dt.date(2026, 2, 20)),
        "feedback",
        dt.date(2026, 2, 23),
    )
    answer(clerk, other, dt.date(2026, 2, 24))

    assert figure("petitions.answered", tree.commune) == 3
    assert figure("petitions.answered_on_time", tree.commune) == 2
    assert figure("petitions.answered_on_time", tree.other_commune) == 1


def test_overdue_at_the_end_of_the_window_follows_the_workflow_log(tree: Tree, clerk: User) -> None:
    make_petition(clerk, tree.commune, received_on=dt.date(2026, 1, 5))  # never handled
    handled_late = accept(
        clerk,
        make_petition(clerk, tree.commune, received_on=dt.date(2026, 1, 6)),
        "feedback",
        dt.date(2026, 1, 9),
    )
    assert handled_late.due_on is not None and handled_late.due_on < dt.date(2026, 2, 14)
    answer(clerk, handled_late, dt.date(2026, 3, 1))
    make_petition(clerk, tree.commune, received_on=dt.date(2026, 3, 10))  # not due yet
    make_petition(clerk, tree.other_commune, received_on=dt.date(2026, 1, 5))

    february = (dt.date(2026, 1, 15), dt.date(2026, 2, 14))
    # On 14/2 both were open and past due, though one has been answered since.
    assert figure("petitions.overdue_open", tree.commune, *february) == 2
    assert figure("petitions.overdue_open", tree.commune) == 1
    assert figure("petitions.overdue_open", tree.other_commune) == 1


def test_reception_register_counts_entries_and_people(tree: Tree, clerk: User) -> None:
    def receive(unit: OrgUnit, day: dt.date, size: int = 1) -> None:
        register_reception(
            ReceptionInput(
                unit=unit, received_on=day, person_name="Hoàng Thị Mai",
                content="Hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
                handling="answered", group_size=size,
                representatives="Hoàng Thị Mai, Nông Văn Tám" if size >= 5 else "",
            ), actor=clerk,
        )  # fmt: skip

    receive(tree.commune, dt.date(2026, 3, 2))
    receive(tree.commune, dt.date(2026, 3, 3), size=6)
    receive(tree.commune, dt.date(2026, 3, 20))
    receive(tree.other_commune, dt.date(2026, 3, 2), size=5)

    assert figure("reception.entries", tree.commune) == 2
    assert figure("reception.people", tree.commune) == 7
    assert figure("reception.people", tree.province) == 0
