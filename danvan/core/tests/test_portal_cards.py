"""The citizens' portal names who runs it and each card says what is there now (#12 item 6)."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from danvan.core.audit import SYSTEM
from danvan.petitions.reception import services as reception
from danvan.petitions.tests.factories import make_petition, reload_legal_data
from danvan.testing.fixtures import Tree, official


def test_cards_say_what_is_there_now(client: Client, tree: Tree) -> None:
    reload_legal_data()
    page = client.get("/portal/").content.decode()
    assert "sẽ được đăng tại đây" not in page
    # Two provinces in the test tree: both are named, none is taken as «the» operator.
    assert "Ủy ban nhân dân tỉnh Thử Nghiệm" in page and "Ủy ban nhân dân tỉnh Bên Cạnh" in page
    assert "Chưa có lịch tiếp công dân trong 14 ngày tới." in page
    assert "Hiện không có dự thảo nào đang lấy ý kiến." in page
    assert "Chưa có mô hình nào được khen thưởng." in page

    today = timezone.localdate()
    schedule, _warnings = reception.save_schedule(
        reception.ScheduleInput(
            unit=tree.commune, place=None, place_name="Trụ sở UBND xã Hòa Bình",
            place_address="Thôn Bản Giới", host_role="commune_chairman",
            host_name="Ông Hoàng Văn Chủ, Chủ tịch UBND xã", frequency="weekly",
            weekday=today.isoweekday(), valid_from=today - dt.timedelta(days=30),
        ),
        actor=SYSTEM,
    )  # fmt: skip
    reception_officer = official("reception_officer", tree.commune, username="tiepdan-hb")
    for _ in range(3):
        make_petition(reception_officer, tree.commune, received_on=today)
    sessions = len(reception.occurrences(schedule, today, today + dt.timedelta(days=14)))
    assert sessions >= 2

    page = client.get("/portal/").content.decode()
    assert f"{sessions} buổi tiếp công dân tại 1 cơ quan, đơn vị trong 14 ngày tới." in page
    assert "Ông Hoàng Văn Chủ, Chủ tịch UBND xã" in page
    assert "Trụ sở UBND xã Hòa Bình" in page
    assert f"Năm {today.year}: đã tiếp nhận 3 đơn, đã trả lời 0 đơn." in page


def test_a_province_installation_names_its_province(client: Client, tree: Tree) -> None:
    from danvan.orgs.services import update_unit

    update_unit(tree.other_province, valid_to=dt.date(2025, 6, 30), actor=SYSTEM)
    page = client.get("/portal/").content.decode()
    assert "Cổng thông tin cho người dân — Ủy ban nhân dân tỉnh Thử Nghiệm" in page
    assert "Do Ủy ban nhân dân tỉnh Thử Nghiệm và các xã, phường trong tỉnh quản lý" in page


def test_cards_are_shared_for_a_few_minutes(
    client: Client,
    tree: Tree,
    settings,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    """The portal's cards are the same for everyone and some count a year of the country's
    petitions: they are computed once per period and language, then read from the cache."""
    from django.core.cache import cache

    settings.PORTAL_CARDS_CACHE_SECONDS = 300
    cache.clear()
    reload_legal_data()
    reception_officer = official("reception_officer", tree.commune, username="tiepdan-hb")
    make_petition(reception_officer, tree.commune, received_on=timezone.localdate())
    year = timezone.localdate().year
    first = client.get("/portal/").content.decode()
    assert f"Năm {year}: đã tiếp nhận 1 đơn" in first
    with django_assert_max_num_queries(1):  # the provinces named at the top; no card's count
        again = client.get("/portal/").content.decode()
    assert f"Năm {year}: đã tiếp nhận 1 đơn" in again
    # A new petition shows once the period is over (here: the cache emptied), not before.
    make_petition(reception_officer, tree.commune, received_on=timezone.localdate())
    assert f"Năm {year}: đã tiếp nhận 1 đơn" in client.get("/portal/").content.decode()
    cache.clear()
    assert f"Năm {year}: đã tiếp nhận 2 đơn" in client.get("/portal/").content.decode()
    # A visitor reading English gets the English card.
    client.cookies["danvan_language"] = "en"
    assert f"In {year}: 2 petitions received" in client.get("/portal/").content.decode()
    cache.clear()


def test_migrate_creates_the_database_cache_table(settings, transactional_db) -> None:  # type: ignore[no-untyped-def]
    """Production without Redis caches in the database: ``migrate`` creates the table, so the
    shared cache works there without a deployment step (it was never created before)."""
    from django.core.cache import caches
    from django.db import connection

    settings.CACHES = {
        **settings.CACHES,
        "db": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t_cache"},
    }
    import importlib

    module = importlib.import_module("danvan.core.migrations.0004_database_cache_table")
    with connection.schema_editor() as editor:
        module.create_cache_table(None, editor)
    caches["db"].set("k", "v", 60)
    assert caches["db"].get("k") == "v"
