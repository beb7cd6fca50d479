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
from danvan.core.obligations import remind
from danvan.notifications.models import Notification
from danvan.petitions.casework import services
from danvan.petitions.casework.confidentiality import can_see_identity
from danvan.petitions.models import IdentityAccess, Petition
from danvan.testing.fixtures import Tree, official

from .factories import make_petition

SECRETS = ("Nông Văn Tám", "004090001234", "Thôn Bản Giới, xã Hòa Bình", "0912345678")


def assert_hidden(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


def send_overdue_alerts(today: dt.date) -> int:
    """The petitions' reminders of the kernel's daily job (``petitions.obligations``)."""
    return remind(today, only=["petitions.step"])["petitions.step"]


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
    petition = services.classify(
        handler, petition,
        services.Classification(kind="denunciation", eligible=True, competence="within"),
        petition.version, on=dt.date(2026, 3, 3),
    )  # fmt: skip
    assert petition.due_on is not None
    assert send_overdue_alerts(petition.due_on + dt.timedelta(days=1)) >= 1
    for note in Notification.objects.all():
        assert_hidden(f"{note.subject} {note.body} {note.url}")
    for entry in LogEntry.objects.all():
        assert_hidden(f"{entry.changes} {entry.object_repr}")


def test_portal_and_open311_never_show_identity(case: tuple[Petition, User, User, User]) -> None:
    petition, *_ = case
    assert_hidden(Client().get(f"/portal/petitions/{petition.tracking_code}/").text)
    assert_hidden(Client().get("/open311/v2/requests.json").text)
    assert Client().get(f"/open311/v2/requests/{petition.tracking_code}.json").status_code == 404


# --- attached files ------------------------------------------------------------------------

PDF = b"%PDF-1.4\n% don to cao\n"
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
# File names betray the denouncer as surely as the identity fields do.
LETTER = "Đơn tố cáo - Nông Văn Tám.pdf"
ID_CARD = "CCCD 004090001234.jpg"


@pytest.fixture
def filed(tree: Tree) -> tuple[Petition, User, User, User, User]:
    receiver = official("reception_officer", tree.commune, username="xa.tiepdan", email="a@x.vn")
    assigned = official("reception_officer", tree.commune, username="xa.xuly", email="d@x.vn")
    colleague = official("reception_officer", tree.commune, username="xa.tiepdan2", email="b@x.vn")
    leader = official("leader", tree.commune, username="xa.lanhdao", email="c@x.vn")
    petition = make_petition(
        receiver, tree.commune, kind="denunciation", petitioner_phone="0912345678",
        attachments=[services.Upload(LETTER, PDF), services.Upload(ID_CARD, JPG)],
    )  # fmt: skip
    petition = services.classify(
        receiver, petition,
        services.Classification(
            kind="denunciation", eligible=True, competence="within", assigned_officer=assigned
        ),
        petition.version, on=dt.date(2026, 3, 3),
    )  # fmt: skip
    return petition, receiver, assigned, colleague, leader


def _api(user: User) -> dict[str, str]:
    from danvan.accounts.services import issue_token

    return {"Authorization": f"Bearer {issue_token(user, 'xử lý đơn')[1]}"}


def test_colleague_in_scope_neither_sees_nor_opens_the_files(
    filed: tuple[Petition, User, User, User, User],
) -> None:
    petition, receiver, assigned, colleague, leader = filed
    letter = petition.attachments.get(original_name=LETTER)
    url = f"/petitions/{petition.pk}/attachments/{letter.pk}/"
    client = login(colleague)
    page = client.get(f"/petitions/{petition.pk}/")
    assert page.status_code == 200
    assert f"/petitions/{petition.pk}/attachments/" not in page.text
    assert 'id="attachments-withheld"' in page.text  # that files exist, not what they are
    assert_hidden(page.text)
    assert client.get(url).status_code == 404
    body = Client().get(f"/api/v1/petitions/{petition.pk}", headers=_api(colleague))
    assert body.json()["attachments"] == [] and body.json()["attachment_count"] == 2
    assert_hidden(body.text)
    api_url = f"/api/v1/petitions/{petition.pk}/attachments/{letter.pk}"
    assert Client().get(api_url, headers=_api(colleague)).status_code == 404
    assert not IdentityAccess.objects.exists()


def test_assigned_officer_downloads_and_the_download_is_recorded(
    filed: tuple[Petition, User, User, User, User],
) -> None:
    petition, receiver, assigned, colleague, leader = filed
    letter = petition.attachments.get(original_name=LETTER)
    url = f"/petitions/{petition.pk}/attachments/{letter.pk}/"
    client = login(assigned)
    assert url in client.get(f"/petitions/{petition.pk}/").text
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["X-Content-Type-Options"] == "nosniff"
    reads = IdentityAccess.objects.filter(user=assigned).values_list("channel", flat=True)
    assert sorted(reads) == sorted(["web.detail", f"web.attachment:{letter.pk}"])
    # Each download is a read of its own.
    client.get(url)
    assert IdentityAccess.objects.filter(channel=f"web.attachment:{letter.pk}").count() == 2


def test_receiver_and_leader_open_the_files_through_the_api(
    filed: tuple[Petition, User, User, User, User],
) -> None:
    petition, receiver, assigned, colleague, leader = filed
    for user, name in ((receiver, "xa.tiepdan"), (leader, "xa.lanhdao")):
        headers = _api(user)
        body = Client().get(f"/api/v1/petitions/{petition.pk}", headers=headers).json()
        card = next(a for a in body["attachments"] if a["name"] == ID_CARD)
        response = Client().get(card["download_url"], headers=headers)
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        assert IdentityAccess.objects.filter(
            user__username=name, channel=f"api.attachment:{card['id']}"
        ).exists()


def test_the_audit_log_keeps_no_file_names(filed: tuple[Petition, User, User, User, User]) -> None:
    """A file named after the denouncer must not carry the name into the audit log."""
    petition, *_ = filed
    entries = LogEntry.objects.filter(content_type__model="petitionattachment")
    assert entries.count() == 2
    for entry in entries:
        text = f"{entry.changes} {entry.object_repr}"
        assert LETTER not in text and ID_CARD not in text and "Tám" not in text
