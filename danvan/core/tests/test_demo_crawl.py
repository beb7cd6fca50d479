"""Every demo persona walks the real Cao Bằng demo: no link answers 4xx/5xx, no English, no codes.

The demo is loaded once for the module (its own transaction, rolled back after). Each persona
(``admin`` and every level × role of ``danvan.core.demo.seed``, plus an anonymous citizen on the
portal) signs in and follows every same-origin link from the landing page three clicks deep
(``danvan.testing.crawl``; a redirect is part of the same click).

Sampling rule, so that 23 walks finish in a few minutes on two cores: URLs that differ only in
their numbers (ids, years, page numbers, period codes) are one pattern — ``/plans/12/`` and
``/plans/7/`` are ``/plans/#/`` — and only the first ``PER_PATTERN`` URLs of a pattern shown on
pages of one pattern, in the order the breadth-first walk meets them, are followed (a task linked
from a plan above is sampled apart from one linked from "my tasks"); a persona's walk stops
after ``LIMIT`` pages. Every *kind* of page a persona can reach within three clicks is therefore visited, and a
few instances of each.

One walk per persona feeds two checks: no link shown answers 4xx or 5xx (a failure lists each
bad link with the page that showed it), and the text a person reads on a page holds none of the
usual untranslated English words nor a raw period code («2026-S1» where «6 tháng đầu năm 2026»
belongs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from django.test import Client

from danvan.core.demo.seed import persona_usernames
from danvan.testing.crawl import Crawl, crawl
from danvan.testing.fixtures import signed_in

DEPTH = 3
PER_PATTERN = 2
LIMIT = 150
ANONYMOUS = "anonymous"
PERSONAS = [*persona_usernames(), ANONYMOUS]

#: English words that leak when a string misses gettext or a catalogue entry; whole words,
#: case-sensitive, in the text a person reads (not in attributes, scripts or code samples).
LEFTOVERS = [
    "Save", "Cancel", "Submit", "Delete", "Edit", "Search", "Filter", "Download", "Upload",
    "Back", "Next", "Previous", "Page", "of", "Status", "Name", "Date", "Due", "Overdue",
    "Draft", "Submitted", "Approved", "Returned", "Issued", "Pending", "Done", "Open",
    "Closed", "None", "True", "False", "Yes", "Details", "Dashboard", "Reports", "Report",
    "Plans", "Plan", "Tasks", "Task", "Petitions", "Unit", "Units", "Total", "Average",
    "Sum", "sum", "avg", "min", "max", "Monthly", "Quarterly", "Annual", "Semiannual",
    "Month", "Quarter", "Year", "Period", "Log in", "Log out", "Sign in", "Home", "Welcome",
    "Notifications", "Settings", "Target", "Targets", "Budget", "Progress", "percent",
    "Leader", "Officer", "Viewer", "Inspector", "Add", "Remove", "Change", "View",
    "Select", "Choose", "required", "optional", "This field", "Loading", "Error",
    "Warning", "Success", "Nothing", "No results", "Show", "Hide", "More", "Less",
    "Export", "Import", "Print", "Today", "Yesterday", "Tomorrow", "week", "weeks",
    "day", "days", "month", "months", "hour", "hours", "minute", "minutes", "ago",
    "Untitled", "unknown", "Unknown", "N/A", "TODO",
]  # fmt: skip
_LEFTOVER = re.compile(r"(?<![\w/.#-])(" + "|".join(map(re.escape, LEFTOVERS)) + r")(?![\w/.-])")
#: A period code shown as a label: 2026-03, 2026-Q3, 2026-S1, 2026-N9, 2026-AH (not a date).
_PERIOD_CODE = re.compile(r"(?<![\w/-])20\d\d-(?:0[1-9]|1[0-2]|Q[1-4]|S[12]|N9|AH)(?![\w-])")
_HIDDEN = re.compile(
    r"<(script|style|code|pre|textarea|svg|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I
)
#: Pages that are not the project's own words: the API's JSON and Swagger UI.
_NOT_PROSE = ("/api/",)
#: Known leftovers not yet fixed, each with why (issue 12, item 5: the admin fully in Vietnamese).
#: Keep this short; remove an entry as soon as its pages are translated.
KNOWN_LEFTOVERS = {
    "/admin/otp_totp/": "django-otp declares its field names and help texts without gettext",
    "/admin/otp_static/": "django-otp declares its field names and help texts without gettext",
    "/admin/auth/group/": "Django stores permission names in English (auth_permission.name)",
    "/admin/auditlog/logentry/": "the audit log shows values as stored: period codes are data",
}


def visible_text(html: str) -> str:
    """The words a person reads on a page: no tags, attributes, scripts or code samples."""
    html = _HIDDEN.sub(" ", html)
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def demo_passwords(django_db_setup, django_db_blocker) -> Iterator[dict[str, Crawl]]:  # type: ignore[no-untyped-def]
    """The demo loaded once for this module (its own transaction, rolled back after).

    Yields a cache of the walks, one per persona, shared by the checks below.
    """
    from django.db import transaction

    from danvan.core.demo.seed import seed_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            seed_demo()
            yield {}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _walk(persona: str) -> Crawl:
    from danvan.accounts.models import User

    if persona == ANONYMOUS:
        client = Client(raise_request_exception=False)
        starts = ["/portal/"]
    else:
        client = signed_in(User.objects.get(username=persona))
        client.raise_request_exception = False
        starts = ["/"]
    return crawl(client, starts, depth=DEPTH, limit=LIMIT, per_pattern=PER_PATTERN)


@pytest.fixture
def walk(demo_passwords: dict[str, Crawl], db: None) -> object:
    def get(persona: str) -> Crawl:
        if persona not in demo_passwords:
            demo_passwords[persona] = _walk(persona)
        return demo_passwords[persona]

    return get


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_link_a_persona_sees_answers_an_error(persona: str, walk) -> None:  # type: ignore[no-untyped-def]
    result = walk(persona)
    assert len(result.visits) > (5 if persona == ANONYMOUS else 15), "the walk saw almost nothing"
    failures = result.failures()
    print(f"{persona}: {len(result.visits)} links followed, {len(failures)} answer an error")
    report = "\n".join(f"  {v.status} {v.url}  (shown on {v.found_on})" for v in failures)
    assert not failures, (
        f"{persona}: {len(failures)} of {len(result.visits)} links answer an error:\n{report}"
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_speak_vietnamese_and_name_periods(persona: str, walk) -> None:  # type: ignore[no-untyped-def]
    result = walk(persona)
    problems = []
    for visit in result.visits.values():
        if visit.status != 200 or "html" not in visit.content_type:
            continue
        if visit.url.startswith(_NOT_PROSE) or visit.url.startswith(tuple(KNOWN_LEFTOVERS)):
            continue
        text = visible_text(visit.text)
        words = sorted(set(_LEFTOVER.findall(text)))
        codes = sorted(set(_PERIOD_CODE.findall(text)))
        if words or codes:
            problems.append(f"  {visit.url}: English {words} period codes {codes}")
    assert not problems, f"{persona}: {len(problems)} pages:\n" + "\n".join(problems)


def test_the_patterns_the_sampling_groups() -> None:
    from danvan.testing.crawl import url_pattern

    assert url_pattern("/plans/12/tasks/345/") == url_pattern("/plans/7/tasks/8/")
    assert url_pattern("/reporting/?period=2026-Q3") == url_pattern("/reporting/?period=2026-03")
    assert url_pattern("/plans/") != url_pattern("/plans/dashboard/")
    assert _PERIOD_CODE.findall("Kỳ 2026-S1, ngày 2026-03-15, kỳ 2026-03") == ["2026-S1", "2026-03"]
    assert _LEFTOVER.findall(visible_text("<p title='Save'>Lưu</p><button>Cancel</button>")) == [
        "Cancel"
    ]
