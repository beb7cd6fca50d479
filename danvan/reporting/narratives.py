"""Units' narrative texts (phần thuyết minh) of a period, compiled as a report writes them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from danvan.orgs.models import OrgUnit

from .consolidation import paths_q, roll_up_paths
from .models import NarrativeText, ReportForm, SubmissionStatus


def narratives_below(form: ReportForm, period_code: str, unit: OrgUnit) -> dict[str, list[Any]]:
    """Approved narrative texts of the units below, per section code, in tree order."""
    texts: dict[str, list[Any]] = defaultdict(list)
    for narrative in (
        NarrativeText.objects.filter(
            submission__form=form,
            submission__period=period_code,
            submission__status=SubmissionStatus.APPROVED,
        )
        .filter(paths_q(roll_up_paths(unit), "submission__unit__path"))
        .exclude(text="")
        .select_related("section", "submission__unit")
        .order_by("section__order", "submission__unit__path")
    ):
        texts[narrative.section.code].append(narrative)
    return texts


#: How a consolidated report groups the units' texts, in the order a province writes them.
NARRATIVE_GROUPS = (
    ("department", "Các sở, ban, ngành"),
    ("district", "Các huyện, thành phố (trước 01/7/2025)"),
    ("commune", "Ủy ban nhân dân các xã, phường"),
)
OTHER_UNITS = "Các cơ quan, đơn vị khác"


@dataclass
class CompiledText:
    """One text of a section and every unit that wrote it (all named, none summarised)."""

    units: list[str]
    text: str


def _same_text(text: str) -> str:
    return " ".join(text.split()).rstrip(" .;").casefold()


def compile_narratives(entries: list[Any]) -> list[tuple[str, list[CompiledText]]]:
    """A section's approved texts compiled as a report writes them: by kind of unit, each
    distinct text once with the names of all the units that wrote it, in tree order.

    Sixty-five communes that all wrote «Không có khó khăn, vướng mắc.» are one sentence under
    sixty-five names, not sixty-five paragraphs.
    """
    groups: dict[str, dict[str, CompiledText]] = {}
    for narrative in entries:
        unit = narrative.submission.unit
        kind = unit.kind if unit.kind in dict(NARRATIVE_GROUPS) else "other"
        texts = groups.setdefault(kind, {})
        key = _same_text(narrative.text)
        if key in texts:
            texts[key].units.append(unit.display_name)
        else:
            texts[key] = CompiledText([unit.display_name], narrative.text.strip())
    titles = dict(NARRATIVE_GROUPS)
    order = [kind for kind, _title in NARRATIVE_GROUPS] + ["other"]
    return [
        (titles.get(kind, OTHER_UNITS), list(groups[kind].values()))
        for kind in order
        if kind in groups
    ]
