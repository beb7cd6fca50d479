"""Loading the real administrative divisions (post-1/7/2025) from ``vietnam-provinces``.

For each province: its People's Committee, the standard departments (data in
``data/provincial_bodies.json`` with their legal basis), the provincial Ban Tuyên giáo và Dân
vận, the Fatherland Front committee and the radio-television station; for each commune, ward
or special zone: its People's Committee and Fatherland Front committee. Loading is idempotent:
units are found by their stable key and only missing ones are created.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from vietnam_provinces import Province, VietNamDivisionType, Ward

from danvan.core import stamps
from danvan.core.audit import acting_as, log_bulk_created
from danvan.core.errors import UserError

from .models import OrgUnit, OrgUnitKind
from .paths import child_path, depth_of

DATA_FILE = Path(__file__).parent / "data" / "provincial_bodies.json"


@cache
def _bodies() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


@dataclass
class UnitSpec:
    key: str
    parent_key: str | None
    kind: str
    name: str
    short_name: str
    code: str = ""


@dataclass
class LoadResult:
    created: int = 0
    existing: int = 0
    counts: Counter[str] = field(default_factory=Counter)


def _province_words(province: Province) -> dict[str, str]:
    if province.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG:
        bare = province.name.removeprefix("Thành phố ").strip()
        return {
            "area": f"thành phố {bare}",
            "area_bare": bare,
            "area_short": "thành phố",
            "party_committee": f"Thành ủy {bare}",
            "party_committee_short": "Thành ủy",
        }
    bare = province.name.removeprefix("Tỉnh ").strip()
    return {
        "area": f"tỉnh {bare}",
        "area_bare": bare,
        "area_short": "tỉnh",
        "party_committee": f"Tỉnh ủy {bare}",
        "party_committee_short": "Tỉnh ủy",
    }


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def province_key(province: Province) -> str:
    return f"p{int(province.code):02d}"


def ward_key(ward: Ward) -> str:
    return f"w{int(ward.code):05d}"


def specs_for_province(province: Province) -> list[UnitSpec]:
    """Every unit the loader creates for ``province``, parents before children."""
    words = _province_words(province)
    pkey = province_key(province)
    specs = [
        UnitSpec(
            key=pkey,
            parent_key=None,
            kind=OrgUnitKind.PROVINCE,
            name=f"Ủy ban nhân dân {words['area']}",
            short_name=f"UBND {words['area']}",
            code=f"{int(province.code):02d}",
        )
    ]
    for dept in _bodies()["departments"]:
        specs.append(
            UnitSpec(
                key=f"{pkey}.{dept['slug']}",
                parent_key=pkey,
                kind=OrgUnitKind.DEPARTMENT,
                name=dept["name"].format(**words),
                short_name=dept["short_name"].format(**words),
            )
        )
    for body in _bodies()["province_bodies"]:
        specs.append(
            UnitSpec(
                key=f"{pkey}.{body['slug']}",
                parent_key=pkey,
                kind=body["kind"],
                name=body["name"].format(**words),
                short_name=body["short_name"].format(**words),
            )
        )
    for ward in sorted(Ward.iter_by_province(province.code), key=lambda w: w.name):
        wkey = ward_key(ward)
        area = _lower_first(ward.name)
        specs.append(
            UnitSpec(
                key=wkey,
                parent_key=pkey,
                kind=OrgUnitKind.COMMUNE,
                name=f"Ủy ban nhân dân {area}",
                short_name=f"UBND {area}",
                code=f"{int(ward.code):05d}",
            )
        )
        for body in _bodies()["commune_bodies"]:
            specs.append(
                UnitSpec(
                    key=f"{wkey}.{body['slug']}",
                    parent_key=wkey,
                    kind=body["kind"],
                    name=body["name"].format(area=area),
                    short_name=body["short_name"].format(area=area),
                )
            )
    return specs


def all_provinces() -> list[Province]:
    return sorted(Province.iter_all(), key=lambda p: int(p.code))


def find_province(codename: str) -> Province:
    """The province whose ``vietnam-provinces`` codename (e.g. ``cao_bang``) is given."""
    wanted = codename.strip().lower().replace("-", "_")
    by_codename = {p.codename: p for p in all_provinces()}
    if wanted in by_codename:
        return by_codename[wanted]
    close = difflib.get_close_matches(wanted, by_codename, n=3)
    hint = " " + _("Did you mean: %(names)s?") % {"names": ", ".join(close)} if close else ""
    raise UserError(
        _(
            "There is no province or city with the code «%(codename)s».%(hint)s The"
            " code is written without diacritics, joined by underscores, e.g. "
            "cao_bang, ha_noi, ho_chi_minh."
        )
        % {"codename": codename, "hint": hint}
    )


def load_divisions(
    provinces: list[Province],
    *,
    actor: Any,
) -> LoadResult:
    """Create the missing units of ``provinces`` in one transaction and count them by kind."""
    specs = [spec for province in provinces for spec in specs_for_province(province)]
    result = LoadResult()
    with transaction.atomic(), acting_as(actor):
        known = {
            key: (pk, path)
            for key, pk, path in OrgUnit.objects.filter(key__in=[s.key for s in specs]).values_list(
                "key", "id", "path"
            )
        }
        valid_from = dt.date.fromisoformat(_bodies()["effective_from"])
        levels: dict[str, int] = {}
        for s in specs:  # specs list parents before children
            levels[s.key] = 0 if s.parent_key is None else levels[s.parent_key] + 1
        # Parents are created one level at a time because a child's path needs its parent's id.
        for level in sorted(set(levels.values())):
            batch = [s for s in specs if s.key not in known and levels[s.key] == level]
            if not batch:
                continue
            units = [
                OrgUnit(
                    key=s.key,
                    name=s.name,
                    short_name=s.short_name,
                    code=s.code,
                    kind=s.kind,
                    parent_id=known[s.parent_key][0] if s.parent_key else None,
                    valid_from=valid_from,
                )
                for s in batch
            ]
            for unit in units:
                unit.refresh_search_text()
            OrgUnit.objects.bulk_create(units, batch_size=500)
            for unit, spec in zip(units, batch, strict=True):
                parent_path = known[spec.parent_key][1] if spec.parent_key else ""
                unit.path = child_path(parent_path, unit.pk)
                unit.depth = depth_of(unit.path)
                known[spec.key] = (unit.pk, unit.path)
            OrgUnit.objects.bulk_update(units, ["path", "depth"], batch_size=500)
            log_bulk_created(list(units), actor=actor)
            result.created += len(units)
        if result.created:
            stamps.touch(stamps.ACCESS)  # bulk writes send no signals
        result.existing = len(specs) - result.created
    for spec in specs:
        result.counts[spec.kind] += 1
    return result
