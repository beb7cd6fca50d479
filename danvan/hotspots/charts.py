"""Inline SVG charts drawn on the server (no script, no inline style: the CSP forbids both).

Every chart is decorative for assistive technology (``aria-hidden``); the page shows the same
figures in a table right after it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .stats import Row

PETITION_COLOUR = "#1f5fa8"
SIGNAL_COLOUR = "#d9822b"


def _scale(rows: Sequence[Row]) -> int:
    return max([r.total for r in rows] + [1])


def bar_chart(rows: Sequence[Row], title: str, label_width: int = 190) -> SafeString:
    """Horizontal stacked bars (petitions, then signals), one per row."""
    bar_h, gap, width = 18, 6, 640
    plot = width - label_width - 50
    height = max(len(rows), 1) * (bar_h + gap) + gap
    top = _scale(rows)
    parts = [
        format_html(
            '<svg class="hs-chart" role="img" aria-hidden="true" focusable="false" '
            'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet">'
            "<title>{}</title>",
            width,
            height,
            title,
        )
    ]
    for i, row in enumerate(rows):
        y = gap + i * (bar_h + gap)
        wp = round(plot * row.petitions / top)
        ws = round(plot * row.signals / top)
        label = row.label if len(row.label) <= 30 else row.label[:29] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#222">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="12" fill="#222">{}</text>',
                label_width - 6,
                y + 13,
                label,
                label_width,
                y,
                wp,
                bar_h,
                PETITION_COLOUR,
                label_width + wp,
                y,
                ws,
                bar_h,
                SIGNAL_COLOUR,
                label_width + wp + ws + 4,
                y + 13,
                row.total,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def column_chart(rows: Sequence[Row], title: str) -> SafeString:
    """Stacked columns by month."""
    width, height, base, left = 640, 200, 170, 10
    n = max(len(rows), 1)
    slot = (width - left) / n
    col = max(slot * 0.6, 4)
    top = _scale(rows)
    plot = base - 20
    parts = [
        format_html(
            '<svg class="hs-chart" role="img" aria-hidden="true" focusable="false" '
            'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet">'
            "<title>{}</title>",
            width,
            height,
            title,
        )
    ]
    for i, row in enumerate(rows):
        x = left + i * slot + (slot - col) / 2
        hp = plot * row.petitions / top
        hs = plot * row.signals / top
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#222">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="10" fill="#444">{}</text>',
                f"{x:.1f}",
                f"{base - hp:.1f}",
                f"{col:.1f}",
                f"{hp:.1f}",
                PETITION_COLOUR,
                f"{x:.1f}",
                f"{base - hp - hs:.1f}",
                f"{col:.1f}",
                f"{hs:.1f}",
                SIGNAL_COLOUR,
                f"{x + col / 2:.1f}",
                f"{base - hp - hs - 4:.1f}",
                row.total or "",
                f"{x + col / 2:.1f}",
                base + 16,
                escape(row.label[:2]) if n > 8 else escape(row.label),
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))
