"""Small, accessible SVG line charts drawn on the server: no JavaScript, no chart library.

Each chart is an `<svg role="img">` with a title and a description; pages show the same numbers in a
table beside it, so nobody has to read the picture. Lines differ by dash pattern as well as colour.
Pure Python (no Django): the impact report and the Collaborative's simulator page both draw with it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# NHS identity colours with enough contrast on white, and dash patterns so colour is never the only cue.
STYLES = (
    ("#425563", ""),  # dark grey, solid
    ("#005eb8", "8 4"),  # NHS blue, dashed
    ("#007f3b", "2 3"),  # green, dotted
    ("#330072", "12 4 2 4"),  # purple, dash-dot
)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    low: Sequence[float] | None = None  # an interval band, drawn lightly behind the line
    high: Sequence[float] | None = None


def nice_ceiling(value: float) -> float:
    """The next round number at or above value (1, 2, 2.5, 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


# Arial's advance widths, in ems (Liberation Sans has the same metrics), for the characters charts
# use; anything else counts as a wide letter. Labels are laid out with these so none collide.
_NARROW = dict.fromkeys("ijlI.,:;'|!", 0.28) | dict.fromkeys("ft()[]- ", 0.34) | {"r": 0.34}
_WIDE = dict.fromkeys("mwMW%@", 0.95) | dict.fromkeys("ABCDEFGHKLNOPQRSTUVXYZ&", 0.72)
LABEL_GAP = 8  # the least space between two labels side by side


def text_width(text: str, font_size: float) -> float:
    """About how wide text is drawn in Arial at font_size, erring on the wide side."""
    ems = sum(
        _NARROW.get(c, _WIDE.get(c, 0.58 if c.isdigit() or c.islower() else 0.72)) for c in text
    )
    return ems * font_size * 1.05


def short_number(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:g}m"
    if abs(value) >= 1_000:
        return f"{value / 1_000:g}k"
    return f"{value:g}"


TICK_FONT = 12


def _tick_box(label: str, at: float, anchor: str) -> tuple[float, float]:
    w = text_width(label, TICK_FONT)
    if anchor == "start":
        return at, at + w
    if anchor == "end":
        return at - w, at
    return at - w / 2, at + w / 2


def x_ticks(labels: Sequence[str], xs: Sequence[float], every: int) -> list[tuple[int, str]]:
    """Which x-axis labels to show, and how each is anchored, so that no two overlap.

    Every `every`th label, or every second, third... multiple of that if those would collide; the
    first starts at its point and the last ends at its point, so both stay inside the chart. The last
    is shown too unless it says the same as the label before it; if it would collide with that one,
    it takes that one's place.
    """
    n = len(labels)
    if n == 0:
        return []
    if n == 1:
        return [(0, "middle")]

    def anchor(i: int) -> str:
        return "start" if i == 0 else "end" if i == n - 1 else "middle"

    def apart(a: int, b: int) -> bool:
        return (
            _tick_box(labels[a], xs[a], anchor(a))[1] + LABEL_GAP
            <= (_tick_box(labels[b], xs[b], anchor(b))[0])
        )

    step = max(1, every)
    while True:
        chosen = list(range(0, n, step))
        if all(apart(a, b) for a, b in itertools.pairwise(chosen)) or step >= n - 1:
            break
        step += max(1, every)
    last = n - 1
    if chosen[-1] != last and labels[last] != labels[chosen[-1]]:
        while len(chosen) > 1 and not apart(chosen[-1], last):
            chosen.pop()
        if apart(chosen[-1], last):
            chosen.append(last)
    return [(i, anchor(i)) for i in chosen]


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    y_label: str = "",
    width: int = 640,
    height: int = 300,
    label_every: int = 12,
    y_max: float | None = None,
) -> str:
    """An SVG line chart. `description` is the text alternative: say what the chart shows in words.
    The y axis runs from 0 to `y_max` when given (a scale's top), else to a round number above the
    highest value."""
    left, right, top, bottom = 64, 16, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(x_labels), 1)
    highest = max(
        (v for s in series for v in (*s.values, *(s.high or ())) if not math.isnan(v)), default=0.0
    )
    ceiling = y_max if y_max is not None else nice_ceiling(highest)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * (v / ceiling)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="lw-chart" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for k in range(5):  # horizontal grid lines and y-axis labels
        value = ceiling * k / 4
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            'stroke="#d8dde0" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#4c6272">{short_number(value)}</text>'
        )
    for i, anchor in x_ticks(x_labels, [x(i) for i in range(len(x_labels))], label_every):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="{anchor}" '
            f'font-size="{TICK_FONT}" fill="#4c6272">{escape(x_labels[i])}</text>'
        )
    if y_label:
        parts.append(
            f'<text x="{left}" y="{height - 6}" font-size="12" fill="#4c6272">{escape(y_label)}</text>'
        )
    for (colour, dash), s in zip(STYLES, series, strict=False):
        if s.low is not None and s.high is not None:
            band = [lo + hi for lo, hi in zip(s.low, s.high, strict=True)]  # NaN where either is
            for run in _runs(band):
                upper = [f"{x(i):.1f},{y(s.high[i]):.1f}" for i in run]
                lower = [f"{x(i):.1f},{y(s.low[i]):.1f}" for i in reversed(run)]
                parts.append(
                    f'<polygon points="{" ".join(upper + lower)}" fill="{colour}" '
                    'fill-opacity="0.12" stroke="none"/>'
                )
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        # A missing value (NaN: not shown, or no data) leaves a gap; a value alone between gaps is a dot.
        for run in _runs(s.values):
            if len(run) == 1:
                parts.append(
                    f'<circle cx="{x(run[0]):.1f}" cy="{y(s.values[run[0]]):.1f}" r="3.5" '
                    f'fill="{colour}"/>'
                )
                continue
            points = " ".join(f"{x(i):.1f},{y(s.values[i]):.1f}" for i in run)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"'
                f"{dash_attr}/>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _runs(values: Sequence[float]) -> list[list[int]]:
    """The indexes of each unbroken stretch of values that are not NaN."""
    runs: list[list[int]] = []
    for i, v in enumerate(values):
        if math.isnan(v):
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def legend(series: Sequence[Series]) -> list[dict[str, str]]:
    """How each line looks, for a key beside the chart."""
    return [
        {"name": s.name, "colour": colour, "dash": dash or "none"}
        for (colour, dash), s in zip(STYLES, series, strict=False)
    ]


BAR_LABEL_FONT = 13


def wrap_label(label: str, font_size: float, room: float) -> list[str]:
    """A label as one line if it fits in room, or else two lines split between words, as even as
    can be (a single word too long for the room stays whole)."""
    words = label.split()
    if text_width(label, font_size) <= room or len(words) < 2:
        return [label]
    splits = [[" ".join(words[:k]), " ".join(words[k:])] for k in range(1, len(words))]
    return min(splits, key=lambda lines: max(text_width(line, font_size) for line in lines))


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    low: Sequence[float | None] | None = None,
    high: Sequence[float | None] | None = None,
    width: int = 640,
    bar_height: int = 22,
    as_percent: bool = True,
) -> str:
    """Horizontal bars (proportions from 0 to 1 by default) with interval whiskers. A missing value
    (suppressed or no data) leaves its row empty with a dash. `description` is the text alternative."""
    left, right, top = 220, 56, 8
    plot_w = width - left - right
    height = top * 2 + bar_height * 1.5 * len(labels) + 24
    highest = (
        1.0 if as_percent else nice_ceiling(max((v for v in values if v is not None), default=1))
    )

    def x(v: float) -> float:
        return left + plot_w * max(0.0, min(v, highest)) / highest

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" class="lw-chart" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for k in range(5):
        tick = highest * k / 4
        parts.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top}" y2="{height - 24:.0f}" '
            'stroke="#d8dde0" stroke-width="1"/>'
        )
        text = f"{tick:.0%}" if as_percent else short_number(tick)
        parts.append(
            f'<text x="{x(tick):.1f}" y="{height - 8:.0f}" text-anchor="middle" font-size="12" '
            f'fill="#4c6272">{text}</text>'
        )
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * bar_height * 1.5
        lines = wrap_label(label, BAR_LABEL_FONT, left - 16)
        first = y + bar_height * 0.7 - (len(lines) - 1) * BAR_LABEL_FONT * 0.6
        parts.append(
            f'<text x="{left - 8}" y="{first:.1f}" text-anchor="end" font-size="{BAR_LABEL_FONT}" '
            'fill="#212b32">'
            + "".join(
                f'<tspan x="{left - 8}" dy="{0 if k == 0 else BAR_LABEL_FONT * 1.2:.1f}">'
                f"{escape(line)}</tspan>"
                if len(lines) > 1
                else escape(line)
                for k, line in enumerate(lines)
            )
            + "</text>"
        )
        if value is None:
            parts.append(
                f'<text x="{left + 4}" y="{y + bar_height * 0.7:.1f}" font-size="13" '
                'fill="#4c6272">&#8211;</text>'
            )
            continue
        parts.append(
            f'<rect x="{left}" y="{y:.1f}" width="{x(value) - left:.1f}" height="{bar_height}" '
            'fill="#005eb8"/>'
        )
        lo = low[i] if low is not None else None
        hi = high[i] if high is not None else None
        if lo is not None and hi is not None:
            mid = y + bar_height / 2
            parts.append(
                f'<line x1="{x(lo):.1f}" x2="{x(hi):.1f}" y1="{mid:.1f}" y2="{mid:.1f}" '
                'stroke="#212b32" stroke-width="2"/>'
            )
        text = f"{value:.0%}" if as_percent else short_number(value)
        parts.append(
            f'<text x="{max(x(value), x(hi) if hi is not None else 0) + 6:.1f}" '
            f'y="{y + bar_height * 0.7:.1f}" font-size="12" fill="#212b32">{text}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
