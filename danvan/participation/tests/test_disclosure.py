"""Disclosure services and compliance: the three cases of the Acceptance and the bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import UserError
from danvan.deadlines.calendar import add_working_days
from danvan.testing.fixtures import Tree

from ..compliance import check, rollup, unit_year
from ..models import Channel, Disclosure, DisclosureItem
from ..services.disclosure import ChannelInput, record_disclosure

TODAY = dt.date(2026, 12, 1)
DECIDED = dt.date(2026, 3, 2)  # a Monday


def _record(officer, unit, code, channels, decided_on=DECIDED):  # type: ignore[no-untyped-def]
    return record_disclosure(
        actor=officer,
        owner=unit,
        item=DisclosureItem.objects.get(code=code),
        title=f"Công khai khoản {code}",
        decided_on=decided_on,
        channels=channels,
    )


def test_posted_25_days_instead_of_30_is_too_short(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    start = DECIDED + dt.timedelta(days=1)
    d = _record(
        commune_officer,
        tree.commune,
        "xa.1",
        [ChannelInput(Channel.POSTING, start, start + dt.timedelta(days=24))],
    )
    result = check(d, TODAY)
    assert result.has("too_short") and not result.has("late")
    assert "25 ngày" in result.findings[0].message and "30 ngày" in result.findings[0].message
    ok = _record(
        commune_officer,
        tree.commune,
        "xa.2",
        [ChannelInput(Channel.POSTING, start, start + dt.timedelta(days=29))],
    )
    assert check(ok, TODAY).ok


def test_disclosed_7_working_days_after_the_decision_is_late(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    seventh = add_working_days(DECIDED, 7)
    fifth = add_working_days(DECIDED, 5)
    late = _record(
        commune_officer,
        tree.commune,
        "xa.3",
        [ChannelInput(Channel.POSTING, seventh, seventh + dt.timedelta(days=30))],
    )
    result = check(late, TODAY)
    assert result.has("late") and result.due_on == fifth
    on_time = _record(
        commune_officer,
        tree.commune,
        "xa.5",
        [ChannelInput(Channel.POSTING, fifth, fifth + dt.timedelta(days=30))],
    )
    assert not check(on_time, TODAY).has("late")


def test_an_item_never_put_on_the_radio(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    start = DECIDED + dt.timedelta(days=1)
    posting = ChannelInput(Channel.POSTING, start, start + dt.timedelta(days=30))
    without = _record(commune_officer, tree.commune, "xa.8", [posting])
    assert check(without, TODAY).has("no_radio")
    short_radio = _record(
        commune_officer,
        tree.commune,
        "xa.9",
        [posting, ChannelInput(Channel.RADIO, start, start + dt.timedelta(days=1))],
    )
    assert check(short_radio, TODAY).has("radio_too_short")
    with_radio = _record(
        commune_officer,
        tree.commune,
        "xa.10",
        [posting, ChannelInput(Channel.RADIO, start, start + dt.timedelta(days=2))],
    )
    assert check(with_radio, TODAY).ok
    # Item 1 needs no radio.
    assert not check(_record(commune_officer, tree.commune, "xa.1", [posting]), TODAY).has(
        "no_radio"
    )


def test_unit_year_lists_missing_items_and_rolls_up(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    start = DECIDED + dt.timedelta(days=1)
    _record(
        commune_officer,
        tree.commune,
        "xa.1",
        [ChannelInput(Channel.POSTING, start, start + dt.timedelta(days=24))],
    )
    year = unit_year(tree.commune, 2026, TODAY)
    assert year.made == 1 and year.too_short == 1
    # 14 items, item 14 optional, item 1 disclosed: 12 missing.
    assert year.missing == 12
    rows = {r.unit: r for r in rollup(tree.province, 2026, TODAY)}
    assert set(rows) == {tree.commune, tree.other_commune}
    assert rows[tree.other_commune].missing == 13 and rows[tree.other_commune].made == 0


def test_the_rollup_reads_every_commune_in_a_bounded_number_of_queries(
    tree: Tree, commune_officer, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """The compliance page of a province ran three queries per commune (180 for Cao Bằng's 56):
    the communes, the items and the year's disclosures are read once whatever their number."""
    from danvan.testing.factories import OrgUnitFactory

    for _ in range(6):
        OrgUnitFactory.create(parent=tree.province)
    start = DECIDED + dt.timedelta(days=1)
    _record(
        commune_officer, tree.commune, "xa.1",
        [ChannelInput(Channel.POSTING, start, start + dt.timedelta(days=24))],
    )  # fmt: skip
    with django_assert_max_num_queries(6):
        rows = rollup(tree.province, 2026, TODAY)
    assert len(rows) == 8
    assert {r.unit: (r.made, r.missing) for r in rows}[tree.commune] == (1, 12)


@pytest.mark.parametrize(
    ("channels", "message"),
    [
        (
            [ChannelInput(Channel.POSTING, dt.date(2026, 3, 10), dt.date(2026, 3, 5))],
            "không được trước ngày bắt đầu",
        ),
        ([], "ít nhất một hình thức"),
        ([ChannelInput(Channel.POSTING, dt.date(2026, 3, 1))], "trước ngày ban hành"),
    ],
)
def test_bad_disclosures_are_refused_and_nothing_is_written(
    tree: Tree, commune_officer, channels, message
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match=message):
        _record(commune_officer, tree.commune, "xa.1", channels)
    assert not Disclosure.objects.exists()


def test_a_commune_item_is_refused_for_a_department(tree: Tree, province_officer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="không áp dụng"):
        _record(
            province_officer,
            tree.department,
            "xa.1",
            [ChannelInput(Channel.POSTING, DECIDED)],
        )
    agency = _record(
        province_officer,
        tree.department,
        "cq.2",
        [ChannelInput(Channel.POSTING, DECIDED, DECIDED + dt.timedelta(days=19))],
    )
    assert check(agency, TODAY).ok  # 20 days is enough for an agency (Điều 48)


def test_outsider_may_not_record(tree: Tree, outsider) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _record(outsider, tree.commune, "xa.1", [ChannelInput(Channel.POSTING, DECIDED)])
