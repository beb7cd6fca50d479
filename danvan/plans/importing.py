"""From an imported plan document to a plan in one step.

:func:`propose` reads what the parser extracted (sections, assignments, deadlines, targets,
reporting obligations) and proposes the plan's fields, tasks, targets, reports and the cascade
to the units below; the official edits the proposal on one page. Nothing is written until
:func:`create_from_proposal` runs, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.text import fold
from danvan.documents.models import Document
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .cascade import cascade_plan
from .models import Plan, PlanKind, Recurrence, ReportingPeriod
from .services import (
    add_budget_line,
    add_reporting_obligation,
    add_target,
    add_task,
    can_add_plan,
    create_plan,
)

# The registry's document types that are plans map to the plan's kind of the same name.
KIND_BY_TYPE = {k.value: k for k in PlanKind}
# Collective addressees ("các sở, ban, ngành", "UBND các xã, phường") → kinds of unit.
COLLECTIVE = (
    ("so, ban, nganh", OrgUnitKind.DEPARTMENT),
    ("cac so", OrgUnitKind.DEPARTMENT),
    ("xa, phuong", OrgUnitKind.COMMUNE),
    ("cac xa", OrgUnitKind.COMMUNE),
    ("cap xa", OrgUnitKind.COMMUNE),
)


@dataclass
class TaskProposal:
    title: str
    group: str = ""
    description: str = ""
    lead_unit: int | None = None
    lead_text: str = ""
    supporting_units: list[int] = field(default_factory=list)
    supporting_text: str = ""
    due_on: dt.date | None = None
    recurrence: str = ""
    recur_day: int | None = None
    recur_month: int | None = None
    weight: int = 1
    include: bool = True


@dataclass
class Proposal:
    plan: dict[str, Any]
    tasks: list[TaskProposal]
    targets: list[dict[str, Any]]
    reporting: list[dict[str, Any]]
    cascade: dict[str, Any]
    legal_basis: list[int]
    budget: list[dict[str, Any]] = field(default_factory=list)


#: Units of money a figure of the document may be written in, folded, and their worth in đồng.
MONEY_UNITS = {
    "dong": 1,
    "vnd": 1,
    "vnđ": 1,
    "nghin dong": 1_000,
    "ngan dong": 1_000,
    "trieu dong": 1_000_000,
    "trieu": 1_000_000,
    "ty dong": 1_000_000_000,
    "ty": 1_000_000_000,
}

#: Lines that close a document (NĐ 30/2020 Phụ lục I: thẩm quyền ký, chức vụ, nơi nhận), which a
#: parser may leave at the end of the last section; they are never tasks.
CLOSING = re.compile(
    r"^(?:(?:tm|kt|q|tl|tuq)\s*\.|noi nhan\b|luu\s*:|nhu (?:tren|muc)\b|"
    # A signer's title alone on its line (a task names what the office-holder does).
    r"(?:pho\s+)?(?:chu tich|giam doc|truong ban|chanh van phong|thu truong)\s*$|"
    r"(?:uy ban nhan dan|ubnd)(?:\s+(?:tinh|xa|phuong|huyen|thanh pho))?\s*$)"
)


def money_in_dong(value: Any, unit_label: str) -> int | None:
    """A figure written in money (``877.945.000`` ``đồng``, ``50`` ``triệu đồng``) in đồng, or
    None when the unit is not money."""
    factor = MONEY_UNITS.get(fold(unit_label or "").strip(" .;:"))
    if factor is None or value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)) * factor
    except ArithmeticError:
        return None
    return int(amount) if amount >= 0 else None


def is_closing_line(text: str) -> bool:
    """Whether ``text`` is a signature block, a title of the signer or the Nơi nhận list."""
    return bool(CLOSING.match(fold(_clean(text)).strip()))


def _list(parsed: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = parsed.get(key) if isinstance(parsed, dict) else None
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lstrip("-–•+ ").strip())


class UnitMatcher:
    """Finds the unit a document names ("Sở Nội vụ") among the units under the issuer."""

    def __init__(self, owner: OrgUnit) -> None:
        self.units = list(
            OrgUnit.objects.current()
            .subtree(owner, include_self=False)
            .exclude(kind=OrgUnitKind.VILLAGE)
            .only("pk", "name", "short_name", "kind", "depth", "path")
        )
        self.folded = [(u, fold(u.name), fold(u.short_name or "")) for u in self.units]
        self.owner = owner

    def collective_kinds(self, text: str) -> list[str]:
        folded = fold(text)
        kinds: list[str] = []
        for words, kind in COLLECTIVE:
            if words in folded and kind not in kinds:
                kinds.append(kind)
        return kinds

    def match(self, text: str) -> OrgUnit | None:
        words = fold(re.sub(r"^(đề nghị|giao)\s+", "", _clean(text), flags=re.IGNORECASE))
        words = words.rstrip(" .;:")
        if not words or self.collective_kinds(text):
            return None
        wanted_kind = None
        if "mat tran" in words:
            wanted_kind = OrgUnitKind.FRONT
            words = "mat tran"
        best: OrgUnit | None = None
        for unit, name, short in self.folded:
            if wanted_kind and unit.kind != wanted_kind:
                continue
            if words in name or (short and words in short) or (short and short == words):
                if best is None or (unit.depth, len(unit.name)) < (best.depth, len(best.name)):
                    best = unit
        return best


#: «hằng tuần», «hàng tuần», «mỗi tuần», folded; and the weekdays as documents write them.
WEEKLY_WORDS = re.compile(r"\b(?:hang|moi)\s+tuan\b")
WEEKDAYS = (
    (1, r"thu\s*(?:hai|2)"),
    (2, r"thu\s*(?:ba|3)"),
    (3, r"thu\s*(?:tu|4)"),
    (4, r"thu\s*(?:nam|5)"),
    (5, r"thu\s*(?:sau|6)"),
    (6, r"thu\s*(?:bay|7)"),
    (7, r"chu\s*nhat"),
)


def weekly(text: str) -> dict[str, Any]:
    """A weekly duty («tiếp công dân định kỳ vào Thứ Năm hằng tuần»): recurrence and weekday."""
    folded = fold(text)
    if not WEEKLY_WORDS.search(folded):
        return {}
    named = [n for n, pattern in WEEKDAYS if re.search(rf"\b{pattern}\b", folded)]
    return {
        "recurrence": Recurrence.WEEKLY.value,
        "recur_day": named[0] if len(named) == 1 else None,
    }


def _deadlines_for(text: str, deadlines: list[dict[str, Any]], year: int) -> dict[str, Any]:
    """Due date or recurrence of a task from the deadlines whose sentence it contains."""
    every_week = weekly(text)
    if every_week:
        return every_week
    folded = fold(text)
    found = []
    for d in deadlines:
        sentence = fold(_clean(str(d.get("text", ""))))
        if sentence and (sentence in folded or folded in sentence):
            found.append(d)
    if not found:
        return {}
    with_year = [d for d in found if d.get("year")]
    try:
        if with_year:
            d = with_year[-1]
            return {"due_on": dt.date(int(d["year"]), int(d["month"]), int(d["day"]))}
        first, last = found[0], found[-1]
        due = dt.date(year, int(last["month"]), int(last["day"]))
    except (KeyError, TypeError, ValueError):
        return {}
    months = sorted({int(d["month"]) for d in found})
    if len(found) == 1:
        recurrence = Recurrence.YEARLY
    elif len(months) == 2 and months[1] - months[0] == 6:
        recurrence = Recurrence.SEMIANNUAL
    elif len(months) == 4:
        recurrence = Recurrence.QUARTERLY
    else:
        recurrence = Recurrence.YEARLY
    return {
        "due_on": due,
        "recurrence": recurrence.value,
        "recur_day": int(first["day"]),
        "recur_month": int(first["month"]),
    }


def _section(sections: list[dict[str, Any]], *words: str) -> dict[str, Any] | None:
    for s in sections:
        title = fold(str(s.get("title", "")))
        if any(w in title for w in words):
            return s
    return None


def _texts(node: dict[str, Any]) -> list[str]:
    return [_clean(c.get("text") or c.get("title") or "") for c in node.get("children", [])]


def _year_of(document: Document) -> int:
    match = re.search(r"năm (20\d\d)", document.title or "")
    if match:
        return int(match.group(1))
    if document.issued_on:
        return document.issued_on.year
    return dt.date.today().year


def propose(document: Document) -> Proposal:
    """What the document says, as a plan to review (nothing is written)."""
    parsed = document.parsed if isinstance(document.parsed, dict) else {}
    raw_sections = parsed.get("sections")
    sections: list[dict[str, Any]] = raw_sections if isinstance(raw_sections, list) else []
    year = _year_of(document)
    deadlines = _list(parsed, "deadlines")
    matcher = UnitMatcher(document.owner)

    purpose = requirements = organisation = ""
    first = _section(sections, "muc dich")
    if first:
        for child in first.get("children", []):
            title = fold(str(child.get("title", "")))
            body = "\n".join(_texts(child))
            if "muc dich" in title:
                purpose = body
            elif "yeu cau" in title:
                requirements = body

    tasks: list[TaskProposal] = []
    content = _section(sections, "nhiem vu", "noi dung", "giai phap")
    if content:
        for group in content.get("children", []):
            group_title = _clean(group.get("title", ""))
            items = _texts(group)
            if not items:
                items, group_title = [group_title], ""
            for item in items:
                if is_closing_line(item):
                    continue
                tasks.append(
                    TaskProposal(
                        title=item, group=group_title, **_deadlines_for(item, deadlines, year)
                    )
                )

    cascade: dict[str, Any] = {"enabled": False, "kinds": [], "due_on": None}
    supports: dict[str, list[str]] = {}
    for a in _list(parsed, "assignments"):
        if a.get("role") == "support":
            supports.setdefault(fold(_clean(str(a.get("task", "")))), []).append(str(a["unit"]))
    execution = _section(sections, "to chuc thuc hien")
    if execution:
        organisation_lines = []
        for child in execution.get("children", []):
            lines = str(child.get("text") or child.get("title") or "").split("\n")
            unit_text = _clean(lines[0])
            if is_closing_line(unit_text):
                continue
            items = _texts(child) or [_clean(line) for line in lines[1:2] if line.strip()]
            lead = matcher.match(unit_text)
            kinds = matcher.collective_kinds(unit_text)
            organisation_lines.append(unit_text)
            for item in items:
                if is_closing_line(item):
                    continue
                folded = fold(item)
                dates = _deadlines_for(item, deadlines, year)
                if kinds and "xay dung ke hoach" in folded:
                    cascade = {"enabled": True, "kinds": kinds, "due_on": dates.get("due_on")}
                    continue
                # A unit does not «phối hợp» with itself: the lead named again among those who
                # coordinate (the provincial Front in its own section) is dropped, once each.
                supporting_texts, supporting = [], []
                for text in supports.get(folded, []):
                    unit = matcher.match(text)
                    if unit is not None and (lead is None or unit.pk != lead.pk):
                        if unit.pk not in supporting:
                            supporting.append(unit.pk)
                            supporting_texts.append(text)
                    elif unit is None:
                        supporting_texts.append(text)
                tasks.append(
                    TaskProposal(
                        title=item,
                        group=unit_text,
                        lead_unit=lead.pk if lead else None,
                        lead_text=unit_text,
                        supporting_units=supporting,
                        supporting_text="; ".join(supporting_texts),
                        **dates,
                    )
                )
        organisation = "\n".join(organisation_lines)

    targets = []
    budget = []
    for t in _list(parsed, "targets"):
        text_of = _clean(str(t.get("text", "")))
        amount = money_in_dong(t.get("value"), str(t.get("unit") or ""))
        if amount is not None:
            # A sum of money is what the plan spends, not a result to reach: a budget line.
            item = re.split(r"\s*[:(]", text_of, maxsplit=1)[0].strip() or text_of
            budget.append({"item": item[:255], "amount": amount, "source": ""})
            continue
        targets.append(
            {"text": text_of, "value": t.get("value"), "unit_label": (t.get("unit") or "")[:80]}
        )
    reporting = []
    for r in _list(parsed, "reporting"):
        if r.get("period") not in ReportingPeriod.values:
            continue
        said = [
            d
            for d in deadlines
            if fold(_clean(str(d.get("text", "")))) in fold(_clean(str(r.get("text", ""))))
        ]
        found = said
        pick: dict[str, Any] = {}
        if found:
            pick = found[-1] if r.get("period") == "annual" else found[0]
        reporting.append(
            {
                "period": r["period"],
                "recipient": r.get("to") or "",
                "due_day": pick.get("day"),
                "due_month": pick.get("month"),
                "text": _clean(str(r.get("text", ""))),
            }
        )

    from danvan.documents.models import Citation

    legal_basis = list(Citation.objects.filter(citing=document).values_list("cited_id", flat=True))
    plan = {
        "title": document.title or "",
        "number": document.number or "",
        "kind": KIND_BY_TYPE.get(document.doc_type or "", PlanKind.PLAN),
        "year_from": year,
        "year_to": year,
        "issued_on": document.issued_on,
        "purpose": purpose,
        "requirements": requirements,
        "organisation": organisation,
        "reminder_days": "7,0",
    }
    return Proposal(plan, tasks, targets, reporting, cascade, legal_basis, budget)


def existing_plan(document: Document) -> Plan | None:
    return Plan.objects.filter(issued_document=document).first()


def create_from_proposal(
    document: Document,
    *,
    plan: dict[str, Any],
    tasks: list[TaskProposal],
    targets: list[dict[str, Any]],
    reporting: list[dict[str, Any]],
    cascade: dict[str, Any] | None = None,
    legal_basis: list[int] | None = None,
    parent: Plan | None = None,
    budget: list[dict[str, Any]] | None = None,
    actor: Any,
) -> Plan:
    """Create the plan and all its records from the reviewed proposal, in one transaction.

    Tasks with a ``group`` are placed under a parent task of that name (created once). Any
    bad row (a due date before the plan starts, a progress above 100…) refuses the whole.
    """
    if not can_add_plan(actor, document.owner):
        raise PermissionDenied
    if existing_plan(document) is not None:
        raise UserError(
            _(
                "The document %(document)s has already been turned into a plan; it is "
                "not created again."
            )
            % {"document": document}
        )
    with transaction.atomic(), acting_as(actor):
        basis = list(Document.objects.filter(pk__in=legal_basis or []))
        created = create_plan(
            owner=document.owner,
            title=plan["title"],
            number=plan.get("number", ""),
            kind=plan.get("kind", PlanKind.PLAN),
            year_from=int(plan["year_from"]),
            year_to=int(plan.get("year_to") or plan["year_from"]),
            purpose=plan.get("purpose", ""),
            requirements=plan.get("requirements", ""),
            organisation=plan.get("organisation", ""),
            reminder_days=plan.get("reminder_days") or "7,0",
            parent=parent,
            legal_basis=basis,
            issued_on=plan.get("issued_on") or document.issued_on,
            issued_document=document,
            actor=actor,
        )
        groups: dict[str, Any] = {}
        for row in tasks:
            if not row.include or not row.title.strip():
                continue
            parent_task = None
            if row.group:
                parent_task = groups.get(row.group)
                if parent_task is None:
                    parent_task = add_task(created, title=row.group, actor=actor)
                    groups[row.group] = parent_task
            supporting = list(OrgUnit.objects.filter(pk__in=row.supporting_units))
            lead = OrgUnit.objects.filter(pk=row.lead_unit).first() if row.lead_unit else None
            add_task(
                created,
                title=row.title,
                parent=parent_task,
                description=row.description,
                lead_unit=lead,
                supporting_units=supporting,
                due_on=row.due_on,
                recurrence=row.recurrence or "",
                recur_day=row.recur_day,
                recur_month=row.recur_month,
                weight=row.weight or 1,
                actor=actor,
            )
        for t in targets:
            if not t.get("text"):
                continue
            value = t.get("value")
            add_target(
                created,
                text=t["text"],
                value=Decimal(str(value)) if value not in (None, "") else None,
                unit_label=t.get("unit_label") or "",
                actor=actor,
            )
        for line in budget or []:
            if not (line.get("item") or "").strip():
                continue
            add_budget_line(
                created,
                item=line["item"],
                amount=line.get("amount") or 0,
                source=line.get("source") or "",
                actor=actor,
            )
        for r in reporting:
            add_reporting_obligation(
                created,
                period=r["period"],
                recipient=r.get("recipient", ""),
                due_day=r.get("due_day"),
                due_month=r.get("due_month"),
                text=r.get("text", ""),
                actor=actor,
            )
        if cascade and cascade.get("enabled") and cascade.get("due_on") and cascade.get("kinds"):
            cascade_plan(created, kinds=cascade["kinds"], due_on=cascade["due_on"], actor=actor)
    return created
