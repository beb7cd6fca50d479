"""The client's address in the audit trail, rate limits and lockout cannot be forged."""

from __future__ import annotations

import ipaddress

import pytest
from django.test import RequestFactory

from danvan.core.audit import SYSTEM
from danvan.core.clientip import client_address, client_port


def _request(remote: str, forwarded: str = "", port: str = "", remote_port: str = "51000"):  # type: ignore[no-untyped-def]
    meta = {"REMOTE_ADDR": remote, "REMOTE_PORT": remote_port}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    if port:
        meta["HTTP_X_FORWARDED_PORT"] = port
    request = RequestFactory().get("/")
    request.META.update(meta)
    return request


def test_a_client_cannot_name_its_own_address(settings: pytest.FixtureRequest) -> None:
    settings.TRUSTED_PROXIES = []  # type: ignore[attr-defined]
    request = _request("203.0.113.7", forwarded="10.9.9.9", port="443")
    assert client_address(request) == "203.0.113.7"
    assert client_port(request) == 51000


def test_behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client(
    settings: pytest.FixtureRequest,
) -> None:
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24")]  # type: ignore[attr-defined]
    # The client sent "1.2.3.4" itself; the proxy appended the address it really saw.
    request = _request("10.0.0.10", forwarded="1.2.3.4, 198.51.100.20", port="443")
    assert client_address(request) == "198.51.100.20"
    assert client_port(request) == 443
    assert client_address(_request("10.0.0.10", forwarded="garbage, 10.0.0.11")) == "10.0.0.10"
    assert client_address(_request("10.0.0.10", forwarded="[2001:db8::1]:4711")) == "2001:db8::1"


def test_the_audit_entry_keeps_the_peer_address_not_the_header(settings, tree, client) -> None:  # type: ignore[no-untyped-def]
    from auditlog.models import LogEntry

    from danvan.accounts.services import issue_token
    from danvan.testing.fixtures import official

    settings.TRUSTED_PROXIES = []
    officer = official("reception_officer", tree.commune, username="xa.tiepdan")
    _, raw = issue_token(officer, "thử", actor=SYSTEM)
    response = client.post(
        "/api/v1/petitions/",
        {"handling_unit_id": tree.commune.pk, "title": "Đường hỏng", "content": "Đường hỏng.",
         "received_on": "2026-03-02", "petitioner_name": "Lục Văn Sáu"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}", "X-Forwarded-For": "8.8.8.8",
                 "X-Forwarded-Port": "1"},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    entry = LogEntry.objects.filter(content_type__model="petition").latest("pk")
    assert entry.remote_addr == "127.0.0.1"
