"""A denouncer's identity never leaves the case: lists, exports, search, duplicates,
notifications, the audit log, the portal and Open311 — only the handlers and their leaders
read it, and each read is recorded."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from auditlog.models import LogEntry
from django.test import Client
from openpyxl import load_workbook

from danvan.accounts.models import User
from danvan.notifications.models import Notification
from danvan.petitions.casework import services
from danvan.petitions.casework.confidentiality import can_see_identity
from danvan.petitions.models import IdentityAccess, Petition
from danvan.petitions.tasks import send_overdue_alerts
from danvan.testing.fixtures import Tree, official

from .factories import make_petition

SECRETS = ("Nông Văn Tám", "004090001234", "Thôn Bản Giới, xã Hòa Bình", "0912345678")


def assert_hidden(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


@pytest.fixture
def case(tree: Tree) -> tuple[Petition, User, User, User]:
    handler = official("reception_officer", tree.commune, username="xa.tiepdan", email="a@x.vn")
    colleague = official("reception_officer", tree.commune, username="xa.tiepdan2", email="b@x.vn")
    leader = official("leader", tree.commune, username="xa.lanhdao", email="c@x.vn")
    petition = make_petition(
        handler, tree.commune, kind="denunciation", petitioner_phone="0912345678",
        received_on=dt.date(2026, 3, 2),
    )  # fmt: skip
    return petition, handler, colleague, leader


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_who_may_read(case: tuple[Petition, User, User, User], tree: Tree, outsider: User) -> None:
    petition, handler, colleague, leader = case
    inspector = official("inspector", tree.commune, username="xa.thanhtra")
    assert can_see_identity(handler, petition) and can_see_identity(leader, petition)
    for user in (colleague, inspector, outsider):
        assert not can_see_identity(user, petition)


def test_lists_search_export_and_duplicates(case: tuple[Petition, User, User, User]) -> None:
    petition, handler, colleague, leader = case
    for user in (handler, colleague, leader):
        client = login(user)
        assert_hidden(client.get("/petitions/").text)
        assert_hidden(client.get("/petitions/?q=tranh+chap").text)
        assert_hidden(client.get("/petitions/?q=Nong+Van+Tam").text)
        xlsx = client.get("/petitions/statistics.xlsx?from=2026-01-01")
        book = load_workbook(io.BytesIO(xlsx.content))
        cells = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row)
        assert petition.tracking_code in cells
        assert_hidden(cells)
    # Typing the denouncer's identity number at intake does not reveal their denunciation.
    response = login(colleague).post(
        "/petitions/duplicates/",
        {"handling_unit": petition.handling_unit_id, "petitioner_id_number": "004090001234",
         "title": "x", "content": "y"},
    )  # fmt: skip
    assert petition.tracking_code not in response.text
    assert_hidden(response.text)
    assert not IdentityAccess.objects.exists()


def test_detail_only_for_handlers_and_leaders(case: tuple[Petition, User, User, User]) -> None:
    petition, handler, colleague, leader = case
    assert_hidden(login(colleague).get(f"/petitions/{petition.pk}/").text)
    assert "004090001234" in login(leader).get(f"/petitions/{petition.pk}/").text
    assert list(IdentityAccess.objects.values_list("user__username", flat=True)) == ["xa.lanhdao"]


def test_notifications_and_audit_log(case: tuple[Petition, User, User, User]) -> None:
    petition, handler, colleague, leader = case
    services.classify(
        handler, petition,
        services.Classification(kind="denunciation", eligible=True, competence="within"),
        petition.version, on=dt.date(2026, 3, 3),
    )  # fmt: skip
    assert send_overdue_alerts(dt.date(2026, 6, 1)) >= 1
    for note in Notification.objects.all():
        assert_hidden(f"{note.subject} {note.body} {note.url}")
    for entry in LogEntry.objects.all():
        assert_hidden(f"{entry.changes} {entry.object_repr}")


def test_portal_and_open311_never_show_identity(case: tuple[Petition, User, User, User]) -> None:
    petition, *_ = case
    assert_hidden(Client().get(f"/portal/petitions/{petition.tracking_code}/").text)
    assert_hidden(Client().get("/open311/v2/requests.json").text)
    assert Client().get(f"/open311/v2/requests/{petition.tracking_code}.json").status_code == 404
