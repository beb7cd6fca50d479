"""/api/v1/docs works with no network: Swagger UI from the package, allowed by the CSP."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from danvan.testing.fixtures import BROWSER_MARKS

pytestmark = pytest.mark.django_db

ASSET = re.compile(r'(?:src|href)="([^"]+)"')


def _docs(client: Client) -> tuple[str, Any]:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    return response.content.decode(), response


def test_docs_reference_only_same_origin_assets_and_they_are_served(
    settings: Any, tmp_path: Path
) -> None:
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()  # a new handler: WhiteNoise indexes the collected files
    page, response = _docs(client)
    assets = ASSET.findall(page)
    scripts = [a for a in assets if a.endswith(".js")]
    assert scripts and any("swagger-ui-bundle" in a for a in scripts)
    for url in assets:
        assert url.startswith("/"), url  # same origin: no CDN, no scheme-relative URL
        assert not url.startswith("//"), url
        served = client.get(url)
        assert served.status_code == 200, url
    assert "cdn.jsdelivr.net" not in page and "unpkg.com" not in page
    # Nothing inline that the CSP would block: the settings are a JSON data block.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    assert all('type="application/json"' in attrs for attrs in inline), inline
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_the_openapi_document_the_docs_load_is_served(client: Client) -> None:
    page, _response = _docs(client)
    assert "/api/v1/openapi.json" in page
    assert client.get("/api/v1/openapi.json").status_code == 200


@pytest.mark.django_db(transaction=True)
@BROWSER_MARKS[0]
@BROWSER_MARKS[1]
def test_docs_render_the_operations_with_no_network(live_server: Any, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    blocked: list[str] = []
    violations: list[str] = []
    origin = live_server.url

    def only_same_origin(route: Any) -> None:
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_same_origin)
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(origin + "/api/v1/docs")
    page.locator(".opblock").first.wait_for(timeout=15000)
    assert page.locator(".opblock").count() > 10
    assert "Dân Vận API" in page.content()
    assert blocked == [] and violations == []
    context.close()
