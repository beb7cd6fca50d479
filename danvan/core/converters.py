"""Path converters: an id in a URL is at most 18 digits, so it always fits the database's
64-bit keys. A longer number is simply no page (404), never an overflow inside the database
driver (a 500 on SQLite)."""

from __future__ import annotations


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(int(value))
