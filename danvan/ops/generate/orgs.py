"""The real units: one province's (small and province scales) or the whole country's."""

from __future__ import annotations

from .base import Context, part


@part("orgs", needs=())
def generate(ctx: Context) -> None:
    """the real administrative units (vietnam-provinces)"""
    from danvan.core.audit import SYSTEM
    from danvan.orgs.loading import all_provinces, find_province, load_divisions

    provinces = all_provinces() if ctx.size.province is None else [find_province(ctx.size.province)]
    done = ctx.finished_chunks()
    for province in provinces:
        if province.codename in done:
            continue
        with ctx.chunk(province.codename) as written:
            # Idempotent by the units' stable keys: a unit loaded before is found, not doubled.
            written[0] += load_divisions([province], actor=SYSTEM).created
