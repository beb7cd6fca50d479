"""Every bulk figure equals its source's figure unit by unit, on data where they differ."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit import SYSTEM
from danvan.dialogues.tests.support import make_dialogue
from danvan.evaluation import bulk
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import make_petition
from danvan.reporting import sources
from danvan.surveys import services as survey_services
from danvan.surveys.tests.support import open_questionnaire
from danvan.testing.fixtures import Tree, official

from .support import make_task

pytestmark = pytest.mark.django_db


def test_bulk_figures_equal_the_sources(tree: Tree) -> None:
    units = [tree.commune, tree.other_commune, tree.department]
    make_task(tree.commune, dt.date(2025, 3, 1), dt.date(2025, 2, 1))
    make_task(tree.commune, dt.date(2025, 4, 1), None)
    make_task(tree.other_commune, dt.date(2025, 4, 1), dt.date(2025, 4, 9))
    make_dialogue(tree.commune, held_on=dt.date(2025, 5, 1))
    make_dialogue(tree.department, held_on=dt.date(2025, 6, 1))
    desk = official("reception_officer", tree.commune, username="bulk.desk")
    p = make_petition(desk, tree.commune, received_on=dt.date(2025, 2, 1))
    Petition.objects.filter(pk=p.pk).update(answered_on=dt.date(2025, 3, 1))
    make_petition(desk, tree.commune, received_on=dt.date(2025, 2, 3))
    q = open_questionnaire(tree.other_commune)
    survey_services.submit_response(
        q, {"a": "5", "c": "2", "co": "Không"}, device_token="b1", actor=SYSTEM
    )
    start, end = dt.date(2025, 1, 1), dt.date(2026, 12, 31)
    checked = 0
    for code in bulk.registered():
        source = sources.get(code)
        assert source is not None, code
        expected = {u.pk: source.compute(u, start, end) for u in units}
        got = bulk.figures(code, units, start, end)
        assert got == expected, code
        checked += 1
    assert checked >= 11
