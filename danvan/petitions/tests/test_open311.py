"""Open311 GeoReport v2, exercised with published GeoReport v2 client libraries.

``civicbot`` (PyPI, 0.4.0) has a GeoReport v2 client that lists services, reads a service
definition, files a request (``create_request``, form-encoded POST with the API key) and reads
requests back; ``georeport`` (PyPI, 0.3.1) reads them back too, as a second independent client.
"""

from __future__ import annotations

import pytest
import requests
from civicbot.http import HttpTransport, RateLimiter
from civicbot.open311 import Open311Client
from civicbot.registry import Endpoint
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
    client = Open311Client(
        Endpoint(id="danvan-test", name="Dân Vận", base_url=root, write=True),
        # The library waits between calls to one host to be polite to city servers; not here.
        transport=HttpTransport(rate_limiter=RateLimiter(min_interval=0)),
    )
    codes = {s["service_code"] for s in client.list_services()}
    assert {"moi-truong", "dat-dai"} <= codes
    assert client.get_service_definition("moi-truong")["service_code"] == "moi-truong"

    filed = client.create_request(
        "moi-truong",
        dry_run=False,
        confirm="SEND",
        api_key=key,
        validate_remote=True,
        lat=22.6657,
        lng=106.2580,
        description="Rác thải đổ trộm bên suối Bản Giới",
        first_name="Hoa",
        last_name="Lục Thị",
    )
    request_id = filed.response[0]["service_request_id"]
    assert "hạn" in filed.response[0]["service_notice"]

    read = client.get_request(request_id)
    assert read is not None
    assert read["status"] == "open" and read["service_code"] == "moi-truong"
    assert read["lat"] == pytest.approx(22.6657) and read["long"] == pytest.approx(106.258)
    # The request round-trips: the description reads back exactly as the client sent it.
    assert read["description"] == "Rác thải đổ trộm bên suối Bản Giới"
    assert "Lục Thị" not in str(read)  # no identity through the API
    listed = client.list_requests(service_code="moi-truong", status="open")
    assert request_id in {r["service_request_id"] for r in listed}

    # A second published client reads the same request back.
    other = GeoReport(root, api_key=key).get_service_request(request_id)
    assert (other[0] if isinstance(other, list) else other)["service_request_id"] == request_id
    xml = requests.get(f"{root}/requests/{request_id}.xml", timeout=10)
    assert xml.headers["Content-Type"].startswith("text/xml") and request_id in xml.text

    petition = Petition.objects.get(tracking_code=request_id)
    assert petition.source == "online" and petition.handling_unit == tree.commune
    assert petition.petitioner_name == "Lục Thị Hoa"


def test_a_rejected_post_reaches_the_client_as_an_error(live_server, tree: Tree) -> None:  # type: ignore[no-untyped-def]
    from civicbot.http import HttpError

    client = Open311Client(
        Endpoint(
            id="danvan-test", name="Dân Vận", base_url=f"{live_server.url}/open311/v2", write=True
        ),
        transport=HttpTransport(rate_limiter=RateLimiter(min_interval=0)),
    )
    with pytest.raises(HttpError) as raised:
        client.create_request(
            "moi-truong",
            dry_run=False,
            confirm="SEND",
            api_key="o311_sai",
            address_string="Bản Giới",
            description="Đèn đường hỏng",
        )
    assert raised.value.status == 403 and "api_key" in raised.value.body
    assert not Petition.objects.exists()


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
