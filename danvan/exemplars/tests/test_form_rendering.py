"""The registration form renders as many templates for a province of many units as for few:
the unit select (every unit the official may register a model for, thousands for a province's
officials) is written in Python, not through a template per option."""

from __future__ import annotations

import pytest

from danvan.accounts.models import User
from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import Tree, signed_in

pytestmark = pytest.mark.django_db


def test_the_unit_select_renders_no_template_per_unit(tree: Tree, province_officer: User) -> None:
    client = signed_in(province_officer)
    few = client.get("/exemplars/new/")
    assert few.status_code == 200
    for n in range(8):
        OrgUnitFactory.create(name=f"Xã Thêm {n}", parent=tree.province)
    many = client.get("/exemplars/new/")
    page = many.content.decode()
    assert all(f">Xã Thêm {n}</option>" in page for n in range(8))
    assert len(many.templates) == len(few.templates)
