"""A denouncer received in person stays hidden on every page, export and API answer.

Điều 47 Luật Tố cáo 2018: only those handling the denunciation (and their leaders) may know who
made it. A reception officer writes the person into the register (sổ tiếp công dân) and registers
the denunciation from that line; then every official who may *not* know walks every link the
site shows them, three clicks deep, plus the exports and the API, looking for the marker name and
identity number. The officer who received the person and the commune's leader do see them, so the
walk would notice if the marker never reached a page at all.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings

from danvan.accounts.models import User
from danvan.petitions.reception import services as reception_services
from danvan.petitions.reception.models import ReceptionEntry, ReceptionHandling
from danvan.testing.crawl import crawl
from danvan.testing.fixtures import Tree, official, signed_in

NAME = "Lò Thị Kín Đáo"
ID_NUMBER = "004188776655"
ADDRESS = "Xóm Khuất Nẻo"
MARKERS = (NAME, ID_NUMBER, ADDRESS)
ABOUT = "Tố cáo cán bộ địa chính thu tiền trái phép khi cấp sổ đỏ"


def _openapi_get_paths(petition_id: int) -> list[str]:
    spec = json.loads((Path(settings.BASE_DIR) / "docs" / "openapi.json").read_text())
    paths = []
    for path, operations in spec["paths"].items():
        if "get" not in operations:
            continue
        if "{" not in path:
            paths.append(path)
        elif path == "/api/v1/petitions/{petition_id}":
            paths.append(path.replace("{petition_id}", str(petition_id)))
    return paths


@pytest.fixture
def received(tree: Tree) -> tuple[ReceptionEntry, User]:
    officer = official("reception_officer", tree.commune, username="xa.tiepcongdan")
    entry = reception_services.register_reception(
        reception_services.ReceptionInput(
            unit=tree.commune,
            received_on=dt.date.today() - dt.timedelta(days=1),
            person_name=NAME,
            id_document=f"CCCD: {ID_NUMBER}",
            address=ADDRESS,
            content=ABOUT,
            handling=ReceptionHandling.PETITION_RECEIVED,
            subject_kind="denunciation",
            petition_title="Tố cáo sai phạm trong cấp giấy chứng nhận",
        ),
        actor=officer,
    )
    assert entry.petition is not None and entry.petition.is_confidential
    return entry, officer


def _not_entitled(tree: Tree) -> dict[str, User]:
    return {
        "viewer": official("viewer", tree.commune, username="xa.xem"),
        "province officer": official("officer", tree.province, username="tinh.cc"),
        "front supervisor": official("front_supervisor", tree.commune, username="xa.mttq"),
        "inspector": official("inspector", tree.commune, username="xa.thanhtra"),
        "other commune reception": official(
            "reception_officer", tree.other_commune, username="xa2.tiepdan"
        ),
        "same commune officer": official("officer", tree.commune, username="xa.congchuc2"),
        "same commune reception": official(
            "reception_officer", tree.commune, username="xa.tiepdan2"
        ),
        "province administrator": official("system_admin", tree.province, username="tinh.qt"),
    }


def test_the_register_masks_a_denouncer_for_everyone_not_entitled(
    received: tuple[ReceptionEntry, User], tree: Tree
) -> None:
    entry, officer = received
    petition = entry.petition
    assert petition is not None
    starts = [
        "/",
        "/dashboard/",
        "/reception/",
        "/petitions/",
        f"/petitions/{petition.pk}/",
        "/petitions/statistics.xlsx?from=2020-01-01",
        "/notifications/",
        "/admin/",
        "/admin/auditlog/logentry/",
        *_openapi_get_paths(petition.pk),
    ]
    for label, user in _not_entitled(tree).items():
        visits = crawl(signed_in(user), starts, depth=3, limit=400).visits
        assert len(visits) > 20, f"{label}: the walk saw almost nothing"
        register = visits["/reception/"]
        if label != "other commune reception":
            # Those who may read the register see a line, masked, and no way to the case.
            assert register.status == 200, label
            assert "(bảo mật)" in register.text, label
            assert f"/petitions/{petition.pk}/" not in register.text, label
            assert ABOUT not in register.text, label
        for visit in visits.values():
            for marker in MARKERS:
                assert marker not in visit.text, (label, visit.url, visit.found_on, marker)


def test_those_entitled_read_the_line(received: tuple[ReceptionEntry, User], tree: Tree) -> None:
    entry, officer = received
    leader = official("leader", tree.commune, username="xa.chutich")
    for user in (officer, leader):
        page = signed_in(user).get("/reception/").content.decode()
        assert NAME in page and ABOUT in page
        assert f"/petitions/{entry.petition_id}/" in page


def test_the_audit_log_never_names_the_person(received: tuple[ReceptionEntry, User]) -> None:
    for log in LogEntry.objects.all():
        text = f"{log.object_repr} {log.changes} {log.additional_data}"
        for marker in MARKERS:
            assert marker not in text
    assert NAME not in str(received[0])


def test_a_line_classified_as_denunciation_is_masked_without_a_petition(
    tree: Tree,
) -> None:
    officer = official("reception_officer", tree.commune, username="xa.tiepdan3")
    reception_services.register_reception(
        reception_services.ReceptionInput(
            unit=tree.commune,
            received_on=dt.date.today(),
            person_name=NAME,
            content=ABOUT,
            handling=ReceptionHandling.GUIDED,
            subject_kind="denunciation",
        ),
        actor=officer,
    )
    colleague = official("reception_officer", tree.commune, username="xa.tiepdan4")
    page = signed_in(colleague).get("/reception/").content.decode()
    assert NAME not in page and ABOUT not in page and "(bảo mật)" in page
    assert NAME in signed_in(officer).get("/reception/").content.decode()
