"""The demo plan: 512/KH-UBND cascaded to Cao Bằng's departments and communes, once."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit import SYSTEM
from danvan.documents.demo import import_demo_documents
from danvan.orgs.loading import find_province, load_divisions
from danvan.outputs.nd30 import symbol_of
from danvan.plans.cascade import compliance
from danvan.plans.demo import seed_plans_demo
from danvan.plans.models import ImplementationObligation, Plan, Task

pytestmark = pytest.mark.django_db


def test_demo_plan_is_cascaded_with_a_mix_and_idempotent(
    settings, tmp_path, django_assert_max_num_queries
) -> None:
    settings.MEDIA_ROOT = tmp_path
    load_divisions([find_province("cao_bang")], actor=SYSTEM)
    import_demo_documents()
    plan = seed_plans_demo()
    assert plan is not None
    assert plan.number == "512/KH-UBND" and plan.owner.key == "p04"
    assert plan.tasks.count() >= 10
    result = compliance(plan, today=dt.date(2026, 11, 22))
    assert result.total.total == ImplementationObligation.objects.filter(plan=plan).count() == 69
    assert result.total.on_time and result.total.late and result.total.missing
    snv = ImplementationObligation.objects.get(plan=plan, holder__key="p04.so-noi-vu")
    assert snv.fulfilled_by is not None and snv.fulfilled_by.number == "45/KH-SNV"
    assert (
        Task.objects.filter(status="done").exists()
        and Task.objects.filter(status="in_progress").exists()
    )
    # Demo texts as an official would write them (issue #12, item 8): a department's plan is
    # numbered with its own symbol, never «…/KH-S»; no unit coordinates with itself.
    for child in Plan.objects.filter(parent=plan).select_related("owner"):
        assert child.number.endswith("/" + symbol_of(child.owner)), child.number
        assert not child.number.endswith("/KH-S")
    for task in Task.objects.filter(plan=plan).exclude(lead_unit=None):
        assert task.lead_unit_id not in {u.pk for u in task.supporting_units.all()}, task.title
    counts = (Plan.objects.count(), Task.objects.count())
    with django_assert_max_num_queries(3):
        assert seed_plans_demo() == plan
    assert (Plan.objects.count(), Task.objects.count()) == counts
