"""Thresholds are data with their basis; the move out of petitions kept every table and row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from danvan.deadlines import threshold
from danvan.deadlines.models import CalendarEntry, DeadlineRule, Threshold
from danvan.deadlines.services import save_threshold
from danvan.deadlines.thresholds import CROWD_SIZE
from danvan.petitions.tests.factories import make_petition
from danvan.testing.fixtures import Tree, official


def test_the_crowd_size_is_a_row_with_its_legal_basis(db: None) -> None:
    row = Threshold.objects.get(code=CROWD_SIZE)
    assert row.value == 5
    assert "Điều 30 Luật Tiếp công dân" in row.legal_basis
    assert threshold(CROWD_SIZE) == 5


def test_an_edited_threshold_is_used_by_the_next_intake(tree: Tree) -> None:
    clerk = official("reception_officer", tree.commune, username="xa.tiepdan")
    assert make_petition(clerk, tree.commune, crowd_size=5).is_crowded
    row = Threshold.objects.get(code=CROWD_SIZE)
    row.value = 6
    save_threshold(row)  # the legal stamp moves: every process reads the new value
    assert not make_petition(clerk, tree.commune, crowd_size=5, title="Khác").is_crowded
    assert make_petition(clerk, tree.commune, crowd_size=6, title="Đoàn").is_crowded


def test_a_missing_threshold_is_a_clear_message(db: None) -> None:
    from danvan.core.errors import UserError

    Threshold.objects.filter(code=CROWD_SIZE).delete()
    with pytest.raises(UserError, match="petitions.crowd_size"):
        threshold(CROWD_SIZE)


def test_the_models_keep_the_tables_petitions_created(db: None) -> None:
    assert DeadlineRule._meta.db_table == "petitions_deadlinerule"
    assert CalendarEntry._meta.db_table == "petitions_calendarentry"
    assert DeadlineRule.objects.filter(rule_id="complaint.first").exists()
    assert CalendarEntry.objects.filter(day__year=2026).exists()


@pytest.mark.django_db(transaction=True)
def test_moving_the_models_keeps_every_row() -> None:
    """Back to before the move, add rows there, forward again: the rows are still there."""
    from danvan.petitions.tests.factories import reload_legal_data

    reload_legal_data()  # an earlier transactional test may have flushed the migrations' rows
    before: list[tuple[str, str | None]] = [
        ("petitions", "0014_petition_intake_key_and_location"),
        ("deadlines", None),
    ]
    after = MigrationExecutor(connection).loader.graph.leaf_nodes()
    executor = MigrationExecutor(connection)
    executor.migrate(before)  # type: ignore[arg-type]
    old = executor.loader.project_state(("petitions", "0014_petition_intake_key_and_location")).apps
    old.get_model("petitions", "CalendarEntry").objects.create(
        day=dt.date(2031, 1, 2), kind="day_off", name="Nghỉ bù", legal_basis="Thông báo"
    )
    rules = old.get_model("petitions", "DeadlineRule").objects.count()
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    assert CalendarEntry.objects.get(day=dt.date(2031, 1, 2)).name == "Nghỉ bù"
    assert DeadlineRule.objects.count() == rules > 0
    assert threshold(CROWD_SIZE) == 5
