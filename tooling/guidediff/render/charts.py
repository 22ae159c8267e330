"""Charts as inline SVG, drawn in Python: a series of values over the versions, with gaps where
a value is absent. Built as an element tree by lxml (never by joining strings), so any label is
escaped; the same values give the same bytes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from lxml import etree
from markupsafe import Markup

SVG = "http://www.w3.org/2000/svg"
Number = Decimal | int | float


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _nice(top: float) -> float:
    """A round upper bound for the axis above the highest value, with room for its label under
    the chart's title (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × a power of ten)."""
    if top <= 0:
        return 1.0
    top *= 1.08
    power = 10 ** (len(str(int(top))) - 1)
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if top <= step * power:
            return float(step * power)
    return float(10 * power)


def _anchor(i: int, n: int) -> str:
    """Labels at the ends of the axis grow inwards, so that none is cut by the frame."""
    if n > 1 and i == 0:
        return "start"
    return "end" if n > 1 and i == n - 1 else "middle"


def line_chart(labels: Sequence[str], values: Sequence[Number | None], title: str,
               unit: str = "", width: int = 560, height: int = 200) -> Markup:
    """A line over the labels (versions); ``None`` breaks the line (absent there)."""
    left, right, top, bottom = 56, 12, 28, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    present = [float(v) for v in values if v is not None]
    hi = _nice(max(present, default=0.0))
    if all(isinstance(v, int) for v in values if v is not None):  # counts: whole ticks
        hi = float(math.ceil(hi) + math.ceil(hi) % 2)
    n = max(1, len(labels) - 1)

    def x(i: int) -> float:
        return left + plot_w * (i / n if len(labels) > 1 else 0.5)

    def y(v: float) -> float:
        return top + plot_h * (1 - v / hi)

    svg = etree.Element(f"{{{SVG}}}svg", nsmap={None: SVG},  # type: ignore[dict-item]
                        width=str(width),
                        height=str(height), viewBox=f"0 0 {width} {height}", role="img")
    etree.SubElement(svg, f"{{{SVG}}}title").text = title
    head = etree.SubElement(svg, f"{{{SVG}}}text", x=str(left), y="16")
    head.set("class", "chart-title")
    head.text = f"{title}{f'（{unit}）' if unit else ''}"
    for frac in (0, 0.5, 1):
        gy = _fmt(top + plot_h * (1 - frac))
        etree.SubElement(svg, f"{{{SVG}}}line", x1=str(left), x2=str(left + plot_w), y1=gy,
                         y2=gy, stroke="#ddd")
        tick = etree.SubElement(svg, f"{{{SVG}}}text", x=str(left - 6), y=gy)
        tick.set("text-anchor", "end")
        tick.set("dominant-baseline", "middle")
        tick.set("class", "tick")
        tick.text = _fmt(hi * frac)
    every = max(1, len(labels) // 8)
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            t = etree.SubElement(svg, f"{{{SVG}}}text", x=_fmt(x(i)), y=str(height - 12))
            t.set("text-anchor", _anchor(i, len(labels)))
            t.set("class", "tick")
            t.text = label
    runs: list[list[tuple[float, float]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            runs.append([])
        else:
            runs[-1].append((x(i), y(float(v))))
    for run in runs:
        if len(run) > 1:
            etree.SubElement(svg, f"{{{SVG}}}polyline", fill="none", stroke="#1a5fb4",
                             points=" ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in run))
        if len(values) <= 120 or len(run) == 1:  # dots where they can be told apart
            for a, b in run:
                etree.SubElement(svg, f"{{{SVG}}}circle", cx=_fmt(a), cy=_fmt(b), r="3",
                                 fill="#1a5fb4")
    for i, v in enumerate(values):
        if v is not None and len(values) <= 24:
            t = etree.SubElement(svg, f"{{{SVG}}}text", x=_fmt(x(i)), y=_fmt(y(float(v)) - 7))
            t.set("text-anchor", _anchor(i, len(labels)))
            t.set("class", "value")
            t.text = _fmt(float(v))
    return Markup(etree.tostring(svg, encoding="unicode"))
