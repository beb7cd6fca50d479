"""Reading list pages in tests the way a person does: every page, by the pager's links."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any
from urllib.parse import urlsplit

_NEXT = re.compile(r'<a rel="next" href="([^"]+)"')
_TOTAL = re.compile(r'data-total="(\d+)"')


def pages(client: Any, url: str, *, limit: int = 100) -> list[str]:
    """The HTML of ``url`` and of every page its pager's «Next» leads to (each must be 200)."""
    out: list[str] = []
    path = urlsplit(url).path
    while url and len(out) < limit:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        text = response.content.decode()
        out.append(text)
        nxt = _NEXT.search(text)
        url = path + html_lib.unescape(nxt.group(1)) if nxt else ""
    return out


def total(html: str) -> int:
    """The number of rows the list says it has (its pager's ``data-total``; 0 when empty)."""
    found = _TOTAL.search(html)
    return int(found.group(1)) if found else 0
