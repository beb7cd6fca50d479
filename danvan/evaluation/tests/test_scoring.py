"""The evaluation computed on hand-made data: each computed criterion, the merged commune, the
total and band with a cap rule, and every bad input refused with nothing changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.dialogues.tests.support import make_dialogue
from danvan.evaluation import services
from danvan.evaluation.models import Assessment, Criterion, Scheme, SchemeStatus, Score
from danvan.evaluation.scoring import by_thresholds
from danvan.orgs.models import OrgUnitKind
from danvan.orgs.services import record_succession
from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import Tree, official

from .support import make_scheme, make_task

pytestmark = pytest.mark.django_db
D = Decimal


def _scores(assessment: Assessment) -> dict[str, Score]:
    return {s.criterion.code: s for s in assessment.scores.select_related("criterion")}


@pytest.fixture
def runner(tree: Tree):  # type: ignore[no-untyped-def]
    return official("officer", tree.province, username="snv.thamdinh")


def test_thresholds_give_the_points_of_the_highest_step_reached() -> None:
    steps = [[0, 0], [50, 5], [100, 10]]
    assert by_thresholds(D("49.99"), steps) == 0
    assert by_thresholds(D(50), steps) == 5
    assert by_thresholds(D(100), steps) == 10
    assert by_thresholds(D(0), [[1, 5]]) == 0


def test_computed_criteria_by_hand(tree: Tree, runner) -> None:  # type: ignore[no-untyped-def]
    # Hòa Bình: 4 tasks due in 2025, 3 done on time (one late, one done after due) -> 2/4 = 50 % -> 5
    make_task(tree.commune, dt.date(2025, 3, 1), dt.date(2025, 2, 20))
    make_task(tree.commune, dt.date(2025, 6, 1), dt.date(2025, 6, 1))
    make_task(tree.commune, dt.date(2025, 9, 1), dt.date(2025, 9, 5))
    make_task(tree.commune, dt.date(2025, 11, 1), None)
    make_task(tree.commune, dt.date(2026, 1, 5), None)  # next year: not counted
    make_dialogue(tree.commune, held_on=dt.date(2025, 5, 1))
    make_dialogue(tree.commune, held_on=dt.date(2025, 8, 1))
    # Tân Lập: no task due (full points "when nothing to count"), one dialogue -> 5
    make_dialogue(tree.other_commune, held_on=dt.date(2025, 4, 1))
    scheme = make_scheme(runner, tree.province)
    assert services.open_round(scheme, scheme.version, actor=runner) == 2
    hb = _scores(Assessment.objects.get(unit=tree.commune))
    assert (hb["NV"].figure, hb["NV"].figure_of, hb["NV"].computed_points) == (D(2), D(4), D(5))
    assert (hb["DTH"].figure, hb["DTH"].computed_points) == (D(2), D(10))
    assert hb["M"].computed_points is None
    tl = _scores(Assessment.objects.get(unit=tree.other_commune))
    assert (tl["NV"].figure_of, tl["NV"].computed_points) == (D(0), D(10))
    assert tl["DTH"].computed_points == D(5)


def test_a_commune_merged_mid_year_counts_for_its_successor(tree: Tree, runner) -> None:  # type: ignore[no-untyped-def]
    old = OrgUnitFactory.create(
        name="Ủy ban nhân dân xã Cũ",
        kind=OrgUnitKind.COMMUNE,
        key="w90003",
        code="90003",
        parent=tree.province,
    )
    # Before the merge (1/7/2025) the old commune did 2 tasks on time out of 2 and held a dialogue;
    # Hòa Bình did 0 of 2. Together: 2 of 4 = 50 % -> 5 points; dialogues 1 -> 5 points.
    make_task(old, dt.date(2025, 3, 1), dt.date(2025, 3, 1))
    make_task(old, dt.date(2025, 4, 1), dt.date(2025, 3, 30))
    make_dialogue(old, held_on=dt.date(2025, 5, 1))
    make_task(tree.commune, dt.date(2025, 3, 1), None)
    make_task(tree.commune, dt.date(2025, 10, 1), dt.date(2025, 10, 9))
    record_succession(
        kind="merge",
        predecessors=[old, tree.commune],
        successors=[tree.commune],
        effective_on=dt.date(2025, 7, 1),
        legal_basis="Nghị quyết thử",
        actor=SYSTEM,
    )
    scheme = make_scheme(runner, tree.province)
    services.open_round(scheme, scheme.version, actor=runner)
    assert not Assessment.objects.filter(unit=old).exists()  # ended: evaluated in its successor
    assessment = Assessment.objects.get(unit=tree.commune)
    hb = _scores(assessment)
    assert (hb["NV"].figure, hb["NV"].figure_of, hb["NV"].computed_points) == (D(2), D(4), D(5))
    assert hb["DTH"].computed_points == D(5)
    assert "xã Cũ" in assessment.merged_units


def test_self_assessment_appraisal_decision_and_cap(tree: Tree, runner) -> None:  # type: ignore[no-untyped-def]
    make_task(tree.commune, dt.date(2025, 3, 1), None)  # 0 % on time -> NV 0 points (cap applies)
    make_dialogue(tree.commune, held_on=dt.date(2025, 5, 1))
    make_dialogue(tree.commune, held_on=dt.date(2025, 6, 1))
    scheme = make_scheme(runner, tree.province)
    services.open_round(scheme, scheme.version, actor=runner)
    commune_officer = official("officer", tree.commune, username="xa.tudanhgia")
    a = Assessment.objects.get(unit=tree.commune)
    m = Criterion.objects.get(code="M", group__scheme=scheme)
    bonus = Criterion.objects.get(code="THUONG", group__scheme=scheme)
    a = services.self_assess(
        a,
        {
            m.pk: {"points": "78", "evidence": "Báo cáo số 12/BC-UBND ngày 10/12/2025"},
            bonus.pk: {"points": "3", "evidence": "Bằng khen của UBND tỉnh"},
        },
        comment="Đơn vị tự đánh giá",
        version=a.version,
        actor=commune_officer,
    )
    scheme.refresh_from_db()
    services.start_appraisal(scheme, scheme.version, actor=runner)
    a.refresh_from_db()
    score = services.appraise(
        a, m.pk, "70", "Minh chứng chưa đủ cho mô hình mới", version=a.version, actor=runner
    )
    assert (score.self_points, score.appraised_points) == (D(78), D(70))
    scheme.refresh_from_db()
    services.decide(
        scheme,
        number="123/QĐ-UBND",
        decided_on=dt.date(2025, 12, 30),
        version=scheme.version,
        actor=runner,
    )
    a.refresh_from_db()
    # NV 0 + DTH 10 + M 70 + bonus 3 = 83 -> "Tốt" by total, capped to "Khá" (NV below 5)
    assert a.total == D("83.00")
    assert a.band is not None and a.band.name == "Khá"


def test_bad_inputs_are_refused_and_change_nothing(tree: Tree, runner) -> None:  # type: ignore[no-untyped-def]
    # A scheme whose points do not add up
    bad_groups: list = [("Nhóm", [("A", "A", 60, "manual", "", "", [], None, "", "standard")])]
    with pytest.raises(UserError, match="không bằng tổng điểm"):
        make_scheme(runner, tree.province, groups=bad_groups, caps=[])
    assert not Scheme.objects.exists()
    scheme = make_scheme(runner, tree.province)
    services.open_round(scheme, scheme.version, actor=runner)
    officer = official("officer", tree.commune, username="xa.sai")
    a = Assessment.objects.get(unit=tree.commune)
    m = Criterion.objects.get(code="M", group__scheme=scheme)
    # Points above the maximum
    with pytest.raises(UserError, match="vượt điểm tối đa 80"):
        services.self_assess(
            a, {m.pk: {"points": "81", "evidence": "x"}}, version=a.version, actor=officer
        )
    # A manual point without evidence
    with pytest.raises(UserError, match="minh chứng"):
        services.self_assess(a, {m.pk: {"points": "50"}}, version=a.version, actor=officer)
    with pytest.raises(UserError, match="một số"):
        services.self_assess(
            a, {m.pk: {"points": "năm mươi", "evidence": "x"}}, version=a.version, actor=officer
        )
    a.refresh_from_db()
    assert a.version == 1 and a.status == "open"
    assert not Score.objects.filter(self_points__isnull=False).exists()
    # An appraisal change without a reason
    services.self_assess(
        a, {m.pk: {"points": "50", "evidence": "Báo cáo"}}, version=a.version, actor=officer
    )
    scheme.refresh_from_db()
    services.start_appraisal(scheme, scheme.version, actor=runner)
    a.refresh_from_db()
    with pytest.raises(UserError, match="lý do"):
        services.appraise(a, m.pk, "40", "", version=a.version, actor=runner)
    assert Score.objects.get(assessment=a, criterion=m).appraised_points is None
    # The commune cannot appraise itself
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.appraise(a, m.pk, "80", "tự nâng", version=a.version, actor=officer)


def test_unknown_source_is_refused(tree: Tree, runner) -> None:  # type: ignore[no-untyped-def]
    groups = [
        (
            "Nhóm",
            [
                ("A", "A", 100, "value", "khong.co_nguon", "", [[0, 100]], None, "", "standard"),
            ],
        )
    ]
    with pytest.raises(UserError, match="Không có nguồn số liệu"):
        make_scheme(runner, tree.province, groups=groups, caps=[])
    assert not Scheme.objects.exists()


def test_status_moves_in_order(tree: Tree, runner) -> None:  # type: ignore[no-untyped-def]
    scheme = make_scheme(runner, tree.province)
    with pytest.raises(UserError, match="thẩm định"):
        services.decide(
            scheme, number="1/QĐ", decided_on=None, version=scheme.version, actor=runner
        )
    services.open_round(scheme, scheme.version, actor=runner)
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.SELF_ASSESSMENT
    with pytest.raises(UserError, match="đã được mở"):
        services.open_round(scheme, scheme.version, actor=runner)
