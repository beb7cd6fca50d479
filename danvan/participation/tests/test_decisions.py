"""The people's decisions: thresholds counted on all households, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import UserError
from danvan.testing.fixtures import Tree

from ..models import DecisionMatter, PeopleDecision, needed_votes
from ..services.decisions import record_decision


def _vote(officer, tree: Tree, matter: int = 1, **over):  # type: ignore[no-untyped-def]
    fields = {
        "actor": officer,
        "village": tree.village,
        "matter": DecisionMatter.objects.get(number=matter),
        "title": "Đóng góp làm đường bê tông liên thôn",
        "method": "ballot",
        "noticed_on": dt.date(2026, 3, 1),
        "held_on": dt.date(2026, 3, 8),
        "households_total": 90,
        "ballots": 80,
        "votes_for": 59,
        "votes_against": 21,
    }
    fields.update(over)
    return record_decision(**fields)


def test_needed_votes_is_exact() -> None:
    assert needed_votes("two_thirds", 90) == 60
    assert needed_votes("two_thirds", 91) == 61
    assert needed_votes("majority", 90) == 46
    assert needed_votes("majority", 91) == 46


def test_two_thirds_of_all_households_not_of_those_present(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    # 59 of 80 voting is 74% of those present but under two thirds of the village's 90 households.
    failed = _vote(commune_officer, tree)
    tally = failed.tally()
    assert not tally.passed and tally.needed == 60
    assert "hai phần ba" in tally.rule and "60/90" in tally.rule and "Điều 21" in tally.rule
    assert _vote(commune_officer, tree, votes_for=60, votes_against=20).tally().passed


def test_more_than_half_for_other_matters(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    assert not _vote(commune_officer, tree, matter=3, votes_for=45, votes_against=30).tally().passed
    passed = _vote(commune_officer, tree, matter=3, votes_for=46, votes_against=30).tally()
    assert passed.passed and "trên một nửa" in passed.rule


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"ballots": 95}, "không thể nhiều hơn số hộ gia đình"),
        ({"votes_for": 70, "votes_against": 20}, "vượt quá số hộ tham gia"),
        ({"noticed_on": dt.date(2026, 3, 7)}, "ít nhất 2 ngày"),
        ({"method": "online"}, "chỉ áp dụng"),
        ({"matter": 6, "method": "online", "households_opted_in": 45}, "trên 50%"),
        ({"initiative": True, "initiative_households": 8}, "ít nhất 10%"),
    ],
)
def test_bad_votes_are_refused(tree: Tree, commune_officer, over, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match=message):
        _vote(commune_officer, tree, **over)
    assert not PeopleDecision.objects.exists()


def test_online_vote_for_matter_6_once_households_opted_in(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    decision = _vote(commune_officer, tree, matter=6, method="online", households_opted_in=46)
    assert decision.tally().passed  # 59 > 45


def test_only_a_village(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="thôn, tổ dân phố"):
        _vote(commune_officer, tree, village=tree.commune)
