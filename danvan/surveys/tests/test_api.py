from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from danvan.core.audit import SYSTEM
from danvan.surveys import services
from danvan.testing.fixtures import Tree, official

from .support import open_questionnaire

pytestmark = pytest.mark.django_db


def test_index_over_the_api(tree: Tree) -> None:
    from danvan.accounts.models import Role

    Role.objects.update(require_two_factor=False)
    officer = official("officer", tree.commune, username="api.ks")
    q = open_questionnaire(tree.commune, officer)
    services.submit_response(q, {"a": "5", "c": "2", "co": "Không"}, device_token="1", actor=SYSTEM)
    client = Client()
    client.force_login(officer)
    listed = client.get("/api/v1/surveys/questionnaires").json()
    assert listed["items"][0]["public_path"] == f"/khao-sat/{q.public_key}/"
    index = client.get(f"/api/v1/surveys/questionnaires/{q.pk}/index").json()
    assert Decimal(index["overall"]) == Decimal("50.00")  # service 100, policy 0
    mean = client.get(f"/api/v1/surveys/questionnaires/{q.pk}/index?formula=diem-trung-binh").json()
    assert Decimal(mean["overall"]) == Decimal("3.50")
    compare = client.get("/api/v1/surveys/compare?year=2026").json()
    assert compare == [
        {"unit_id": tree.commune.pk, "unit_name": tree.commune.name, "value": "50.00"}
    ]
    outsider = Client()
    outsider.force_login(official("officer", tree.other_province, username="api.ks.ngoai"))
    assert outsider.get(f"/api/v1/surveys/questionnaires/{q.pk}/index").status_code == 404
