from __future__ import annotations

import pytest
from django.test import Client

from danvan.evaluation import services
from danvan.evaluation.models import Assessment, Criterion, Score
from danvan.testing.fixtures import Tree, official

from .support import make_scheme

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    from danvan.accounts.models import Role

    Role.objects.update(require_two_factor=False)
    client = Client()
    client.force_login(user)
    return client


def test_scorecard_self_assessment_and_appraisal_over_the_api(tree: Tree) -> None:
    runner = official("officer", tree.province, username="api.snv")
    scheme = make_scheme(runner, tree.province)
    services.open_round(scheme, scheme.version, actor=runner)
    a = Assessment.objects.get(unit=tree.commune)
    m = Criterion.objects.get(group__scheme=scheme, code="M")
    commune = _client(official("officer", tree.commune, username="api.xa"))
    card = commune.get(f"/api/v1/evaluation/assessments/{a.pk}").json()
    assert {s["code"] for s in card["scores"]} == {"NV", "DTH", "M", "THUONG"}
    over = commune.post(
        f"/api/v1/evaluation/assessments/{a.pk}/self",
        {"version": a.version, "entries": [{"criterion_id": m.pk, "points": 90, "evidence": "x"}]},
        content_type="application/json",
    )
    assert over.status_code == 400 and "vượt điểm tối đa" in over.json()["detail"]
    assert not Score.objects.filter(self_points__isnull=False).exists()
    ok = commune.post(
        f"/api/v1/evaluation/assessments/{a.pk}/self",
        {
            "version": a.version,
            "entries": [{"criterion_id": m.pk, "points": 60, "evidence": "BC 1"}],
        },
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["version"] == a.version + 1
    stale = commune.post(
        f"/api/v1/evaluation/assessments/{a.pk}/self",
        {"version": a.version, "entries": []},
        content_type="application/json",
    )
    assert stale.status_code == 409
    ranking = _client(runner).get(f"/api/v1/evaluation/schemes/{scheme.pk}/ranking").json()
    assert len(ranking) == 2
    outsider = _client(official("officer", tree.other_province, username="api.ngoai"))
    assert outsider.get(f"/api/v1/evaluation/assessments/{a.pk}").status_code == 404
