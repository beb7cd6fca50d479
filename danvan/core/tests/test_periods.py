"""Period codes are keys; people read their names."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from danvan.core.periods import period_label


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2026-10", "Tháng 10/2026"),
        ("2026-03", "Tháng 3/2026"),
        ("2026-Q3", "Quý III/2026"),
        ("2026-S1", "6 tháng đầu năm 2026"),
        ("2026-S2", "6 tháng cuối năm 2026"),
        ("2026-N9", "9 tháng năm 2026"),
        ("2026", "Năm 2026"),
        ("2026-AH", "Báo cáo đột xuất năm 2026"),
        ("2026-13", "2026-13"),
        ("", ""),
        (None, ""),
    ],
)
def test_period_label(code: object, label: str) -> None:
    with translation.override("vi"):
        assert period_label(code) == label


def test_the_template_filter() -> None:
    with translation.override("vi"):
        html = Template("{% load periods %}{{ code|period_label }}").render(
            Context({"code": "2026-Q1"})
        )
    assert html == "Quý I/2026"
