"""Stored XSS (issue 17): a script typed into any text field never runs on any page that shows it.

The real demo is loaded once (its own transaction, rolled back after); then every text column
(``CharField``/``TextField`` without choices) of every model of the project's apps, and of the
audit log the admin shows, is overwritten in *every* row with markup that runs when a page
forgets to escape it — in element content, in a quoted or unquoted attribute, inside
``<script>``/``<textarea>``/``<title>`` — and URL columns with ``javascript:`` addresses.

Each persona (the administrator, officials of the province, the department and the ward in
several roles, and an anonymous citizen on the portal) then walks the pages as
``danvan.testing.crawl`` does (three clicks deep, a sample per kind of page, HTMX fragments
included since their ``hx-get`` addresses are links), and headless Chromium opens every page
kind found, the fragments again as HTMX asks for them (``HX-Request``). Chromium's requests are
answered in process by the Django test client of the persona (Playwright's request routing), so
the pages read the demo inside its rolled-back transaction on SQLite and PostgreSQL alike.

The site's Content-Security-Policy would block inline handlers on its own; the browser context
bypasses it so that what is proven is the escaping itself (the policy is the second wall, not
the first). A page fails when ``window.__xss`` is set, a dialog opens, or an element carries a
``javascript:`` address.
"""

from __future__ import annotations

import mimetypes
import re
import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

from danvan.testing.crawl import Crawl, crawl, links_in, url_pattern
from danvan.testing.fixtures import BROWSER_MARKS, signed_in

pytestmark = BROWSER_MARKS

#: Fits the widest columns: breaks out of text, both attribute quotings, <script>, <textarea>,
#: <title>; each branch sets the marker on its own.
PAYLOAD = (
    "\"'><img src=x onerror=__xss=1></textarea></title></script>"
    "<svg onload=__xss=2><script>__xss=3</script>"
)
#: For columns too short for the above (the row id is appended to keep unique columns unique).
SHORT_PAYLOADS = (
    "\"'><svg onload=__xss=2>",
    "<svg onload=__xss=2>",
)
URL_PAYLOAD = "javascript:__xss=4//"
#: Columns left as they are, each with why: they are not text a person types and a page shows,
#: and changing them would stop the pages from working rather than test their escaping.
UNTOUCHED = {
    "path": "the materialised path of the unit tree (digits the scoping compares)",
    "password": "the password hash (sessions are opened with it)",
    "session_key": "the session key",
    "session_data": "the signed session",
    "period": "a period code: a key parsed into dates, never shown raw",
    "period_code": "a period code: a key parsed into dates, never shown raw",
    "left": "a report form's rule over element codes, parsed with ast before it is shown",
    "right": "a report form's rule over element codes, parsed with ast before it is shown",
    "numerator": "an indicator's expression over element codes, parsed before it is shown",
    "denominator": "an indicator's expression over element codes, parsed before it is shown",
    "content_type": "a stored MIME type the download repeats (nosniff)",
    "token_hash": "the hash of an API token",
    "key_hash": "the hash of an idempotency key",
    "intake_key": "the hash of an idempotency key",
    "secret": "a second-factor secret",
    "key": "a stable key other rows and URLs name (org units, periods, notifications)",
    "code": "a stable code rules, forms and elements are looked up by",
    "language_code": "the language the site is shown in",
    "object_pk": "the audit entry's link to its object",
    "object_id": "the audit entry's link to its object",
    "remote_addr": "an IP address column",
    "ip_address": "an IP address column",
    "user_agent": "read by django-axes",
}
#: Models whose text is not shown on any page or that Django itself owns.
SKIP_MODELS = {"sessions.session", "contenttypes.contenttype", "auth.permission",
               "admin.logentry", "migrations.migration"}  # fmt: skip
#: Third-party models whose rows the admin shows.
THIRD_PARTY = {"auditlog"}

PERSONAS = ["admin", "tinh.lanhdao", "tinh.congchuc", "sonoivu.congchuc", "thucphan.tiepdan",
            "thucphan.congchuc", "thucphan.mttq", "anonymous"]  # fmt: skip
LIMIT = {"admin": 260}
DEFAULT_LIMIT = 120
_HX_GET = re.compile(r"""hx-get\s*=\s*["']([^"']+)["']""")
CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('[href],[src],[action],[formaction],[data]')) {
    for (const name of ['href', 'src', 'action', 'formaction', 'data']) {
      const value = el.getAttribute(name);
      if (value && /^\\s*javascript:/i.test(value)) bad.push(el.outerHTML.slice(0, 160));
    }
  }
  return {xss: window.__xss === undefined ? null : String(window.__xss), js: bad};
}"""


def _text_columns() -> list[tuple[Any, Any]]:
    from django.apps import apps
    from django.core.validators import RegexValidator
    from django.db import models

    columns = []
    for model in apps.get_models():
        meta = model._meta
        app = meta.app_config
        if not (app.name.startswith("danvan.") or app.label in THIRD_PARTY):
            continue
        if meta.proxy or not meta.managed or meta.label_lower in SKIP_MODELS:
            continue
        for field in meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if field.choices or field.primary_key or field.name in UNTOUCHED:
                continue
            if any(type(v) is RegexValidator for v in field.validators):
                continue  # a code no form accepts markup in (letters, digits, dots)
            columns.append((model, field))
    return columns


def _payload(field: Any) -> str:
    from django.db import models

    if isinstance(field, models.URLField):
        return URL_PAYLOAD
    room = (field.max_length or 10_000) - 8  # the row id appended after
    for text in (PAYLOAD, *SHORT_PAYLOADS):
        if len(text) <= room:
            return text
    return ""


def fill_with_payloads() -> dict[str, int]:
    """Every text column of every row holds a payload; returns rows written per column."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    written: dict[str, int] = {}
    for model, field in _text_columns():
        text = _payload(field)
        if not text:
            continue
        value = Concat(Value(text), Cast("pk", CharField()), output_field=CharField())
        written[f"{model._meta.label}.{field.name}"] = model._default_manager.update(
            **{field.name: value}
        )
    # The change stamps' tokens are text columns too: every cache read before is stale now.
    return written


@pytest.fixture(scope="module")
def demo_with_payloads(browser, django_db_setup, django_db_blocker) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    from django.db import transaction

    from danvan.accounts.models import User
    from danvan.core.demo.seed import seed_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            seed_demo()
            users = dict(User.objects.filter(username__in=PERSONAS).values_list("username", "pk"))
            yield {"written": fill_with_payloads(), "users": users}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _client(persona: str, users: dict[str, int]) -> Client:
    from danvan.accounts.models import User

    if persona == "anonymous":
        return Client(raise_request_exception=False)
    user = User.objects.get(pk=users[persona])
    client = signed_in(user)
    client.raise_request_exception = False
    return client


def _starts(persona: str) -> list[str]:
    if persona == "anonymous":
        return ["/portal/"]
    if persona == "admin":
        return ["/", "/admin/"]
    return ["/"]


def _serve_static(route: Any, path: str) -> None:
    from django.conf import settings
    from django.contrib.staticfiles import finders

    found = finders.find(path[len(settings.STATIC_URL) :])
    if not found:
        route.fulfill(status=404, body="")
        return
    kind = mimetypes.guess_type(str(found))[0] or "application/octet-stream"
    route.fulfill(status=200, body=Path(str(found)).read_bytes(), headers={"Content-Type": kind})


def _router(client: Client, hx: dict[str, bool], errors: list[str]) -> Any:
    from django.conf import settings
    from django.db import connections

    # Playwright calls this in its own greenlet, whose context would open another database
    # connection (outside the demo's transaction): hand it the test's own.
    own = {alias: connections[alias] for alias in connections}

    def handle(route: Any, request: Any) -> None:
        for alias, connection in own.items():
            connections[alias] = connection
        parts = urlsplit(request.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path.startswith(settings.STATIC_URL):
            _serve_static(route, parts.path)
            return
        if request.method != "GET" or parts.hostname != "testserver":
            route.abort()  # the walk reads; nothing leaves the machine
            return
        headers = {}
        if request.headers.get("hx-request") or (request.is_navigation_request() and hx["on"]):
            headers = {"HX-Request": "true", "HX-Current-URL": request.url}
        response = client.get(path, headers=headers)
        if response.streaming:
            body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        else:
            body = response.content
        answer = {k: v for k, v in response.items() if k.lower() != "content-length"}
        if "Location" in answer and answer["Location"].startswith("/"):
            answer["Location"] = "http://testserver" + answer["Location"]
        if response.status_code >= 500:
            errors.append(path)
        route.fulfill(status=response.status_code, headers=answer, body=body)

    return handle


#: Messages of the dialogs a payload opened (alert, confirm, prompt), dismissed at once.
dialogs: list[str] = []


def _record_dialog(dialog: Any) -> None:
    dialogs.append(dialog.message)
    dialog.dismiss()


def _pages(walk: Crawl) -> tuple[list[str], list[str]]:
    """One URL per kind of page answered as HTML, and the HTMX fragments the pages ask for."""
    pages: dict[str, str] = {}
    fragments: dict[str, str] = {}
    for visit in walk.visits.values():
        if visit.status != 200 or "html" not in visit.content_type:
            continue
        pages.setdefault(url_pattern(visit.url), visit.url)
        for raw in _HX_GET.findall(visit.text):
            for url in links_in(f'href="{unescape(raw)}"'):
                fragments.setdefault(url_pattern(url), url)
    return list(pages.values()), list(fragments.values())


@pytest.mark.django_db
def test_no_stored_payload_runs_on_any_page(
    browser: Any, demo_with_payloads: dict[str, Any]
) -> None:
    written: dict[str, int] = demo_with_payloads["written"]
    assert len(written) > 150, "the payloads reached too few columns"
    assert sum(1 for n in written.values() if n) > 120, "too few columns had a row to fill"

    started = time.monotonic()
    fired: list[str] = []
    errors: list[str] = []
    dialogs.clear()
    seen_kinds: set[str] = set()
    opened = 0
    shown = 0
    for persona in PERSONAS:
        t0 = time.monotonic()
        client = _client(persona, demo_with_payloads["users"])
        walk = crawl(client, _starts(persona), depth=3, limit=LIMIT.get(persona, DEFAULT_LIMIT),
                     per_pattern=1)  # fmt: skip
        pages, fragments = _pages(walk)
        crawled = time.monotonic()
        context = browser.new_context(bypass_csp=True, java_script_enabled=True)
        hx = {"on": False}
        context.route("**/*", _router(client, hx, errors))
        page = context.new_page()
        page.on("dialog", _record_dialog)
        for kind, urls in (("page", pages), ("fragment", fragments)):
            hx["on"] = kind == "fragment"
            for url in urls:
                key = f"{kind} {url_pattern(url)}"
                if key in seen_kinds:
                    continue  # another persona opened this kind of page already
                seen_kinds.add(key)
                page.goto("http://testserver" + url, wait_until="load")
                page.wait_for_timeout(30)  # HTMX swaps triggered on load
                result = page.evaluate(CHECK)
                opened += 1
                if "__xss=" in page.content():
                    shown += 1  # the payload is on the page, as text
                if result["xss"] or result["js"] or dialogs:
                    fired.append(f"{persona} {kind} {url}: {result} {dialogs}")
                    dialogs.clear()
        context.close()
        print(f"{persona}: walk {crawled - t0:.0f} s, browser {time.monotonic() - crawled:.0f} s")
    seconds = time.monotonic() - started
    print(f"stored XSS: {len(written)} columns, {opened} pages and fragments opened, "
          f"{shown} showing a payload, {len(fired)} fired, {seconds:.0f} s")  # fmt: skip
    print("server errors:", errors)
    assert opened > 150, "the walk opened too few pages"
    assert shown > 100, "too few pages show a payload: the walk does not test the escaping"
    assert not fired, "payloads ran:\n" + "\n".join(fired)
