"""Where reads go when a replica is configured (core.replicas); the real replica is exercised by
``danvan/ops/tests/test_multi_server.py``."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from danvan.core import replicas, stamps
from danvan.core.replicas import PRIMARY, REPLICA, ReplicaMiddleware, ReplicaRouter
from danvan.orgs.models import OrgUnit

router = ReplicaRouter()


def test_reads_follow_the_request_and_writes_go_to_the_primary() -> None:
    assert router.db_for_read(OrgUnit) == PRIMARY
    with replicas.reading_from(REPLICA):
        assert router.db_for_read(OrgUnit) == REPLICA
        assert router.db_for_write(OrgUnit) == PRIMARY
    assert router.allow_migrate(PRIMARY, "orgs") is True
    assert router.allow_migrate(REPLICA, "orgs") is False


def test_a_safe_request_that_wrote_reads_the_primary_from_then_on() -> None:
    with replicas.reading_from(REPLICA):
        assert router.db_for_read(OrgUnit) == REPLICA
        router.db_for_write(OrgUnit)
        assert router.db_for_read(OrgUnit) == PRIMARY
    with replicas.reading_from(REPLICA):  # the next request starts afresh
        assert router.db_for_read(OrgUnit) == REPLICA


@pytest.mark.django_db(transaction=True)
def test_a_transaction_on_the_primary_reads_the_primary() -> None:
    with replicas.reading_from(REPLICA), transaction.atomic():
        assert router.db_for_read(OrgUnit) == PRIMARY


def test_an_object_reads_its_relations_where_it_was_read() -> None:
    unit = OrgUnit(name="x")
    unit._state.db = PRIMARY
    with replicas.reading_from(REPLICA):
        assert router.db_for_read(OrgUnit, instance=unit) == PRIMARY


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(replicas, "enabled", lambda: True)
    return []


def _serve(seen: list[str], request: HttpRequest) -> HttpResponse:
    def view(request: HttpRequest) -> HttpResponse:
        seen.append(replicas.read_alias())
        return HttpResponse("ok")

    return ReplicaMiddleware(view)(request)


def test_a_safe_request_reads_the_replica_until_its_client_writes(seen: list[str]) -> None:
    factory = RequestFactory()
    _serve(seen, factory.get("/"))
    response = _serve(seen, factory.post("/"))
    pinned = factory.get("/")
    pinned.COOKIES[replicas.PIN_COOKIE] = response.cookies[replicas.PIN_COOKIE].value
    _serve(seen, pinned)
    forged = factory.get("/")
    forged.COOKIES[replicas.PIN_COOKIE] = "not a time"
    _serve(seen, forged)
    assert seen == [REPLICA, PRIMARY, PRIMARY, REPLICA]


def test_an_api_client_without_cookies_is_pinned_by_its_credential(seen: list[str]) -> None:
    factory = RequestFactory()
    _serve(seen, factory.post("/", HTTP_AUTHORIZATION="Bearer writer"))
    _serve(seen, factory.get("/", HTTP_AUTHORIZATION="Bearer writer"))
    _serve(seen, factory.get("/", HTTP_AUTHORIZATION="Bearer someone-else"))
    assert seen == [PRIMARY, PRIMARY, REPLICA]


def test_without_a_replica_nothing_changes() -> None:
    seen: list[str] = []
    response = _serve(seen, RequestFactory().post("/"))
    assert seen == [PRIMARY]
    assert replicas.PIN_COOKIE not in response.cookies


@pytest.mark.django_db
def test_stamped_caches_load_from_the_primary() -> None:
    cache: stamps.StampedCache[str] = stamps.StampedCache("test-replicas")
    with replicas.reading_from(REPLICA):
        assert cache.get("k", replicas.read_alias) == PRIMARY
