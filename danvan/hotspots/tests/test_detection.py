"""Hotspot rules fire on the right side of their thresholds and windows, within scope."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.hotspots.detection import find_candidates
from danvan.hotspots.models import HotspotRule, OpinionSignal
from danvan.hotspots.services import visible_candidates
from danvan.petitions.models import Petition
from danvan.testing.fixtures import Tree, official

from .support import TODAY, petition, signal, topic

pytestmark = pytest.mark.django_db


def _flags(today: dt.date = TODAY) -> set[tuple[str, int, int]]:
    found = find_candidates(Petition.objects.all(), OpinionSignal.objects.all(), today)
    return {(c.rule.code, c.place_id, c.topic_id) for c in found}


def test_default_rules_are_loaded_with_their_basis() -> None:
    rules = {r.code: r for r in HotspotRule.objects.all()}
    assert set(rules) == {"nhieu-don-30-ngay", "don-dong-nguoi", "vuot-cap"}
    assert (rules["nhieu-don-30-ngay"].threshold, rules["nhieu-don-30-ngay"].window_days) == (5, 30)
    assert all("11-QĐi/TW" in r.basis for r in rules.values())


def test_volume_rule_on_both_sides_of_the_threshold(tree: Tree) -> None:
    land = topic("dat-dai")
    for _ in range(3):
        petition(tree.province, tree.commune, land)
    signal(tree.commune, tree.commune, land)
    assert _flags() == set()  # 4 < 5
    signal(tree.province, tree.commune, land, observed_on=TODAY - dt.timedelta(days=29))
    assert _flags() == {("nhieu-don-30-ngay", tree.commune.pk, land.pk)}
    (candidate,) = find_candidates(Petition.objects.all(), OpinionSignal.objects.all(), TODAY)
    assert (candidate.petitions, candidate.signals) == (3, 2)
    assert candidate.window_start == TODAY - dt.timedelta(days=29)
    assert candidate.place == tree.commune and candidate.topic == land


def test_volume_rule_counts_only_inside_the_window_and_the_same_pair(tree: Tree) -> None:
    land, water = topic("dat-dai"), topic("moi-truong")
    for _ in range(4):
        petition(tree.province, tree.commune, land)
    petition(tree.province, tree.commune, land, received_on=TODAY - dt.timedelta(days=30))
    petition(tree.province, tree.other_commune, land)
    petition(tree.province, tree.commune, water)
    petition(tree.province, None, land)  # no commune: not counted
    petition(tree.province, tree.commune, land, received_on=TODAY + dt.timedelta(days=1))
    assert _flags() == set()
    # The day after, the 30-day-old petition is out and the one dated tomorrow is in.
    assert _flags(TODAY + dt.timedelta(days=1)) == {("nhieu-don-30-ngay", tree.commune.pk, land.pk)}


def test_threshold_is_data_an_administrator_tunes(tree: Tree) -> None:
    land = topic()
    for _ in range(3):
        petition(tree.province, tree.commune, land)
    assert _flags() == set()
    HotspotRule.objects.filter(code="nhieu-don-30-ngay").update(threshold=3)
    assert _flags() == {("nhieu-don-30-ngay", tree.commune.pk, land.pk)}
    HotspotRule.objects.filter(code="nhieu-don-30-ngay").update(is_active=False)
    assert _flags() == set()


def test_crowded_and_escalated_rules(tree: Tree) -> None:
    land = topic()
    petition(tree.province, tree.commune, land, is_crowded=False, crowd_size=4)
    petition(tree.province, tree.commune, land, escalated=False)
    assert _flags() == set()
    petition(
        tree.province,
        tree.commune,
        land,
        is_crowded=True,
        crowd_size=12,
        received_on=TODAY - dt.timedelta(days=90),
    )
    assert _flags() == set()  # 91 days ago counting today: outside the 90-day window
    petition(tree.province, tree.commune, land, is_crowded=True, crowd_size=12)
    assert _flags() == {("don-dong-nguoi", tree.commune.pk, land.pk)}
    petition(tree.province, tree.other_commune, land, escalated=True)
    assert _flags() == {
        ("don-dong-nguoi", tree.commune.pk, land.pk),
        ("vuot-cap", tree.other_commune.pk, land.pk),
    }


def test_candidates_are_computed_over_what_the_viewer_may_see(tree: Tree) -> None:
    land = topic()
    for _ in range(5):
        petition(tree.province, tree.other_commune, land)  # handled by the province
    signal(tree.other_commune, tree.other_commune, land)
    province = official("officer", tree.province)
    commune = official("officer", tree.other_commune)
    outsider = official("officer", tree.other_province)
    assert [c.petitions for c in visible_candidates(province, TODAY)] == [5]
    # The commune sees only its own signal, not the province's petitions.
    assert visible_candidates(commune, TODAY) == []
    assert visible_candidates(outsider, TODAY) == []


def test_candidates_take_a_fixed_number_of_queries(
    tree: Tree, django_assert_num_queries: object
) -> None:
    land, water = topic("dat-dai"), topic("moi-truong")
    for t in (land, water):
        for _ in range(5):
            petition(tree.province, tree.commune, t)
            petition(tree.province, tree.other_commune, t, is_crowded=True)
    # Rules; per rule one petition count (+ signals for volume); places, topics, open cases.
    with django_assert_num_queries(1 + 3 + 1 + 3):  # type: ignore[operator]
        found = find_candidates(Petition.objects.all(), OpinionSignal.objects.all(), TODAY)
    assert len(found) == 6
