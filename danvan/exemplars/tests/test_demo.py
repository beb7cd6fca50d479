"""The demo loaders of the three modules on a small Cao Bằng tree: they run, and a second run
writes nothing (``make run`` seeds every time)."""

from __future__ import annotations

import pytest

from danvan.exemplars.demo import seed_exemplars_demo
from danvan.exemplars.models import Exemplar
from danvan.inspections.demo import seed_inspections_demo
from danvan.inspections.models import Finding
from danvan.orgs.models import OrgUnitKind
from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import official
from danvan.training.demo import seed_training_demo
from danvan.training.models import Attendance

pytestmark = pytest.mark.django_db


def test_demo_loaders_are_idempotent() -> None:
    province = OrgUnitFactory.create(
        name="Ủy ban nhân dân tỉnh Cao Bằng", kind=OrgUnitKind.PROVINCE, key="p04", code="04"
    )
    communes = [
        OrgUnitFactory.create(
            name=f"Ủy ban nhân dân xã {n}",
            kind=OrgUnitKind.COMMUNE,
            key=key,
            code=key[1:],
            parent=province,
        )  # fmt: skip
        for n, key in [
            ("Thục Phán", "w01273"),
            ("Hòa An", "w01274"),
            ("Nguyên Bình", "w01275"),
            ("Bảo Lạc", "w01276"),
        ]  # fmt: skip
    ]
    official("officer", province, username="tinh.congchuc")
    official("officer", communes[0], username="thucphan.congchuc")
    assert seed_exemplars_demo() == 6
    assert seed_training_demo() == 3
    assert seed_inspections_demo() == 1
    counts = (Exemplar.objects.count(), Attendance.objects.count(), Finding.objects.count())
    assert seed_exemplars_demo() == seed_training_demo() == seed_inspections_demo() == 0
    assert (Exemplar.objects.count(), Attendance.objects.count(), Finding.objects.count()) == counts
    assert Exemplar.objects.commended().count() == 2
    assert Exemplar.objects.filter(replicates__isnull=False).count() == 2
    assert Finding.objects.filter(status="closed").count() == 1
