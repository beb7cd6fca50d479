"""Whether disclosures complied with the law, derived when read (never stored).

For one disclosure (:func:`check`): on time (the first channel started within the item's working
days of the decision, through the working calendar of :mod:`danvan.deadlines`), posted
long enough (Điều 13: 30 consecutive days for a commune, Điều 48: 20 for an agency; permanent
items never taken down) and on the radio when the item requires it (items 7–12, 3 days).
For a unit and a year (:func:`unit_year`): each item of its kind, what is missing; and the
roll-up over the communes of a subtree (:func:`rollup`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.scoping import subtree_upper_bound
from danvan.deadlines.calendar import add_working_days
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .models import Channel, Disclosure, DisclosureItem, DisclosureScope

#: "Các nội dung khác" is disclosed when there is something to disclose: never "missing".
OPTIONAL_ITEMS = {"xa.14", "cq.12"}


@dataclass
class Finding:
    code: str  # late | too_short | taken_down | no_radio | radio_too_short
    message: str


@dataclass
class DisclosureCheck:
    disclosure: Disclosure
    due_on: dt.date
    started_on: dt.date | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def has(self, code: str) -> bool:
        return any(f.code == code for f in self.findings)


def _longest(uses: Iterable[object], today: dt.date) -> int:
    return max((u.days(today) for u in uses), default=0)  # type: ignore[attr-defined]


def check(disclosure: Disclosure, today: dt.date | None = None) -> DisclosureCheck:
    day = today or timezone.localdate()
    item = disclosure.item
    uses = list(disclosure.channels.all())
    due = add_working_days(disclosure.decided_on, item.deadline_working_days)
    started = min((u.starts_on for u in uses), default=None)
    result = DisclosureCheck(disclosure, due, started)
    if started is None or started > due:
        values = {
            "due": f"{due:%d/%m/%Y}",
            "days": item.deadline_working_days,
            "started": f"{started:%d/%m/%Y}" if started else "",
        }
        text = (
            _(
                "Disclosed late: the deadline was %(due)s, %(days)s working days after the "
                "decision (started %(started)s)."
            )
            if started
            else _(
                "Disclosed late: the deadline was %(due)s, %(days)s working days after the "
                "decision."
            )
        )
        result.findings.append(Finding("late", text % values))
    posted = [u for u in uses if u.channel == Channel.POSTING]
    if item.permanent:
        if posted and all(u.ends_on is not None and u.ends_on < day for u in posted):
            result.findings.append(
                Finding(
                    "taken_down", _("The item must stay posted permanently but was taken down.")
                )
            )
    elif item.posting_days:
        longest = _longest(posted, day)
        still_running = any(u.ends_on is None or u.ends_on >= day for u in posted)
        if longest < item.posting_days and not still_running:
            result.findings.append(
                Finding(
                    "too_short",
                    _("Posted for %(days)s days, short of %(required)s consecutive days.")
                    % {"days": longest, "required": item.posting_days},
                )
            )
    if item.radio_days:
        radio = [u for u in uses if u.channel == Channel.RADIO]
        if not radio:
            result.findings.append(
                Finding("no_radio", _("Not yet announced on the commune radio."))
            )
        else:
            longest = _longest(radio, day)
            still_running = any(u.ends_on is None or u.ends_on >= day for u in radio)
            if longest < item.radio_days and not still_running:
                result.findings.append(
                    Finding(
                        "radio_too_short",
                        _(
                            "Broadcast on the radio for %(days)s days, short of %(required)s "
                            "consecutive days."
                        )
                        % {"days": longest, "required": item.radio_days},
                    )
                )
    return result


@dataclass
class ItemRow:
    item: DisclosureItem
    checks: list[DisclosureCheck]

    @property
    def missing(self) -> bool:
        return not self.checks and self.item.code not in OPTIONAL_ITEMS

    @property
    def faulty(self) -> list[DisclosureCheck]:
        return [c for c in self.checks if not c.ok]


@dataclass
class UnitYear:
    unit: OrgUnit
    year: int
    rows: list[ItemRow]

    @property
    def missing(self) -> int:
        return sum(1 for r in self.rows if r.missing)

    def count(self, code: str) -> int:
        return sum(1 for r in self.rows for c in r.checks if c.has(code))

    @property
    def made(self) -> int:
        return sum(len(r.checks) for r in self.rows)

    @property
    def late(self) -> int:
        return self.count("late")

    @property
    def too_short(self) -> int:
        return sum(self.count(c) for c in ("too_short", "radio_too_short", "taken_down"))

    @property
    def no_radio(self) -> int:
        return self.count("no_radio")

    @property
    def compliant(self) -> bool:
        return not (self.missing or self.late or self.too_short or self.no_radio)

    @property
    def required_rows(self) -> list[ItemRow]:
        """The items owed: every item but the optional ones, which count once disclosed."""
        return [r for r in self.rows if r.checks or r.item.code not in OPTIONAL_ITEMS]

    @property
    def complete_rows(self) -> list[ItemRow]:
        """Owed items disclosed, each disclosure on time, long enough and on the radio."""
        return [r for r in self.required_rows if r.checks and not r.faulty]


def unit_year(unit: OrgUnit, year: int, today: dt.date | None = None) -> UnitYear:
    return units_window([unit], dt.date(year, 1, 1), dt.date(year, 12, 31), today)[unit.pk]


def units_window(
    units: Iterable[OrgUnit], start: dt.date, end: dt.date, today: dt.date | None = None
) -> dict[int, UnitYear]:
    """Each unit's items and what it disclosed by decisions taken in the window (both ends
    included): three queries however many units (the evaluation reads a whole province)."""
    chosen = {u.pk: u for u in units}
    items = {
        scope: list(DisclosureItem.objects.filter(scope=scope))
        for scope in (DisclosureScope.COMMUNE, DisclosureScope.AGENCY)
    }
    disclosures = (
        Disclosure.objects.filter(owner_id__in=chosen, decided_on__range=(start, end))
        .select_related("item")
        .prefetch_related("channels")
        .order_by("owner_id", "decided_on", "id")
    )
    by_unit: dict[int, dict[int, list[DisclosureCheck]]] = {}
    for disclosure in disclosures:
        by_unit.setdefault(disclosure.owner_id, {}).setdefault(disclosure.item_id, []).append(
            check(disclosure, today)
        )
    out = {}
    for pk, unit in chosen.items():
        scope = (
            DisclosureScope.COMMUNE if unit.kind == OrgUnitKind.COMMUNE else DisclosureScope.AGENCY
        )
        checks = by_unit.get(pk, {})
        rows = [ItemRow(i, checks.get(i.pk, [])) for i in items[scope]]
        out[pk] = UnitYear(unit, start.year, rows)
    return out


def rollup(unit: OrgUnit, year: int, today: dt.date | None = None) -> list[UnitYear]:
    """Each current commune of the subtree (or the unit itself when it is one)."""
    if unit.kind == OrgUnitKind.COMMUNE:
        return [unit_year(unit, year, today)]
    communes = list(
        OrgUnit.objects.current()
        .filter(
            kind=OrgUnitKind.COMMUNE, path__gte=unit.path, path__lt=subtree_upper_bound(unit.path)
        )
        .order_by("path")
    )
    # One window for them all: three queries, not three per commune (a province's 56 communes
    # made the compliance page run 180 queries, 2 s at p95 in the page crawl).
    window = units_window(communes, dt.date(year, 1, 1), dt.date(year, 12, 31), today)
    return [window[c.pk] for c in communes]


def quarter_disclosures(unit: OrgUnit, year: int, quarter: int) -> list[Disclosure]:
    """The quarterly list (Điều 13): what the unit disclosed in the quarter, how and when."""
    first = dt.date(year, 3 * quarter - 2, 1)
    last = (dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)) - dt.timedelta(days=1)
    return list(
        Disclosure.objects.filter(owner=unit, channels__starts_on__range=(first, last))
        .distinct()
        .select_related("item")
        .prefetch_related("channels")
        .order_by("decided_on", "id")
    )


@dataclass
class Duty:
    """One yearly duty of a commune to the people and whether the year's record meets it."""

    label: str
    basis: str
    met: bool
    evidence: str = ""
    # Each duty falls due on 31 December of its year (the same date as its obligation): a year
    # gone by without it is overdue, not merely "not done yet".
    due_on: dt.date | None = None
    overdue: bool = False


def annual_duties(commune: OrgUnit, year: int) -> list[Duty]:
    """The commune's yearly duties (Luật 10/2022/QH15): a dialogue with the people (Điều 32,
    from ``dialogues``), the year-end community meeting (Điều 33) and a standing satisfaction
    channel (Điều 35, a published survey in ``surveys``) — the same tests as the obligations
    the reminder job sends."""
    from danvan.dialogues.models import Dialogue
    from danvan.surveys.queries import published_owner_ids

    from .models import YearEndMeeting

    law = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
    dialogue = Dialogue.objects.filter(owner=commune, held_on__year=year).order_by("held_on")
    meeting = YearEndMeeting.objects.filter(owner=commune, held_on__year=year).order_by("held_on")
    first_dialogue, first_meeting = dialogue.first(), meeting.first()
    survey = published_owner_ids(year).filter(owner_id=commune.pk).exists()
    duties = [
        Duty(
            _("At least one dialogue with the people"),
            f"{law}, Điều 32",
            first_dialogue is not None,
            f"{first_dialogue.held_on:%d/%m/%Y}" if first_dialogue else "",
        ),
        Duty(
            _("Year-end community meeting"),
            f"{law}, Điều 33",
            first_meeting is not None,
            f"{first_meeting.held_on:%d/%m/%Y}" if first_meeting else "",
        ),
        Duty(
            _("Standing channel for the people to rate their satisfaction"),
            f"{law}, Điều 35",
            survey,
        ),
    ]
    due = dt.date(year, 12, 31)
    today = timezone.localdate()
    for duty in duties:
        duty.due_on = due
        duty.overdue = not duty.met and due < today
    return duties
