from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.orgs.services import record_succession
from danvan.reporting.consolidation import completeness, consolidate, indicators
from danvan.reporting.models import DataValue, Submission, SubmissionStatus
from danvan.reporting.services import (
    ValuesInvalid,
    approve,
    open_submission,
    return_submission,
    save_draft,
    submit,
    submit_values,
    unlock,
)
from danvan.reporting.tests.factories import make_form
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.django_db

GOOD = {
    "officials_total": "20",
    "trained": "12",
    "models": "2",
    "satisfaction": "80",
    "has_plan": "có",
}


def _approved(form, unit, period, values, reviewer):  # type: ignore[no-untyped-def]
    sub = submit_values(form, unit, period, values=values, send=True, actor=SYSTEM)
    return approve(sub, version=sub.version, actor=reviewer)


def test_commune_submits_province_returns_commune_resubmits_province_approves(
    tree: Tree, commune_officer: User, province_officer: User
) -> None:
    form = make_form(tree)
    sub = open_submission(form, tree.commune, "2026-03", actor=commune_officer)
    assert sub.due_on == dt.date(2026, 3, 14) and sub.status == SubmissionStatus.DRAFT
    sub = save_draft(
        sub,
        values=GOOD,
        narratives={"ket_qua": "Tổ chức 2 lớp tập huấn."},
        version=sub.version,
        actor=commune_officer,
    )
    sub = submit(sub, version=sub.version, actor=commune_officer)
    with pytest.raises(UserError, match="cơ quan nhận báo cáo"):
        approve(sub, version=sub.version, actor=commune_officer)
    with pytest.raises(UserError, match="ghi rõ"):
        return_submission(sub, version=sub.version, comment=" ", actor=province_officer)
    sub = return_submission(
        sub, version=sub.version, comment="Bổ sung số mô hình.", actor=province_officer
    )
    assert sub.status == SubmissionStatus.RETURNED
    sub = save_draft(sub, values={"models": "3"}, version=sub.version, actor=commune_officer)
    sub = submit(sub, version=sub.version, actor=commune_officer)
    sub = approve(sub, version=sub.version, actor=province_officer)
    assert sub.locked
    assert set(DataValue.objects.filter(submission=sub).values_list("approved", flat=True)) == {
        True
    }
    with pytest.raises(UserError, match="khóa"):
        save_draft(sub, values={"models": "4"}, version=sub.version, actor=commune_officer)
    assert DataValue.objects.get(submission=sub, element__code="models").value == 3


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"trained": "mười"}, "trained", "không phải là số"),
        ({"trained": "-1"}, "trained", "số âm"),
        ({"trained": "1.5"}, "trained", "số nguyên"),
        ({"satisfaction": "120"}, "satisfaction", "100"),
        ({"officials_total": "5", "trained": "9"}, "trained", "vượt tổng số"),
        ({"has_plan": "chắc vậy"}, "has_plan", "Có hoặc Không"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(
    tree: Tree, commune_officer: User, values: dict[str, str], field: str, message: str
) -> None:
    form = make_form(tree)
    sub = open_submission(form, tree.commune, "2026-03", actor=commune_officer)
    with pytest.raises(ValuesInvalid) as caught:
        save_draft(sub, values={**GOOD, **values}, version=sub.version, actor=commune_officer)
    assert message in caught.value.errors[field]
    assert not DataValue.objects.exists()
    sub.refresh_from_db()
    assert sub.version == 1


def test_missing_value_needs_a_comment_to_submit(tree: Tree, commune_officer: User) -> None:
    form = make_form(tree)
    values = {k: v for k, v in GOOD.items() if k != "models"}
    sub = submit_values(form, tree.commune, "2026-03", values=values, actor=commune_officer)
    with pytest.raises(ValuesInvalid, match="ghi chú"):
        submit(sub, version=sub.version, actor=commune_officer)
    sub = save_draft(
        sub,
        comments={"models": "Chưa tổng kết mô hình."},
        version=sub.version,
        actor=commune_officer,
    )
    assert (
        submit(sub, version=sub.version, actor=commune_officer).status == SubmissionStatus.SUBMITTED
    )


def test_stale_version_is_refused(tree: Tree, commune_officer: User) -> None:
    form = make_form(tree)
    sub = open_submission(form, tree.commune, "2026-03", actor=commune_officer)
    save_draft(sub, values={"trained": "3"}, version=1, actor=commune_officer)
    with pytest.raises(UserError, match="người khác"):
        save_draft(sub, values={"trained": "4"}, version=1, actor=commune_officer)
    assert DataValue.objects.get(element__code="trained").value == 3


def test_units_outside_scope_or_assignment_cannot_report(
    tree: Tree, commune_officer: User, outsider: User
) -> None:
    form = make_form(tree)
    with pytest.raises(UserError, match="quyền"):
        open_submission(form, tree.other_commune, "2026-03", actor=commune_officer)
    with pytest.raises(UserError, match="không thuộc diện"):
        open_submission(form, tree.village, "2026-03", actor=commune_officer)


def test_administrator_unlocks_with_a_reason(
    tree: Tree, province_officer: User, province_admin: User
) -> None:
    form = make_form(tree)
    sub = _approved(form, tree.commune, "2026-03", GOOD, province_officer)
    with pytest.raises(UserError, match="quản trị viên"):
        unlock(sub, reason="Sai số liệu", actor=province_officer)
    sub = unlock(sub, reason="Sai số liệu", actor=province_admin)
    assert sub.status == SubmissionStatus.RETURNED and sub.unlock_reason == "Sai số liệu"
    assert not DataValue.objects.filter(approved=True).exists()


def test_province_figure_is_the_sum_of_its_units_including_a_commune_merged_mid_year(
    tree: Tree, province_officer: User
) -> None:
    form = make_form(tree)
    _approved(form, tree.commune, "2026-03", {**GOOD, "trained": "5"}, province_officer)
    _approved(
        form,
        tree.other_commune,
        "2026-03",
        {**GOOD, "trained": "7", "satisfaction": "90"},
        province_officer,
    )
    _approved(form, tree.department, "2026-03", {**GOOD, "trained": "11"}, province_officer)
    # a draft never counts
    submit_values(
        form,
        tree.commune,
        "2026-04",
        values={**GOOD, "trained": "100", "officials_total": "100"},
        actor=SYSTEM,
    )
    record_succession(
        kind="merge",
        predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune],
        effective_on=dt.date(2026, 7, 1),
        actor=SYSTEM,
    )
    tree.commune.refresh_from_db()
    province = consolidate(form, "2026-03", tree.province)
    assert province["trained"].value == 5 + 7 + 11
    assert province["trained"].reported_by == 3
    assert province["satisfaction"].value == Decimal("83.33")  # average of 80, 90, 80
    # after the merge the surviving commune carries the merged one's March figures
    survivor = consolidate(form, "2026-03", tree.other_commune)
    assert survivor["trained"].value == 12
    assert consolidate(form, "2026-03")["trained"].value == 23  # the whole country
    rate = {i.code: i.value for i in indicators(form, province)}
    assert rate["trained_rate"] == Decimal("38.3")  # 23 / 60 × 100


def test_completeness_counts_on_time_late_and_missing_at_every_level(
    tree: Tree, province_officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = make_form(tree)
    on_time = submit_values(form, tree.commune, "2026-03", values=GOOD, send=True, actor=SYSTEM)
    late = submit_values(form, tree.department, "2026-03", values=GOOD, send=True, actor=SYSTEM)
    Submission.objects.filter(pk=on_time.pk).update(
        first_submitted_at=dt.datetime(2026, 3, 10, tzinfo=dt.UTC)
    )
    Submission.objects.filter(pk=late.pk).update(
        first_submitted_at=dt.datetime(2026, 3, 20, tzinfo=dt.UTC)
    )
    result = completeness(form, "2026-03")
    assert (
        result.counts.expected,
        result.counts.submitted,
        result.counts.on_time,
        result.counts.late,
        result.counts.missing,
    ) == (3, 2, 1, 1, 1)
    assert result.root is not None and result.root.unit == tree.province
    states = {s.unit.key: s.state for s in result.units}
    assert states == {"w90001": "on_time", "p90.so-noi-vu": "late", "w90002": "missing"}
    commune_node = next(n for n in result.root.children if n.unit == tree.commune)
    assert commune_node.counts.expected == 1 and commune_node.counts.on_time == 1
    only_commune = completeness(form, "2026-03", tree.other_commune)
    assert only_commune.counts.expected == 1 and only_commune.counts.missing == 1
