"""Open311 GeoReport v2, exercised with the published ``georeport`` client library.

``georeport`` (PyPI, 0.3.1) lists services and reads requests but cannot create them, and the
older Python clients (``open311``, ``three``) are Python 2 only; the POST is therefore sent with
``requests`` exactly as the GeoReport v2 specification describes, and read back with the client.
"""

from __future__ import annotations

import pytest
import requests
from django.core.management import call_command
from django.test import Client
from georeport import GeoReport

from danvan.petitions.models import Open311Key, Petition
from danvan.petitions.open311 import issue_key
from danvan.testing.fixtures import Tree

from .factories import reload_legal_data


@pytest.mark.django_db(transaction=True)
def test_real_client_lists_posts_and_reads_back(live_server, tree: Tree) -> None:  # type: ignore[no-untyped-def]
    reload_legal_data()
    _, key = issue_key("Ứng dụng phản ánh hiện trường", tree.commune)
    root = f"{live_server.url}/open311/v2"
    client = GeoReport(root, api_key=key)
    services = client.get_service_list()
    codes = {s["service_code"] for s in services}
    assert {"moi-truong", "dat-dai"} <= codes
    definition = client.get_service_definition("moi-truong")
    assert definition["service_code"] == "moi-truong"
    posted = requests.post(
        f"{root}/requests.json",
        data={
            "api_key": key,
            "service_code": "moi-truong",
            "description": "Rác thải đổ trộm bên suối Bản Giới",
            "lat": "22.6657",
            "long": "106.2580",
            "first_name": "Hoa",
            "last_name": "Lục Thị",
        },
        timeout=10,
    )
    assert posted.status_code == 201, posted.text
    request_id = posted.json()[0]["service_request_id"]
    read = client.get_service_request(request_id)
    row = read[0] if isinstance(read, list) else read
    assert row["status"] == "open" and row["service_code"] == "moi-truong"
    assert "Lục Thị" not in str(read)  # no identity through the API
    listed = client.get_service_requests(service_code="moi-truong")
    assert request_id in {r["service_request_id"] for r in listed}
    xml = requests.get(f"{root}/requests/{request_id}.xml", timeout=10)
    assert xml.headers["Content-Type"].startswith("text/xml") and request_id in xml.text
    petition = Petition.objects.get(tracking_code=request_id)
    assert petition.source == "online" and petition.handling_unit == tree.commune


def test_malformed_requests_get_clear_errors(tree: Tree) -> None:
    _, key = issue_key("Thử", tree.commune)
    client = Client()
    assert (
        client.post("/open311/v2/requests.json", {"service_code": "moi-truong"}).status_code == 403
    )
    missing = client.post(
        "/open311/v2/requests.json",
        {"api_key": key, "service_code": "moi-truong", "lat": "x", "long": "1", "description": "a"},
    )
    assert missing.status_code == 400 and "lat" in missing.json()[0]["description"]
    unknown = client.post(
        "/open311/v2/requests.json",
        {"api_key": key, "service_code": "khong-co", "description": "a", "address_string": "b"},
    )
    assert unknown.status_code == 404
    no_text = client.post(
        "/open311/v2/requests.json",
        {"api_key": key, "service_code": "dat-dai", "address_string": "b"},
    )
    assert no_text.status_code == 400 and "description" in no_text.json()[0]["description"]
    bad_date = client.get("/open311/v2/requests.json?start_date=hôm-qua")
    assert bad_date.status_code == 400
    assert client.get("/open311/v2/requests/KHONG-CO.json").status_code == 404
    assert client.get("/open311/v2/discovery.json").json()["endpoints"]
    assert client.get("/open311/v2/services.xml").content.startswith(b"<?xml")
    assert not Petition.objects.exists()


def test_denunciations_are_not_published(tree: Tree) -> None:
    from danvan.testing.fixtures import official

    from .factories import make_petition

    officer = official("reception_officer", tree.commune, username="xa.td")
    make_petition(officer, tree.commune, kind="denunciation")
    assert Client().get("/open311/v2/requests.json").json() == []


def test_cli_issues_a_hashed_key(tree: Tree, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("open311", "key", "FixMyStreet Cao Bằng", "--unit", tree.commune.key)
    raw = capsys.readouterr().out.strip()
    key = Open311Key.objects.get()
    assert raw.startswith("o311_") and raw not in key.key_hash and key.handling_unit == tree.commune
