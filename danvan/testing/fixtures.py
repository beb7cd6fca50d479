"""Personas: a small province tree and the officials who work in it.

    province (UBND tỉnh Thử Nghiệm)
    ├── department (Sở Nội vụ)
    ├── commune (UBND xã Hòa Bình)
    │   └── village (Thôn Bản Giới)
    └── other_commune (UBND xã Tân Lập)

``province_officer`` is a dân vận officer at the province with its subtree,
``commune_officer`` the same at the commune, ``outsider`` an officer of another province.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .factories import OrgUnitFactory, UserFactory


@dataclass
class Tree:
    province: OrgUnit
    department: OrgUnit
    commune: OrgUnit
    village: OrgUnit
    other_commune: OrgUnit
    other_province: OrgUnit


@pytest.fixture
def tree(db: None) -> Tree:
    province = OrgUnitFactory.create(
        name="Ủy ban nhân dân tỉnh Thử Nghiệm",
        short_name="UBND tỉnh Thử Nghiệm",
        kind=OrgUnitKind.PROVINCE,
        key="p90",
        code="90",
    )
    department = OrgUnitFactory.create(
        name="Sở Nội vụ tỉnh Thử Nghiệm",
        short_name="Sở Nội vụ",
        kind=OrgUnitKind.DEPARTMENT,
        key="p90.so-noi-vu",
        parent=province,
    )
    commune = OrgUnitFactory.create(
        name="Ủy ban nhân dân xã Hòa Bình",
        short_name="UBND xã Hòa Bình",
        kind=OrgUnitKind.COMMUNE,
        key="w90001",
        code="90001",
        parent=province,
    )
    village = OrgUnitFactory.create(
        name="Thôn Bản Giới", kind=OrgUnitKind.VILLAGE, key="w90001.ban-gioi", parent=commune
    )
    other_commune = OrgUnitFactory.create(
        name="Ủy ban nhân dân xã Tân Lập",
        kind=OrgUnitKind.COMMUNE,
        key="w90002",
        code="90002",
        parent=province,
    )
    other_province = OrgUnitFactory.create(
        name="Ủy ban nhân dân tỉnh Bên Cạnh", kind=OrgUnitKind.PROVINCE, key="p91", code="91"
    )
    return Tree(province, department, commune, village, other_commune, other_province)


def official(role: str, unit: OrgUnit, subtree: bool = True, **kwargs: object) -> User:
    """An official of ``unit`` holding ``role`` there (and below, unless ``subtree`` is off)."""
    return UserFactory.create(org_unit=unit, roles=[(role, unit, subtree)], **kwargs)


def signed_in(user: object) -> Client:
    """A client signed in as ``user`` past the two-factor step, as the official would be."""
    from django.test import Client
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.accounts.services import requires_two_factor

    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and requires_two_factor(user):  # type: ignore[arg-type]
        device = TOTPDevice.objects.create(user=user, confirmed=True, name="thử nghiệm")
    if device is not None:
        code = str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift))
        response = client.post("/accounts/verify/", {"code": code.zfill(device.digits)})
        assert response.status_code == 302, "two-factor verification failed in a test client"
    return client


@pytest.fixture
def province_officer(tree: Tree) -> User:
    return official("officer", tree.province, username="tinh.congchuc")


@pytest.fixture
def commune_officer(tree: Tree) -> User:
    return official("officer", tree.commune, username="xa.congchuc")


@pytest.fixture
def outsider(tree: Tree) -> User:
    return official("officer", tree.other_province, username="ngoai.congchuc")


@pytest.fixture
def province_admin(tree: Tree) -> User:
    return official("system_admin", tree.province, username="tinh.quantri")


@pytest.fixture(autouse=True)
def _keep_test_connection_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Django closes every connection after a command run from argv (``danvan.cli.main``);
    inside a test transaction on PostgreSQL that would kill the test's connection."""
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)


class CurrentApps:
    """The app registry as old data migrations ask it: a model that has since moved to another
    app while keeping its table (``db_table``, e.g. the deadline rules, now in ``deadlines``)
    is found under the label it had when the migration was written."""

    def get_model(self, app_label: str, model_name: str) -> Any:
        from django.apps import apps

        try:
            return apps.get_model(app_label, model_name)
        except LookupError:
            table = f"{app_label}_{model_name.lower()}"
            for model in apps.get_models():
                if model._meta.db_table == table:
                    return model
            raise


def restore_migrated_data() -> None:
    """Re-run the data migrations (roles, legal rules, calendars, topics …) on an empty database.

    A transactional test (the browser tests, which need a live server on another connection)
    ends with a flush that also empties the tables data migrations filled; the next one would
    find no roles or deadline rules. Django's serialized rollback trips over content types and
    foreign-key order here, so the loaders themselves run again instead: every one of them is
    written to be idempotent.
    """
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    plan = loader.graph.leaf_nodes()
    ordered: list[tuple[str, str]] = []
    for leaf in plan:
        for node in loader.graph.forwards_plan(leaf):
            if node not in ordered:
                ordered.append(node)
    for app_label, name in ordered:
        if not loader.graph.nodes[(app_label, name)].__module__.startswith("danvan."):
            continue
        for operation in loader.graph.nodes[(app_label, name)].operations:
            if isinstance(operation, RunPython):
                operation.code(CurrentApps(), connection.schema_editor())  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _migrated_data_in_transactional_tests(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("django_db")
    if not marker or not (
        marker.kwargs.get("transaction") or "transactional_db" in request.fixturenames
    ):
        return
    request.getfixturevalue("transactional_db")
    from danvan.accounts.models import Role

    if not Role.objects.exists():
        restore_migrated_data()


# Browser tests drive Debian's Chromium (CI installs it with apt-get; never `playwright install`)
# and are skipped where it is absent.
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must allow ORM calls from the test body.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            instance = p.chromium.launch(
                executable_path=str(CHROMIUM),
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"],
            )  # fmt: skip
            yield instance
            instance.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
