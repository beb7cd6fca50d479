"""The yearly evaluation: each province's scheme for 2025 (the model scheme), so that opening a
round scores every commune and department from the tasks, dialogues and surveys generated."""

from __future__ import annotations

from .base import Context, part

YEAR = 2025


@part("evaluation", needs=("orgs", "plans", "dialogues", "surveys"))
def generate(ctx: Context) -> None:
    """each province's evaluation scheme"""
    from danvan.core.audit import SYSTEM
    from danvan.evaluation import services
    from danvan.evaluation.data.model_scheme import BANDS, BASIS, CAPS, GROUPS
    from danvan.evaluation.models import Scheme

    for province in ctx.pending_provinces():
        with ctx.chunk(province.key) as written:
            if not Scheme.objects.filter(owner=province, year=YEAR).exists():
                services.create_scheme(
                    province, YEAR, title="Đánh giá, xếp loại công tác dân vận chính quyền",
                    basis=BASIS, groups=GROUPS, bands=BANDS, caps=CAPS, actor=SYSTEM,
                )  # fmt: skip
                written[0] += 1
