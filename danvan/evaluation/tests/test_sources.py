"""The computed criteria read from other modules, on hand-made data with a commune merged into
Hòa Bình on 1/7/2025: disclosures complete, comments on drafts answered, recommendations of the
Front and the people's boards answered on time, training coverage of citizen-facing officials,
inspection findings closed by their due date — figures, points, the records behind them, and the
bulk figures of a round equal to the sources unit by unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.evaluation import bulk, services
from danvan.evaluation.data.model_scheme import BANDS, BASIS, CAPS, GROUPS
from danvan.evaluation.drilldown import Record, records_for
from danvan.evaluation.models import Assessment, Criterion, Score
from danvan.inspections.models import FindingStatus
from danvan.inspections.tests import support as inspections
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.orgs.services import record_succession
from danvan.participation.models import (
    BoardFinding,
    Channel,
    Comment,
    Consultation,
    Disclosure,
    DisclosureChannelUse,
    DisclosureItem,
    Moderation,
    SupervisionRecommendation,
)
from danvan.participation.tests.support import make_board, make_round
from danvan.reporting import sources
from danvan.testing.factories import OrgUnitFactory, UserFactory
from danvan.testing.fixtures import Tree, official, signed_in
from danvan.training.tests.support import make_attendance, make_training

from .support import make_scheme

pytestmark = pytest.mark.django_db
D = Decimal
CLERK = "Công chức Tư pháp – Hộ tịch"
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _ratio(code: str, source: str, denominator: str, thresholds: list) -> tuple:  # type: ignore[type-arg]
    return (code, code, 20, "ratio", source, denominator, thresholds, 20, "", "standard")


GROUPS_HERE = [
    (
        "Dân chủ ở cơ sở, bồi dưỡng, kiểm tra",
        [
            _ratio(
                "CK",
                "participation.disclosures_complete",
                "participation.disclosures_required",
                [[0, 0], [10, 5], [50, 10], [100, 20]],
            ),
            _ratio(
                "LYK",
                "participation.comments_answered",
                "participation.comments_to_answer",
                [[0, 0], [50, 10], [75, 15], [100, 20]],
            ),
            _ratio(
                "KN",
                "participation.feedback_on_time",
                "participation.feedback_due",
                [[0, 0], [50, 10], [100, 20]],
            ),
            _ratio(
                "BD",
                "training.citizen_facing_trained",
                "training.citizen_facing_officials",
                [[0, 0], [50, 10], [100, 20]],
            ),
            _ratio(
                "KT",
                "inspections.findings_closed_by_due",
                "inspections.findings_due",
                [[0, 0], [40, 8], [50, 10], [100, 20]],
            ),
        ],
    )
]


def disclose(
    unit: OrgUnit,
    code: str,
    decided: dt.date,
    posted: tuple[dt.date, dt.date | None],
    radio: tuple[dt.date, dt.date] | None = None,
) -> Disclosure:
    item = DisclosureItem.objects.get(code=code)
    d = Disclosure.objects.create(
        owner=unit, item=item, title=f"Công khai {code}", decided_on=decided
    )
    DisclosureChannelUse.objects.create(
        disclosure=d, channel=Channel.POSTING, starts_on=posted[0], ends_on=posted[1]
    )
    if radio:
        DisclosureChannelUse.objects.create(
            disclosure=d, channel=Channel.RADIO, starts_on=radio[0], ends_on=radio[1]
        )
    return d


def consultation(unit: OrgUnit, closes_on: dt.date) -> Consultation:
    return Consultation.objects.create(
        owner=unit,
        matter="new_rural",
        title=f"Dự thảo đóng {closes_on:%d/%m/%Y}",
        opens_on=closes_on - dt.timedelta(days=30),
        closes_on=closes_on,
    )


def comment(
    c: Consultation,
    text: str,
    *,
    answered: bool,
    status: str = Moderation.PUBLISHED,
    merged_into: Comment | None = None,
) -> Comment:
    return Comment.objects.create(
        consultation=c,
        contact_hash=text[:1] * 64,
        text=text,
        answer_kind="accepted" if answered else "",
        status=status,
        merged_into=merged_into,
    )


def front(unit: OrgUnit, due: dt.date, answered: dt.date | None) -> SupervisionRecommendation:
    return SupervisionRecommendation.objects.create(
        supervision_round=make_round(unit.parent or unit, unit),
        text=f"Kiến nghị hạn {due:%d/%m/%Y}",
        answering_unit=unit,
        made_on=due - dt.timedelta(days=15),
        due_on=due,
        answered_on=answered,
        answer="Đã trả lời" if answered else "",
    )


def board_finding(unit: OrgUnit, due: dt.date, answered: dt.date | None) -> BoardFinding:
    return BoardFinding.objects.create(
        board=make_board(unit),
        text=f"Kiến nghị của Ban hạn {due:%d/%m/%Y}",
        sent_on=due - dt.timedelta(days=15),
        due_on=due,
        answered_on=answered,
        answer="Đã trả lời" if answered else "",
    )


def clerk(unit: OrgUnit, name: str, **kw: object) -> User:
    return UserFactory.create(
        org_unit=unit, position=kw.pop("position", CLERK), full_name=name, **kw
    )


def finding(unit: OrgUnit, due: dt.date, closed: dt.date | None) -> None:
    inspections.make_finding(
        inspections.make_round(unit.parent or unit, unit, dt.date(2025, 2, 3)),
        unit,
        due_on=due,
        status=FindingStatus.CLOSED if closed else FindingStatus.OPEN,
        closed_on=closed,
    )


@pytest.fixture
def merged(tree: Tree) -> OrgUnit:
    """Hand-made 2025 data of Hòa Bình and of xã Cũ, merged into Hòa Bình on 1/7/2025."""
    hb = tree.commune
    old = OrgUnitFactory.create(
        name="Ủy ban nhân dân xã Cũ",
        kind=OrgUnitKind.COMMUNE,
        key="w90004",
        code="90004",
        parent=tree.province,
    )
    # Disclosures (13 items owed by a commune, «other matters» optional).
    # Hòa Bình: xa.1 on time and 38 days; xa.2 posted 20/5 (due 12/5: late); xa.3 posted 10
    # days (too short); xa.7 posted and on the radio 4 days: complete. 2 of 13.
    disclose(hb, "xa.1", dt.date(2025, 3, 3), (dt.date(2025, 3, 4), dt.date(2025, 4, 10)))
    disclose(hb, "xa.2", dt.date(2025, 5, 5), (dt.date(2025, 5, 20), dt.date(2025, 7, 1)))
    disclose(hb, "xa.3", dt.date(2025, 6, 2), (dt.date(2025, 6, 3), dt.date(2025, 6, 12)))
    disclose(
        hb,
        "xa.7",
        dt.date(2025, 8, 4),
        (dt.date(2025, 8, 5), dt.date(2025, 9, 30)),
        radio=(dt.date(2025, 8, 5), dt.date(2025, 8, 8)),
    )
    disclose(hb, "xa.5", dt.date(2024, 12, 2), (dt.date(2024, 12, 3), None))  # last year
    # xã Cũ: xa.4 posted permanently, xa.5 38 days: 2 of 13. Together 4 of 26 = 15,38 %.
    disclose(old, "xa.4", dt.date(2025, 2, 3), (dt.date(2025, 2, 4), None))
    disclose(old, "xa.5", dt.date(2025, 3, 3), (dt.date(2025, 3, 4), dt.date(2025, 4, 10)))

    # Comments on drafts: Hòa Bình's draft closed 31/5: one answered, one not, one rejected
    # and one merged into the answered one (neither owed): 1 of 2. xã Cũ's closed 31/3: 2 of 2.
    # A draft closing in 2026 does not count. Together 3 of 4 = 75 %.
    c = consultation(hb, dt.date(2025, 5, 31))
    first = comment(c, "Đồng ý", answered=True)
    comment(c, "Bổ sung lịch thu gom rác", answered=False)
    comment(c, "Quảng cáo", answered=False, status=Moderation.REJECTED)
    comment(c, "Đồng ý như trên", answered=False, merged_into=first)
    comment(consultation(hb, dt.date(2026, 1, 10)), "Năm sau", answered=False)
    c_old = consultation(old, dt.date(2025, 3, 31))
    comment(c_old, "Ý kiến một", answered=True)
    comment(c_old, "Ý kiến hai", answered=True)

    # Recommendations: Hòa Bình — the Front's due 20/4 answered 18/4 (on time), due 15/9
    # answered 20/9 (late), its board's due 10/10 never answered; xã Cũ — its board's due 15/3
    # answered 10/3. One due in 2026 does not count. Together 2 of 4 = 50 %.
    front(hb, dt.date(2025, 4, 20), dt.date(2025, 4, 18))
    front(hb, dt.date(2025, 9, 15), dt.date(2025, 9, 20))
    board_finding(hb, dt.date(2025, 10, 10), None)
    front(hb, dt.date(2026, 1, 20), None)
    board_finding(old, dt.date(2025, 3, 15), dt.date(2025, 3, 10))

    # Training: Hòa Bình — a clerk trained in a 2025 class, a clerk trained only in 2024, an
    # accountant (not citizen-facing) and a clerk who left (inactive); xã Cũ — a clerk trained in
    # March. Together 2 of 3 = 66,67 %.
    trained = clerk(hb, "Nông Thị Hoa")
    untrained = clerk(hb, "Lương Văn Sơn")
    clerk(hb, "Hoàng Văn Kế", position="Kế toán")
    gone = clerk(hb, "Đàm Văn Cũ", is_active=False)
    course = make_training(tree.province, dt.date(2025, 10, 6))
    make_attendance(course, trained)
    make_attendance(course, gone)
    make_attendance(make_training(tree.province, dt.date(2024, 10, 7)), untrained)
    make_attendance(make_training(tree.province, dt.date(2025, 3, 10)), clerk(old, "Bế Thị Mai"))

    # Inspection findings: Hòa Bình — due 30/6 closed 20/6, due 31/8 closed 10/9 (late), due
    # 30/11 open; xã Cũ — due 31/5 closed 30/5, due 31/10 still open at the merge (handed over
    # to Hòa Bình, counted once there). Together 2 of 5 = 40 %.
    finding(hb, dt.date(2025, 6, 30), dt.date(2025, 6, 20))
    finding(hb, dt.date(2025, 8, 31), dt.date(2025, 9, 10))
    finding(hb, dt.date(2025, 11, 30), None)
    finding(old, dt.date(2025, 5, 31), dt.date(2025, 5, 30))
    finding(old, dt.date(2025, 10, 31), None)

    record_succession(
        kind="merge",
        predecessors=[old, hb],
        successors=[hb],
        effective_on=dt.date(2025, 7, 1),
        legal_basis="Nghị quyết thử",
        actor=SYSTEM,
    )
    return old


def _figures(unit: OrgUnit, *codes: str) -> list[Decimal | None]:
    out = []
    for code in codes:
        source = sources.get(code)
        assert source is not None, code
        out.append(source.compute(unit, *YEAR))
    return out


def test_each_source_of_each_commune_by_hand(tree: Tree, merged: OrgUnit) -> None:
    hb, old = tree.commune, merged
    pairs = {
        ("participation.disclosures_complete", "participation.disclosures_required"): (
            (2, 13),
            (2, 13),
        ),
        ("participation.comments_answered", "participation.comments_to_answer"): ((1, 2), (2, 2)),
        ("participation.feedback_on_time", "participation.feedback_due"): ((1, 3), (1, 1)),
        ("training.citizen_facing_trained", "training.citizen_facing_officials"): (
            (1, 2),
            (1, 1),
        ),
        # xã Cũ's open finding was handed over to Hòa Bình at the merge.
        ("inspections.findings_closed_by_due", "inspections.findings_due"): ((1, 4), (1, 1)),
    }
    for codes, (at_hb, at_old) in pairs.items():
        assert _figures(hb, *codes) == [D(n) for n in at_hb], codes
        assert _figures(old, *codes) == [D(n) for n in at_old], codes


def test_the_round_adds_the_merged_commune_and_scores_each_share(
    tree: Tree, merged: OrgUnit
) -> None:
    runner = official("officer", tree.province, username="snv.nguon")
    scheme = make_scheme(runner, tree.province, groups=GROUPS_HERE, caps=[])
    services.open_round(scheme, scheme.version, actor=runner)
    assessment = Assessment.objects.get(unit=tree.commune)
    got = {
        s.criterion.code: (s.figure, s.figure_of, s.computed_points)
        for s in Score.objects.filter(assessment=assessment).select_related("criterion")
    }
    assert got == {
        "CK": (D(4), D(26), D(5)),  # 15,38 % -> 5
        "LYK": (D(3), D(4), D(15)),  # 75 % -> 15
        "KN": (D(2), D(4), D(10)),  # 50 % -> 10
        "BD": (D(2), D(3), D(10)),  # 66,67 % -> 10
        "KT": (D(2), D(5), D(8)),  # 40 % -> 8
    }
    # Recomputing one unit (the sources one by one) gives the same as the round's bulk figures.
    services.recompute(assessment, actor=runner)
    again = {
        s.criterion.code: (s.figure, s.figure_of, s.computed_points)
        for s in Score.objects.filter(assessment=assessment).select_related("criterion")
    }
    assert again == got


def test_the_records_behind_each_share(tree: Tree, merged: OrgUnit) -> None:
    hb, old = tree.commune, merged

    def texts(code: str, unit: OrgUnit) -> list[str]:
        function = records_for(code)
        assert function is not None, code
        found = function(unit, *YEAR)
        return [r.text if isinstance(r, Record) else str(r) for r in found]

    missing = texts("participation.disclosures_complete", hb)
    assert len(missing) == 11  # 9 items never disclosed, one late, one too short
    assert sum("chưa công khai" in t for t in missing) == 9
    assert any(t.startswith("Công khai xa.2: Công khai muộn") for t in missing)
    assert any(t.startswith("Công khai xa.3: Niêm yết 10 ngày") for t in missing)
    assert len(texts("participation.disclosures_complete", old)) == 11  # never disclosed
    assert texts("participation.comments_answered", hb) == [
        c.__str__() for c in Comment.objects.filter(text="Bổ sung lịch thu gom rác")
    ]
    assert texts("participation.comments_answered", old) == []
    late = texts("participation.feedback_on_time", hb)
    assert late == [
        "Kiến nghị hạn 15/09/2025 — hạn 15/09/2025, trả lời ngày 20/09/2025",
        "Kiến nghị của Ban hạn 10/10/2025 — hạn 10/10/2025, chưa trả lời",
    ]
    assert texts("training.citizen_facing_trained", hb) == [f"Lương Văn Sơn — {CLERK}"]
    assert texts("training.citizen_facing_trained", old) == []
    assert len(texts("inspections.findings_closed_by_due", hb)) == 3


def test_the_records_page_lists_and_links_what_the_reader_may_open(
    tree: Tree, merged: OrgUnit
) -> None:
    runner = official("officer", tree.province, username="snv.trang")
    scheme = make_scheme(runner, tree.province, groups=GROUPS_HERE, caps=[])
    services.open_round(scheme, scheme.version, actor=runner)
    a = Assessment.objects.get(unit=tree.commune)
    ck = Criterion.objects.get(group__scheme=scheme, code="CK")
    page = signed_in(runner).get(f"/evaluation/units/{a.pk}/records/{ck.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count(": chưa công khai<") == 9 + 11  # Hòa Bình, then xã Cũ
    late = Disclosure.objects.get(item__code="xa.2")
    assert f'href="/participation/disclosures/{late.pk}/"' in body
    assert "xã Cũ" in body


def test_bulk_figures_of_the_new_sources_equal_the_sources(tree: Tree, merged: OrgUnit) -> None:
    units = [tree.commune, merged, tree.other_commune, tree.department]
    codes = [
        "participation.disclosures_required",
        "participation.disclosures_complete",
        "participation.comments_to_answer",
        "participation.comments_answered",
        "participation.feedback_due",
        "participation.feedback_on_time",
        "training.citizen_facing_officials",
        "training.citizen_facing_trained",
        "inspections.findings_due",
        "inspections.findings_closed_by_due",
    ]
    assert set(codes) <= set(bulk.registered())
    for code in codes:
        source = sources.get(code)
        assert source is not None
        expected = {u.pk: source.compute(u, *YEAR) for u in units}
        assert bulk.figures(code, units, *YEAR) == expected, code
    # An agency owes the 11 items of its list.
    assert bulk.figures("participation.disclosures_required", [tree.department], *YEAR) == {
        tree.department.pk: D(11)
    }


def test_the_model_scheme_adds_up_and_computes(tree: Tree, merged: OrgUnit) -> None:
    """The model scheme (and so the demo's) validates for communes and departments and opens
    a round whose new criteria take their figures from the modules."""
    runner = official("officer", tree.province, username="snv.mau")
    scheme = services.create_scheme(
        tree.province, 2025, title="Mẫu", basis=BASIS, groups=GROUPS, bands=BANDS, caps=CAPS,
        actor=runner,
    )  # fmt: skip
    assert services.open_round(scheme, scheme.version, actor=runner) == 3
    hb = {
        s.criterion.code: s
        for s in Score.objects.filter(assessment__unit=tree.commune).select_related("criterion")
    }
    assert (hb["CK"].figure, hb["CK"].figure_of, hb["CK"].computed_points) == (D(4), D(26), 0)
    assert (hb["LYK"].figure, hb["LYK"].figure_of, hb["LYK"].computed_points) == (D(3), D(4), 2)
    assert (hb["KN"].figure, hb["KN"].figure_of, hb["KN"].computed_points) == (D(2), D(4), 2)
    assert (hb["BD"].figure, hb["BD"].figure_of, hb["BD"].computed_points) == (D(2), D(3), 2)
    assert (hb["KT"].figure, hb["KT"].figure_of, hb["KT"].computed_points) == (D(2), D(5), 0)
    dept = {
        s.criterion.code
        for s in Score.objects.filter(assessment__unit=tree.department).select_related("criterion")
    }
    assert "DTH-S" in dept and "DTH" not in dept
