"""Follow every same-origin link a page shows, as one signed-in person would.

Used by the tests that must hold on *every* page: a denouncer's identity never shown to those
who may not read it, and no link shown to a person answering 4xx/5xx; and by the page-crawl
benchmark (bench/bench_pages.py), which walks a running server over HTTP with a client of its
own that answers ``get(url)`` the way Django's test client does.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import unescape
from typing import Any, Protocol
from urllib.parse import urldefrag, urlsplit

#: href, src, action and HTMX GET attributes; the values are HTML-escaped in the page.
_LINK = re.compile(r"""(?:href|src|hx-get)\s*=\s*["']([^"']+)["']""")
#: Links whose GET changes the session or leaves the pages under test.
SKIP = ("/accounts/logout", "/admin/logout", "/i18n/", "/static/", "mailto:", "tel:", "javascript:")


@dataclass
class Visit:
    url: str
    status: int
    content_type: str
    text: str
    #: The page that showed the link (None for a start URL).
    found_on: str | None = None


@dataclass
class Crawl:
    visits: dict[str, Visit] = field(default_factory=dict)

    def failures(self) -> list[Visit]:
        return [v for v in self.visits.values() if v.status >= 400]


def readable_text(content: bytes, content_type: str) -> str:
    """The text a person could read in a response: pages, JSON, .xlsx, .docx, .ics, CSV."""
    if content[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                parts = [
                    archive.read(name).decode("utf-8", "replace")
                    for name in archive.namelist()
                    if name.endswith(".xml")
                ]
        except zipfile.BadZipFile:
            parts = []
        # Office XML splits runs; joining the tag-stripped text keeps whole words together.
        return " ".join(re.sub(r"<[^>]+>", "", part) for part in parts)
    text = content.decode("utf-8", "replace")
    if "json" in content_type:
        try:
            # Undo \\u escapes so Vietnamese names are found whatever the encoder chose.
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return unescape(text)


def links_in(text: str) -> Iterable[str]:
    for raw in _LINK.findall(text):
        url, _ = urldefrag(unescape(raw).strip())
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            continue  # another site, or relative forms the pages do not use
        if url.startswith(SKIP):
            continue
        yield url


#: A digit run, or a period code, in a URL: links differing only there show the same page.
_ID = re.compile(r"\d+(?:-(?:Q|S|N|AH)?\d*)?")


def url_pattern(url: str) -> str:
    """``/plans/12/tasks/345/`` and ``/plans/7/tasks/8/`` are one pattern: ``/plans/#/tasks/#/``."""
    return _ID.sub("#", url)


class Getter(Protocol):
    """What the walk needs of a client: Django's test client, or the benchmark's HTTP client
    (a response with ``status_code``, ``content``, ``streaming``, ``get(header)`` and
    ``[header]``)."""

    def get(self, path: str) -> Any: ...


def crawl(
    client: Getter,
    starts: Iterable[str],
    *,
    depth: int = 3,
    limit: int = 800,
    per_pattern: int | None = None,
    pattern: Callable[[str], str] = url_pattern,
) -> Crawl:
    """Breadth-first GET of ``starts`` and every link they show, ``depth`` clicks deep.

    A same-origin redirect is followed as part of the same click. With ``per_pattern``, only
    the first ``per_pattern`` URLs of each ``pattern`` (by default :func:`url_pattern`) shown by
    each pattern of page are visited (a sample of the detail pages of one kind rather than every
    one of them).
    """
    result = Crawl()
    queue: deque[tuple[str, int, str | None]] = deque((url, 0, None) for url in starts)
    seen = {url for url, _, _ in queue}
    sampled: dict[str, int] = {}
    while queue and len(result.visits) < limit:
        url, level, found_on = queue.popleft()
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        text = readable_text(body, content_type)
        result.visits[url] = Visit(url, response.status_code, content_type, text, found_on)
        if response.status_code in (301, 302, 303, 307, 308):
            target = next(iter(links_in(f'href="{response["Location"]}"')), None)
            if target is not None and target not in seen:
                seen.add(target)
                queue.appendleft((target, level, found_on))
            continue
        if level >= depth or "html" not in content_type:
            continue
        for link in links_in(text):
            if link in seen:
                continue
            seen.add(link)
            if per_pattern is not None:
                # Counted per kind of page showing the link too: a task linked from "my tasks"
                # (always readable) says nothing of one linked from a plan above.
                kind = f"{pattern(link)} on {pattern(url)}"
                if sampled.get(kind, 0) >= per_pattern:
                    continue
                sampled[kind] = sampled.get(kind, 0) + 1
            queue.append((link, level + 1, url))
    return result
