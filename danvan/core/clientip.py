"""Where a request comes from: one answer for the audit trail, rate limits and login lockout.

``X-Forwarded-For`` is believed only when the connection itself comes from a trusted reverse
proxy (``FORWARDED_ALLOW_IPS``); then the client is the right-most address in the chain that is
not one of our proxies (the left-most entries are whatever the client chose to send). From any
other peer the header is ignored and the peer's own address is the client.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("["):  # [IPv6]:port
        text = text[1:].split("]")[0]
    elif text.count(":") == 1:  # IPv4:port
        text = text.split(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    return address is not None and any(address in net for net in settings.TRUSTED_PROXIES)


def from_trusted_proxy(request: HttpRequest) -> bool:
    return _trusted(_ip(request.META.get("REMOTE_ADDR", "")))


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address as text, or None when the peer's address is unknown."""
    peer = _ip(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    if not _trusted(peer):
        return str(peer)
    chain = [_ip(part) for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(chain):
        if address is None:
            break  # a malformed hop: stop believing what lies beyond it
        if not _trusted(address):
            return str(address)
    return str(peer)


def client_port(request: HttpRequest) -> int | None:
    """The client's port: the proxy's X-Forwarded-Port if trusted, else the peer's own."""
    raw = (
        request.META.get("HTTP_X_FORWARDED_PORT", "")
        if from_trusted_proxy(request)
        else request.META.get("REMOTE_PORT", "")
    )
    raw = str(raw).strip()
    return int(raw) if raw.isdigit() and 0 < int(raw) < 65536 else None


__all__ = ["client_address", "client_port", "from_trusted_proxy"]
