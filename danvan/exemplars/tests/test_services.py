"""Registering, reviewing and counting «Dân vận khéo» models, as the services enforce it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.core.errors import StaleVersion, UserError
from danvan.exemplars.counts import by_field_and_year, replication_forest, unit_counts
from danvan.exemplars.models import EvidenceFile, Exemplar, ExemplarField, Review
from danvan.exemplars.obligations import owed_yearly_models
from danvan.exemplars.report_sources import models_built, models_replicated
from danvan.exemplars.services import (
    add_commendation,
    add_review,
    create_exemplar,
    criteria_for,
    link_replication,
    update_exemplar,
)
from danvan.orgs.services import record_succession
from danvan.testing.fixtures import Tree

from .support import PNG, make_exemplar, yearly

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def _register(actor: User, tree: Tree, **kw: object) -> Exemplar:
    fields: dict[str, object] = {
        "title": "Tổ tự quản đường làng",
        "field": "economy",
        "started_on": dt.date(2026, 2, 1),
        "registered_with": "Ban Dân vận Đảng ủy xã",
    }
    fields.update(kw)
    return create_exemplar(tree.commune, today=TODAY, **fields, actor=actor)  # type: ignore[arg-type]


def test_a_model_is_registered_with_photos_and_documents(tree: Tree, commune_officer: User) -> None:
    photo = SimpleUploadedFile("anh.png", PNG, content_type="image/png")
    exemplar = _register(commune_officer, tree, photos=[photo])
    assert exemplar.unit == tree.commune and exemplar.created_by == commune_officer
    (stored,) = EvidenceFile.objects.filter(exemplar=exemplar)
    assert stored.is_photo and stored.content_type == "image/png"


def test_a_photo_that_is_not_an_image_is_refused_and_nothing_is_written(
    tree: Tree, commune_officer: User
) -> None:
    fake = SimpleUploadedFile("anh.png", b"%PDF-1.4 not a picture", content_type="image/png")
    with pytest.raises(UserError, match="ảnh minh chứng"):
        _register(commune_officer, tree, photos=[fake])
    pdf_as_photo = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    with pytest.raises(UserError, match="định dạng không được chấp nhận"):
        _register(commune_officer, tree, photos=[pdf_as_photo])
    assert not Exemplar.objects.exists()


def test_bad_input_is_refused_in_vietnamese(tree: Tree, commune_officer: User) -> None:
    with pytest.raises(UserError, match="lĩnh vực"):
        _register(commune_officer, tree, field="")
    with pytest.raises(UserError, match="tương lai"):
        _register(commune_officer, tree, started_on=TODAY + dt.timedelta(days=1))
    with pytest.raises(UserError, match="họ tên"):
        _register(commune_officer, tree, kind="individual")
    assert not Exemplar.objects.exists()


def test_an_officer_cannot_register_for_a_unit_outside_the_scope(
    tree: Tree, commune_officer: User
) -> None:
    with pytest.raises(PermissionDenied):
        create_exemplar(
            tree.other_commune, title="X", field="economy",
            started_on=dt.date(2026, 1, 1), today=TODAY, actor=commune_officer,
        )  # fmt: skip


def test_a_review_dated_before_the_model_started_is_refused(
    tree: Tree, commune_officer: User
) -> None:
    exemplar = _register(commune_officer, tree)
    with pytest.raises(UserError, match="không được trước ngày mô hình bắt đầu"):
        add_review(
            exemplar, cycle=yearly(), reviewed_on=dt.date(2026, 1, 15),
            effectiveness="good", assessment="Tốt", today=TODAY, actor=commune_officer,
        )  # fmt: skip
    assert not Review.objects.exists()
    review = add_review(
        exemplar, cycle=yearly(), reviewed_on=dt.date(2026, 11, 1),
        effectiveness="good", assessment="Người dân đồng tình, đường sạch hơn", today=TODAY, actor=commune_officer,
    )  # fmt: skip
    assert review.by == commune_officer and review.cycle.code == "hang-nam"


def test_a_stale_version_is_refused(tree: Tree, commune_officer: User) -> None:
    exemplar = _register(commune_officer, tree)
    update_exemplar(exemplar, version=1, title="Tên mới", today=TODAY, actor=commune_officer)
    with pytest.raises(StaleVersion):
        update_exemplar(exemplar, version=1, title="Tên khác", today=TODAY, actor=commune_officer)


def test_replication_goes_to_another_unit_and_never_loops(
    tree: Tree, province_officer: User
) -> None:
    original = make_exemplar(tree.commune, dt.date(2025, 3, 1))
    replica = make_exemplar(tree.other_commune, dt.date(2026, 3, 1))
    same_unit = make_exemplar(tree.commune, dt.date(2026, 4, 1))
    with pytest.raises(UserError, match="đơn vị khác"):
        link_replication(same_unit, original, actor=province_officer)
    link_replication(replica, original, actor=province_officer)
    with pytest.raises(UserError, match="vòng lặp"):
        link_replication(original, replica, actor=province_officer)
    (root,) = replication_forest(Exemplar.objects.visible_to(province_officer))
    assert root.exemplar == original and [c.exemplar for c in root.children] == [replica]


def test_a_commendation_needs_its_decision(tree: Tree, commune_officer: User) -> None:
    exemplar = _register(commune_officer, tree)
    with pytest.raises(UserError, match="số quyết định"):
        add_commendation(
            exemplar, awarded_by="Chủ tịch UBND tỉnh", form="Bằng khen",
            decision_number=" ", decided_on=dt.date(2026, 9, 1), today=TODAY, actor=commune_officer,
        )  # fmt: skip
    add_commendation(
        exemplar, awarded_by="Chủ tịch UBND tỉnh", form="Bằng khen",
        decision_number="1234/QĐ-UBND", decided_on=dt.date(2026, 9, 1), today=TODAY, actor=commune_officer,
    )  # fmt: skip
    assert list(Exemplar.objects.commended()) == [exemplar]


def test_counts_against_one_a_year_with_a_commune_merged_mid_year(tree: Tree) -> None:
    """Hòa Bình built one model in March and was merged into Tân Lập on 1/7: Tân Lập carries
    it (target met, counted once); the report source counts it for Hòa Bình itself."""
    make_exemplar(tree.village, dt.date(2026, 3, 1))  # under Hòa Bình
    make_exemplar(tree.department, dt.date(2025, 5, 1), field="culture_society")  # last year
    record_succession(
        kind="merge", predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune], effective_on=dt.date(2026, 7, 1), actor=SYSTEM,
    )  # fmt: skip
    rows = {r.unit.pk: (r.new, r.meets) for r in unit_counts(tree.province, 2026)}
    assert rows == {tree.department.pk: (0, False), tree.other_commune.pk: (1, True)}
    assert {r.unit.pk: r.new for r in unit_counts(tree.province, 2025)}[tree.department.pk] == 1
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert models_built(tree.village, *year) == 1
    assert models_built(tree.other_commune, *year) == 0
    assert models_replicated(tree.village, *year) == 0
    # The yearly obligation: only the department still owes a model for 2026.
    owed = list(owed_yearly_models(dt.date(2026, 12, 1), dt.date(2027, 1, 10)))
    assert [(o.unit, o.due_on) for o in owed] == [(tree.department, dt.date(2026, 12, 31))]
    table = by_field_and_year(Exemplar.objects.all())
    assert table.years == [2025, 2026] and table.totals == [1, 1]
    assert dict(table.rows)[str(ExemplarField.ECONOMY.label)] == [0, 1]
    assert dict(table.rows)[str(ExemplarField.CULTURE_SOCIETY.label)] == [1, 0]


def test_criteria_are_the_provinces_own_when_it_set_them(tree: Tree) -> None:
    national = list(criteria_for(tree.commune))
    assert len(national) == 7 and national[0].province is None
    from danvan.exemplars.models import Criterion

    Criterion.objects.create(
        province=tree.province, position=1, text="Riêng của tỉnh", basis="HD 01"
    )
    assert [c.text for c in criteria_for(tree.commune)] == ["Riêng của tỉnh"]


def test_counts_read_the_years_models_once_whatever_the_units_listed(
    tree: Tree, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """The same counts as one query per unit gave, in a bounded number of queries (the page of a
    province with 70 units ran 152): the owing units, the merge check, the year's models."""
    from danvan.exemplars.counts import owing_units, rolled_up
    from danvan.testing.factories import OrgUnitFactory

    extra = [OrgUnitFactory.create(parent=tree.province) for _ in range(6)]
    for i, unit in enumerate(extra):
        for _ in range(i % 3):
            make_exemplar(unit, dt.date(2026, 3, 1))
    make_exemplar(tree.village, dt.date(2026, 4, 1))
    make_exemplar(tree.department, dt.date(2025, 5, 1))  # another year
    units = list(owing_units(tree.province))
    assert len(units) >= 8
    expected = {u.pk: rolled_up(u).filter(started_on__year=2026).count() for u in units}
    with django_assert_max_num_queries(4):
        rows = unit_counts(tree.province, 2026)
    assert {r.unit.pk: r.new for r in rows} == expected
    assert sum(expected.values()) > 0
