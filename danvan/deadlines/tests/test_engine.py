"""The deadline engine: counting rules of BLDS 2015 arts. 147–148, variants and extensions.

Every expected date is counted by hand; the comment says how.
"""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import UserError
from danvan.deadlines import compute_due_date
from danvan.deadlines.models import DeadlineRule
from danvan.deadlines.services import save_rule, set_calendar_day

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_period_starts_the_day_after_the_event() -> None:
    # complaint.accept: 10 days from Monday 5/1/2026. Day 1 is Tuesday 6/1, day 10 is
    # Thursday 15/1 (counting the event's own day would give 14/1).
    due = compute_due_date("complaint.accept", D(2026, 1, 5))
    assert due.due_date == D(2026, 1, 15)
    assert due.basis == "Điều 27 Luật Khiếu nại số 02/2011/QH13"
    assert "Điều 147" in due.explanation


def test_a_last_day_on_a_weekend_moves_to_the_next_working_day() -> None:
    # 10 days from Wednesday 7/1/2026: day 10 is Saturday 17/1 -> Monday 19/1.
    due = compute_due_date("complaint.accept", D(2026, 1, 7))
    assert due.due_date == D(2026, 1, 19)
    assert "Điều 148" in due.explanation


def test_a_last_day_in_tet_moves_past_the_whole_holiday() -> None:
    # 10 days from Friday 6/2/2026: day 10 is Monday 16/2, the first day of Tết; 16–20 Tết,
    # 21–22 weekend -> Monday 23/2/2026.
    due = compute_due_date("complaint.accept", D(2026, 2, 6))
    assert due.due_date == D(2026, 2, 23)
    assert "Tết Âm lịch Bính Ngọ" in due.explanation


def test_a_last_day_on_a_swapped_day_off_moves_on() -> None:
    # 10 days from Monday 22/12/2025: day 10 is Thursday 1/1/2026 (Tết Dương lịch), Friday 2/1
    # is swapped off, 3–4/1 weekend -> Monday 5/1/2026.
    assert compute_due_date("complaint.accept", D(2025, 12, 22)).due_date == D(2026, 1, 5)


def test_a_last_day_on_a_make_up_saturday_stays() -> None:
    # 10 days from Wednesday 16/4/2025: day 10 is Saturday 26/4/2025, a working day (làm bù).
    assert compute_due_date("complaint.accept", D(2025, 4, 16)).due_date == D(2025, 4, 26)


@pytest.mark.parametrize(
    ("rule", "complex", "remote", "expected"),
    [
        # From Monday 12/1/2026 (January has 31 days):
        ("complaint.first", False, False, D(2026, 2, 11)),  # +30: Wednesday 11/2
        ("complaint.first", True, False, D(2026, 2, 26)),  # +45: Thursday 26/2
        ("complaint.first", False, True, D(2026, 2, 26)),  # +45: Thursday 26/2
        ("complaint.first", True, True, D(2026, 3, 13)),  # +60: Friday 13/3
        ("complaint.second", False, False, D(2026, 2, 26)),  # +45: Thursday 26/2
        ("complaint.second", True, False, D(2026, 3, 13)),  # +60: Friday 13/3
        ("complaint.second", False, True, D(2026, 3, 13)),  # +60: Friday 13/3
        ("complaint.second", True, True, D(2026, 3, 23)),  # +70: Monday 23/3
    ],
)
def test_complex_and_remote_variants(
    rule: str, complex: bool, remote: bool, expected: dt.date
) -> None:
    assert compute_due_date(rule, D(2026, 1, 12), complex=complex, remote=remote).due_date == (
        expected
    )


def test_the_filing_limit_counts_ninety_calendar_days() -> None:
    # 90 days from Monday 2/3/2026: March has 29 days left (to 31/3), April 30 -> 59,
    # May 31 -> 90 on Sunday 31/5/2026 -> Monday 1/6/2026.
    assert compute_due_date("complaint.filing_limit", D(2026, 3, 2)).due_date == D(2026, 6, 1)


@pytest.mark.parametrize(
    ("extensions", "complex", "especially", "expected"),
    [
        # From Thursday 1/10/2026: +30 is Saturday 31/10 -> Monday 2/11;
        (0, False, False, D(2026, 11, 2)),
        # +60 is Monday 30/11 (one extension: complex case);
        (1, True, False, D(2026, 11, 30)),
        (1, False, True, D(2026, 11, 30)),
        # +90 is Wednesday 30/12 (two extensions: especially complex case).
        (2, False, True, D(2026, 12, 30)),
    ],
)
def test_denunciation_extensions(
    extensions: int, complex: bool, especially: bool, expected: dt.date
) -> None:
    due = compute_due_date(
        "denunciation.resolve",
        D(2026, 10, 1),
        extensions=extensions,
        complex=complex,
        especially_complex=especially,
    )
    assert due.due_date == expected
    assert due.basis == "Điều 30 Luật Tố cáo số 25/2018/QH14"


@pytest.mark.parametrize(
    ("extensions", "complex", "especially"),
    [(1, False, False), (2, True, False), (3, False, True)],
    ids=["plain-case-once", "complex-twice", "especially-complex-three-times"],
)
def test_denunciation_extensions_follow_the_complexity_of_the_case(
    extensions: int, complex: bool, especially: bool
) -> None:
    """Điều 30 Luật Tố cáo 2018: once if complex, twice if especially complex, else never."""
    with pytest.raises(UserError, match="phức tạp \\(tối đa 1 lần\\).*tối đa 2 lần"):
        compute_due_date(
            "denunciation.resolve",
            D(2026, 10, 1),
            extensions=extensions,
            complex=complex,
            especially_complex=especially,
        )


def test_a_third_denunciation_extension_is_refused() -> None:
    with pytest.raises(UserError, match="tối đa 2 lần"):
        compute_due_date(
            "denunciation.resolve", D(2026, 10, 1), extensions=3, especially_complex=True
        )


def test_extensions_are_refused_where_the_law_allows_none() -> None:
    with pytest.raises(UserError, match="không cho phép gia hạn"):
        compute_due_date("complaint.first", D(2026, 10, 1), extensions=1)


def test_a_variant_the_rule_does_not_have_is_refused() -> None:
    with pytest.raises(UserError, match="vụ việc phức tạp"):
        compute_due_date("complaint.accept", D(2026, 10, 1), complex=True)


def test_working_day_rule_counts_across_tet() -> None:
    # petition.handle: 10 working days from Thursday 12/2/2026: Friday 13/2 (1); 14–22 weekend
    # and Tết; 23–27/2 (2–6); 2–5/3 (7–10) -> Thursday 5/3/2026.
    due = compute_due_date("petition.handle", D(2026, 2, 12))
    assert due.due_date == D(2026, 3, 5)
    assert due.unit == "working_day"


def test_unknown_rule_lists_the_valid_ids() -> None:
    with pytest.raises(UserError) as info:
        compute_due_date("complaint.thirdd", D(2026, 1, 5))
    for rule_id in (
        "complaint.filing_limit",
        "complaint.accept",
        "complaint.first",
        "complaint.second",
        "denunciation.resolve",
        "petition.handle",
    ):
        assert rule_id in info.value.message


def test_a_start_before_the_law_is_refused() -> None:
    # Luật Tố cáo 2018 is in force from 1/1/2019.
    with pytest.raises(UserError, match="không có phiên bản"):
        compute_due_date("denunciation.resolve", D(2018, 12, 31))


def test_the_version_in_force_on_the_start_day_applies() -> None:
    old = DeadlineRule.objects.get(rule_id="complaint.accept")
    old.effective_to = D(2026, 6, 30)
    save_rule(old)
    save_rule(
        DeadlineRule(
            rule_id="complaint.accept",
            name="Thụ lý giải quyết khiếu nại lần đầu (sửa đổi, giả định)",
            start_event="Ngày nhận được khiếu nại",
            duration=7,
            unit="calendar_day",
            legal_basis="Phiên bản thử nghiệm",
            effective_from=D(2026, 7, 1),
        )
    )
    # Tuesday 30/6/2026 + 10 = Friday 10/7; Wednesday 1/7/2026 + 7 = Wednesday 8/7.
    assert compute_due_date("complaint.accept", D(2026, 6, 30)).due_date == D(2026, 7, 10)
    newer = compute_due_date("complaint.accept", D(2026, 7, 1))
    assert newer.due_date == D(2026, 7, 8)
    assert newer.basis == "Phiên bản thử nghiệm"


def test_overlapping_versions_are_refused() -> None:
    with pytest.raises(UserError, match="Dữ liệu không hợp lệ"):
        save_rule(
            DeadlineRule(
                rule_id="complaint.accept",
                name="Trùng thời gian",
                start_event="Ngày nhận được khiếu nại",
                duration=7,
                unit="calendar_day",
                legal_basis="x",
                effective_from=D(2026, 7, 1),
            )
        )


def test_a_rule_edit_through_the_orm_changes_the_next_result() -> None:
    # 10 -> 12 days from Monday 5/1/2026: day 12 is Saturday 17/1 -> Monday 19/1.
    DeadlineRule.objects.filter(rule_id="complaint.accept").update(duration=12)
    assert compute_due_date("complaint.accept", D(2026, 1, 5)).due_date == D(2026, 1, 19)


def test_a_new_calendar_entry_changes_a_cached_computation() -> None:
    # 10 working days from Monday 5/10/2026: 6–9 (1–4), 12–16 (5–9), Monday 19/10 (10).
    assert compute_due_date("petition.handle", D(2026, 10, 5)).due_date == D(2026, 10, 19)
    set_calendar_day(D(2026, 10, 7), "day_off", name="Nghỉ đột xuất", legal_basis="Giả định")
    # With Wednesday 7/10 off the 10th working day is Tuesday 20/10.
    assert compute_due_date("petition.handle", D(2026, 10, 5)).due_date == D(2026, 10, 20)


def test_rule_notes_say_where_the_defaults_were_checked(db: None) -> None:
    """What an administrator reads in the admin: the source of each figure, and that an
    administrator's own wording survives a later data migration."""
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from danvan.deadlines.models import DeadlineRule

    # The models as that migration saw them (the rules were then in the petitions app).
    node = ("petitions", "0010_deadline_rule_sources_2026")
    apps = MigrationLoader(connection).project_state(node).apps

    second = DeadlineRule.objects.get(rule_id="complaint.second")
    assert "thanhtra.laocai.gov.vn" in second.note
    assert "136/2025/QH15" in second.note
    assert "khdlaw.vn" in DeadlineRule.objects.get(rule_id="complaint.filing_limit").note
    assert "mã 315145" in DeadlineRule.objects.get(rule_id="petition.handle").note
    first = DeadlineRule.objects.get(rule_id="complaint.first")
    first.note = "Sở Tư pháp đã đối chiếu nguyên văn ngày 02/3/2026."
    first.save()
    migration = importlib.import_module(
        "danvan.petitions.migrations.0010_deadline_rule_sources_2026"
    )
    migration.forwards(apps, None)
    first.refresh_from_db()
    assert first.note == "Sở Tư pháp đã đối chiếu nguyên văn ngày 02/3/2026."
