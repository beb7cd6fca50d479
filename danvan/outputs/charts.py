"""The one chart builder of the platform (pygal underneath).

Bar (horizontal or vertical, stacked or side by side), line and pie charts with Vietnamese
titles, labelled axes and values written «1.234,5». What comes out is an inline SVG that
works under the site's Content-Security-Policy (``script-src 'self'``, ``style-src 'self'``):

- no JavaScript: pygal's default script tags point to a CDN and its config is an inline
  script; both are dropped (``js=[]`` and the ``<script>`` element removed);
- no inline ``<style>``: pygal's stylesheet is applied to the elements it selects as SVG
  presentation attributes (``fill``, ``stroke``, ``font-size`` …), which no CSP restricts, then
  removed — so the same SVG also converts to PNG for Word documents (:func:`png`).

A chart never stands alone: :class:`Chart` carries the same figures as a table
(``header``/``rows``), and the template ``outputs/_chart.html`` renders the SVG (hidden from
screen readers) followed by that table. Pages that already have a richer table of the same
figures (with links) render ``chart.svg`` beside their own table.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from danvan.core.text import vn_number

log = logging.getLogger(__name__)

Number = int | float | Decimal
#: Colours distinguishable by people with the common colour-vision deficiencies (Okabe–Ito),
#: dark enough against white for the 3:1 contrast of graphical objects (WCAG 1.4.11).
PALETTE = ("#1f5fa8", "#d9822b", "#15803d", "#b91c1c", "#6b4c9a", "#0e7490", "#92400e", "#4b5563")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"
#: CSS properties pygal's stylesheet sets that SVG also takes as presentation attributes.
_PRESENTATION = {
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-opacity",
    "stroke-width",
    "stroke-dasharray",
    "opacity",
    "font-size",
    "font-weight",
    "text-anchor",
    "visibility",
    "display",
}


def fmt(value: Number | None, decimals: int | None = None) -> str:
    """«1.234,5»; «—» for a missing value. Floats are rounded to two decimals at most."""
    if value is None:
        return "—"
    if isinstance(value, float):
        value = Decimal(str(round(value, 2)))
    if isinstance(value, Decimal):
        value = value.quantize(Decimal("0.01")) if decimals is None else value
        value = value.normalize() if value == value.to_integral() else value
        if value == value.to_integral():
            return vn_number(int(value))
        text = vn_number(value, decimals)
        return text.rstrip("0").rstrip(",") if decimals is None and "," in text else text
    return vn_number(value, decimals)


@dataclass
class Chart:
    """An SVG and the table of the same figures (first column the labels)."""

    title: str
    svg: SafeString
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __html__(self) -> str:
        return str(self.svg)


def _style() -> Any:
    from pygal.style import Style

    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1f2937",
        foreground_strong="#111827",
        foreground_subtle="#6b7280",
        opacity="1",
        opacity_hover="1",
        colors=PALETTE,
        font_family=FONT,
        title_font_size=17,
        label_font_size=15,
        major_label_font_size=15,
        value_font_size=14,
        legend_font_size=15,
        tooltip_font_size=15,
        guide_stroke_color="#d1d5db",
        major_guide_stroke_color="#9ca3af",
        guide_stroke_dasharray="3,3",
        major_guide_stroke_dasharray="3,3",
        value_colors=("#111827",),
    )


#: The drawing's own width: scaled to a phone (~330 px) labels stay near 10 px, and to the
#: widest column (34rem, see app.css) near 17 px.
WIDTH = 480


def _config(kind: Any, title: str, *, height: int, width: int = WIDTH, **options: Any) -> Any:
    def value_text(value: Any) -> str:
        return fmt(value) if value is not None else ""

    chart = kind(
        js=[],  # pygal's default points to a CDN
        disable_xml_declaration=True,
        no_prefix=True,
        explicit_size=False,
        width=width,
        height=height,
        style=_style(),
        title=title,
        print_values=True,
        print_zeroes=False,
        formatter=value_text,
        value_formatter=value_text,
        truncate_label=-1,
        truncate_legend=-1,
        legend_at_bottom=True,
        no_data_text=pgettext("chart", "No figures yet"),
        margin=12,
        **options,
    )
    return chart


def _whole_number_axis(series: dict[str, Sequence[Number | None]], stacked: bool) -> dict[str, Any]:
    """Counts are whole: the value axis says 0, 1, 2 … (never 0,2 0,4 …) in about five steps."""
    columns = list(zip(*series.values(), strict=True)) if series else []
    if not columns or not all(isinstance(v, int) or v is None for c in columns for v in c):
        return {}
    top = max(
        (sum(v or 0 for v in c) if stacked else max((v or 0 for v in c), default=0))  # type: ignore[type-var]
        for c in columns
    )
    step = max(math.ceil(top / 5), 1)
    return {"y_labels": list(range(0, int(top) + step + 1, step))}


def _clean(values: Sequence[Number | None]) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


def bar(
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[Number | None]],
    *,
    horizontal: bool = True,
    stacked: bool = False,
    label_header: str = "",
    total: bool = False,
) -> Chart:
    """Bars per label, one colour per series (stacked when ``stacked``).

    Horizontal by default: long Vietnamese unit names stay readable on a phone.
    ``total`` adds a «Tổng» column to the table.
    """
    import pygal

    kinds = {
        (True, False): pygal.HorizontalBar,
        (True, True): pygal.HorizontalStackedBar,
        (False, False): pygal.Bar,
        (False, True): pygal.StackedBar,
    }
    rows = max(len(labels), 1)
    height = (
        90
        + rows * (28 * (1 if stacked or len(series) == 1 else len(series)))
        + 40 * (len(series) > 1)
    )
    chart = _config(
        kinds[(horizontal, stacked)],
        title,
        height=height if horizontal else 320,
        **_whole_number_axis(series, stacked),
        show_legend=len(series) > 1,
        x_label_rotation=0 if horizontal or len(labels) <= 8 else 30,
        print_values_position="top" if not stacked else "center",
    )
    # pygal draws horizontal bars from the bottom up; reversed, they read in table order.
    order = (lambda items: list(items)[::-1]) if horizontal else list
    chart.x_labels = order(labels)
    for name, values in series.items():
        chart.add(name, order(_clean(values)))
    header = [label_header, *series.keys(), *([pgettext("chart", "Total")] if total else [])]
    table: list[list[str]] = []
    for index, label in enumerate(labels):
        values = [series[name][index] for name in series]
        row = [label, *[fmt(v) for v in values]]
        if total:
            row.append(fmt(sum((v or 0) for v in values)))
        table.append(row)
    return _finish(title, chart, header, table)


def line(
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[Number | None]],
    *,
    label_header: str = "",
) -> Chart:
    """A line per series over ``labels`` (periods); a missing value breaks the line."""
    import pygal

    chart = _config(
        pygal.Line,
        title,
        height=340,
        show_legend=len(series) > 1,
        x_label_rotation=30 if len(labels) > 8 else 0,
        show_minor_x_labels=len(labels) <= 12,
        x_labels_major_every=max(len(labels) // 12, 1) if len(labels) > 12 else None,
        dots_size=3,
        include_x_axis=True,
        margin_right=40,
    )
    chart.print_values = len(labels) <= 12
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, _clean(values))
    header = [label_header, *series.keys()]
    table = [[label, *[fmt(series[name][i]) for name in series]] for i, label in enumerate(labels)]
    return _finish(title, chart, header, table)


def pie(
    title: str, labels: Sequence[str], values: Sequence[Number], *, label_header: str = ""
) -> Chart:
    """Shares of a whole; the table adds each share in per cent."""
    import pygal

    chart = _config(pygal.Pie, title, height=360, show_legend=True, inner_radius=0.45)
    whole = sum(float(v) for v in values) or 1.0
    for label, value in zip(labels, values, strict=True):
        chart.add(label, [{"value": float(value), "label": label}])
    table = [
        [label, fmt(value), fmt(round(float(value) / whole * 100, 1))]
        for label, value in zip(labels, values, strict=True)
    ]
    return _finish(
        title,
        chart,
        [label_header, pgettext("count", "Number"), pgettext("chart", "Share (%)")],
        table,
    )


def _finish(title: str, chart: Any, header: list[str], rows: list[list[str]]) -> Chart:
    svg = _inline_svg(chart, title) if rows else mark_safe("")
    return Chart(title=title, svg=svg, header=header, rows=rows)


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _inline_svg(chart: Any, title_text: str) -> SafeString:
    """pygal's SVG with its stylesheet turned into attributes and no script, style or id."""
    from lxml import etree

    root = chart.render_tree()  # elements without a namespace; xmlns is an attribute
    _apply_stylesheet(root)
    for element in list(root.iter()):
        parent = element.getparent()
        if parent is None:
            continue
        local = _local(element)
        if not local or local in {"script", "style"}:  # comments; script and stylesheet
            parent.remove(element)
        elif "tooltip" in (element.get("class") or "").split():  # filled in by pygal's script
            parent.remove(element)
        elif local == "desc" and element.get("class") == "value" and element.text:
            # pygal keeps each value in <desc> for its script; <title> shows it on hover.
            element.tag = "title"
            element.attrib.pop("class", None)
        elif local == "desc" or (local == "title" and _local(parent) == "g"
                                 and "guides" in (parent.get("class") or "")):  # fmt: skip
            parent.remove(element)
    for element in list(root.iter()):
        if _local(element) == "defs" and not len(element):
            element.getparent().remove(element)
    root.attrib.pop("id", None)
    root.set("class", "dv-chart")
    root.set("role", "img")
    root.set("aria-hidden", "true")  # the table after it carries the figures
    root.set("focusable", "false")
    root.set("width", "100%")
    root.set("font-family", FONT)
    if not any(_local(child) == "title" for child in root):
        title = etree.Element("title")
        title.text = title_text
        root.insert(0, title)
    text = etree.tostring(root, encoding="unicode")
    return mark_safe(text)  # noqa: S308 - built by lxml from pygal's tree and our own strings


def _apply_stylesheet(root: Any) -> None:
    """Copy what pygal's stylesheet says into presentation attributes, in cascade order."""
    import cssselect2
    import tinycss2

    sheets = [s.text or "" for s in root.iter() if _local(s) == "style"]
    matcher = cssselect2.Matcher()
    for order, rule in enumerate(
        tinycss2.parse_stylesheet("\n".join(sheets), skip_whitespace=True, skip_comments=True)
    ):
        if rule.type != "qualified-rule":
            continue
        declarations = [
            (d.lower_name, tinycss2.serialize(d.value).strip(), d.important)
            for d in tinycss2.parse_declaration_list(
                rule.content, skip_whitespace=True, skip_comments=True
            )
            if d.type == "declaration" and d.lower_name in _PRESENTATION
        ]
        if not declarations:
            continue
        try:
            selectors = cssselect2.compile_selector_list(rule.prelude)
        except cssselect2.SelectorError:  # :hover and friends: no hover without script
            continue
        for selector in selectors:
            if selector.pseudo_element is None and not selector.never_matches:
                matcher.add_selector(selector, (order, declarations))
    wrapper = cssselect2.ElementWrapper.from_xml_root(root)
    for element in wrapper.iter_subtree():
        matches = matcher.match(element)
        if not matches:
            continue
        chosen: dict[str, tuple[tuple[int, int, int, int], str]] = {}
        for specificity, _order, _pseudo, (rule_order, declarations) in matches:
            for name, value, important in declarations:
                rank = (int(important), *specificity, rule_order)
                if name not in chosen or rank >= chosen[name][0]:
                    chosen[name] = (rank, value)  # type: ignore[assignment]
        for name, (_rank, value) in chosen.items():
            element.etree_element.set(name, value)


def png(chart: Chart, *, width: int = 1200) -> bytes | None:
    """The chart as a PNG for a Word document, from the same SVG; None when cairo (a system
    library cairosvg needs) is missing — the document then keeps the table alone."""
    if not chart.rows:
        return None
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on the machine
        log.warning("charts as PNG unavailable: %s", exc)
        return None
    svg = str(chart.svg).replace('width="100%"', "", 1)
    output = io.BytesIO()
    cairosvg.svg2png(
        bytestring=svg.encode(), write_to=output, output_width=width, background_color="white"
    )
    return output.getvalue()


def png_available() -> bool:
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError):
        return False
    return True
