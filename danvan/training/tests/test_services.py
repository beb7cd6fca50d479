"""Training classes, attendance (also from .xlsx) and coverage, as the services enforce it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.orgs.services import record_succession
from danvan.testing.factories import UserFactory
from danvan.testing.fixtures import Tree
from danvan.training.coverage import coverage, coverage_table
from danvan.training.models import Attendance, CitizenFacingPosition, TrainingClass
from danvan.training.report_sources import officials_trained, trainings_held
from danvan.training.services import add_participants, create_training, import_attendance

from .support import make_attendance, make_training

pytestmark = pytest.mark.django_db
CLERK = "Công chức Tư pháp – Hộ tịch"


def xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["Tên đăng nhập", "Họ tên"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("hoc-vien.xlsx", buffer.getvalue())


def test_a_class_is_recorded_and_its_dates_checked(tree: Tree, province_officer: User) -> None:
    with pytest.raises(UserError, match="không được trước ngày bắt đầu"):
        create_training(
            tree.province, topic="Kỹ năng", place="Hội trường",
            starts_on=dt.date(2026, 5, 2), ends_on=dt.date(2026, 5, 1), actor=province_officer,
        )  # fmt: skip
    assert not TrainingClass.objects.exists()
    training = create_training(
        tree.province, topic="Kỹ năng dân vận", place="Hội trường tỉnh",
        starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 5, 2), actor=province_officer,
    )  # fmt: skip
    assert training.created_by == province_officer


def test_a_participant_from_a_unit_the_organiser_cannot_address_is_refused(
    tree: Tree, commune_officer: User
) -> None:
    training = make_training(tree.commune)
    here = UserFactory.create(org_unit=tree.village, position=CLERK)
    elsewhere = UserFactory.create(org_unit=tree.other_commune, position=CLERK)
    with pytest.raises(UserError, match="ngoài phạm vi"):
        add_participants(training, [here, elsewhere], actor=commune_officer)
    assert not Attendance.objects.exists()
    add_participants(training, [here, here], actor=commune_officer)
    assert training.attendances.get().position == CLERK


def test_attendance_is_imported_from_xlsx_and_coverage_moves(
    tree: Tree, province_officer: User
) -> None:
    a = UserFactory.create(username="tp.hoabinh", org_unit=tree.commune, position=CLERK)
    b = UserFactory.create(username="dc.tanlap", org_unit=tree.other_commune,
                           position="Công chức Địa chính – Xây dựng")  # fmt: skip
    UserFactory.create(org_unit=tree.commune, position="Kế toán")  # not citizen-facing
    training = make_training(tree.province)
    before = coverage(tree.province, 2026)
    assert (before.required, before.trained) == (2, 0)
    result = import_attendance(
        province_officer, training, xlsx([["TP.HoaBinh", "A"], ["dc.tanlap"]])
    )
    assert (result.added, result.already) == (2, 0)
    total, rows = coverage_table(tree.province, 2026)
    assert (total.required, total.trained, str(total.percent)) == (2, 2, "100.0")
    assert {c.unit.pk: (c.required, c.trained) for c in rows}[tree.commune.pk] == (1, 1)
    again = import_attendance(province_officer, training, xlsx([["tp.hoabinh"]]))
    assert (again.added, again.already) == (0, 1)
    assert {a.pk, b.pk} == set(training.attendances.values_list("official_id", flat=True))


def test_an_xlsx_with_unknown_officials_writes_nothing(tree: Tree, province_officer: User) -> None:
    UserFactory.create(username="tp.hoabinh", org_unit=tree.commune, position=CLERK)
    training = make_training(tree.province)
    with pytest.raises(UserError, match=r"dòng 3 «khong.co»"):
        import_attendance(province_officer, training, xlsx([["tp.hoabinh"], ["khong.co"]]))
    assert not Attendance.objects.exists()
    with pytest.raises(UserError, match="không phải tệp .xlsx"):
        import_attendance(
            province_officer, training, SimpleUploadedFile("hoc-vien.xlsx", b"not a workbook")
        )
    with pytest.raises(UserError, match="không có dòng nào"):
        import_attendance(province_officer, training, xlsx([]))


def test_coverage_and_figures_with_a_commune_merged_mid_year(tree: Tree) -> None:
    """Hòa Bình's clerk was trained in March; Hòa Bình merged into Tân Lập on 1/7. Tân Lập's
    coverage carries the clerk; the report source counts them for Hòa Bình itself."""
    clerk = UserFactory.create(org_unit=tree.commune, position=CLERK)
    other = UserFactory.create(org_unit=tree.other_commune, position=CLERK)
    make_attendance(make_training(tree.commune, dt.date(2026, 3, 5)), clerk)
    make_training(tree.other_commune, dt.date(2025, 9, 1))  # last year: not counted
    record_succession(
        kind="merge", predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune], effective_on=dt.date(2026, 7, 1), actor=SYSTEM,
    )  # fmt: skip
    merged = coverage(tree.other_commune, 2026)
    assert (merged.required, merged.trained) == (2, 1)
    assert not merged.complete and str(merged.percent) == "50.0"
    make_attendance(make_training(tree.other_commune, dt.date(2026, 9, 1)), other)
    assert coverage(tree.other_commune, 2026).complete
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert trainings_held(tree.commune, *year) == 1
    assert trainings_held(tree.other_commune, *year) == 1
    assert officials_trained(tree.commune, *year) == 1
    assert officials_trained(tree.other_commune, *year) == 1


def test_a_province_list_of_positions_replaces_the_default(tree: Tree) -> None:
    clerk = UserFactory.create(org_unit=tree.commune, position=CLERK)
    assert coverage(tree.commune, 2026).required == 1
    CitizenFacingPosition.objects.create(
        province=tree.province, name="Cán bộ tiếp công dân", basis="QĐ của UBND tỉnh"
    )
    assert coverage(tree.commune, 2026).required == 0
    clerk.position = "cán bộ tiếp công dân"
    clerk.save()
    assert coverage(tree.commune, 2026).required == 1


def test_positions_are_checked_against_nd33_and_matched_whatever_the_dash(tree: Tree) -> None:
    """The default list names the land-administration title as Nghị định 33/2023 does and says
    what each row rests on; a record written with a hyphen matches a title with an en dash."""
    rows = dict(
        CitizenFacingPosition.objects.filter(province__isnull=True).values_list("name", "basis")
    )
    assert "Nghị định 33/2023/NĐ-CP ngày 10/6/2023" in rows["Công chức Tư pháp – Hộ tịch"]
    assert "Công chức Địa chính – Nông nghiệp – Xây dựng và Môi trường" in rows
    assert "Không phải chức danh" in rows["Cán bộ tiếp công dân"]
    UserFactory.create(org_unit=tree.commune, position="Công chức Tư pháp - Hộ tịch")
    UserFactory.create(
        org_unit=tree.commune, position="công chức địa chính - nông nghiệp - xây dựng và môi trường"
    )
    UserFactory.create(
        org_unit=tree.commune, position="Công chức Tài chính – Kế toán"
    )  # not listed
    assert coverage(tree.commune, 2026).required == 2


def test_the_coverage_table_reads_the_officials_once_whatever_the_units_below(
    tree: Tree, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """The same figures as coverage() of each unit in a bounded number of queries, however many
    units are listed (the page of a province with 73 communes ran 307 queries)."""
    from danvan.testing.factories import OrgUnitFactory
    from danvan.training.coverage import children_for_coverage

    extra = [OrgUnitFactory.create(parent=tree.province) for _ in range(6)]
    training = make_training(tree.province)
    for i, unit in enumerate([tree.commune, tree.other_commune, *extra]):
        official = UserFactory.create(org_unit=unit, position=CLERK)
        UserFactory.create(org_unit=unit, position="Kế toán")  # not citizen-facing
        if i % 2:
            make_attendance(training, official)
    units = list(children_for_coverage(tree.province))
    assert len(units) >= 8
    expected = [coverage(u, 2026) for u in [tree.province, *units]]
    with django_assert_max_num_queries(7):
        total, rows = coverage_table(tree.province, 2026)
    assert [(c.unit.pk, c.required, c.trained) for c in [total, *rows]] == [
        (c.unit.pk, c.required, c.trained) for c in expected
    ]
    assert (total.required, total.trained) == (8, 4)
