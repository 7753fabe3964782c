from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from livingwell.analytics.charts import Series, bar_chart, line_chart, nice_ceiling, short_number


def test_round_numbers_for_the_top_of_the_axis() -> None:
    assert [nice_ceiling(v) for v in (0, 0.7, 3, 7.2, 180, 2_600)] == [1, 1, 5, 10, 200, 5_000]


def test_short_numbers_read_easily() -> None:
    assert [short_number(v) for v in (12, 2_500, 1_200_000)] == ["12", "2.5k", "1.2m"]


def test_a_chart_is_valid_svg_with_a_title_and_a_text_alternative() -> None:
    svg = line_chart(
        chart_id="waits",
        title="Waits <by month>",
        description="Waits fall & stay low.",
        x_labels=["Jan", "Feb", "Mar"],
        series=[
            Series("Mechanistic", [3, 4, 5], [2, 3, 4], [4, 5, 6]),
            Series("Relational", [1, 1, 1]),
        ],
    )
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.findtext(f"{ns}title") == "Waits <by month>"
    assert root.findtext(f"{ns}desc") == "Waits fall & stay low."
    lines = root.findall(f"{ns}polyline")
    assert len(lines) == 2
    assert lines[0].get("stroke-dasharray") is None
    assert lines[1].get("stroke-dasharray") == "8 4"
    assert len(root.findall(f"{ns}polygon")) == 1, "only the series with an interval gets a band"


# --- Labels never collide --------------------------------------------------------------------------
# Each label's box is estimated here on its own, generously (0.6 em a character, as Arial's digits and
# most letters are narrower), so the test does not lean on the chart's own arithmetic.

NS = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Box:
    text: str
    left: float
    right: float
    top: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right <= other.left
            or other.right <= self.left
            or self.bottom <= other.top
            or other.bottom <= self.top
        )


def label_boxes(svg: str) -> tuple[float, list[Box]]:
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    width = float(root.get("viewBox", "0 0 0 0").split()[2])
    boxes = []
    for text in root.iter(f"{NS}text"):
        size = float(text.get("font-size", "12"))
        anchor = text.get("text-anchor", "start")
        lines = [(text.get("x", "0"), "0", text.text or "")]
        lines += [(t.get("x", "0"), t.get("dy", "0"), t.text or "") for t in text]
        baseline = float(text.get("y", "0"))
        for x, dy, words in lines:
            baseline += float(dy)
            if not words.strip():
                continue
            w = 0.6 * size * len(words)
            left = {"start": float(x), "middle": float(x) - w / 2, "end": float(x) - w}[anchor]
            boxes.append(Box(words, left, left + w, baseline - 0.8 * size, baseline + 0.2 * size))
    return width, boxes


def collisions(svg: str) -> list[str]:
    width, boxes = label_boxes(svg)
    problems = [f"{b.text!r} runs off the chart" for b in boxes if b.left < 0 or b.right > width]
    for i, a in enumerate(boxes):
        problems += [f"{a.text!r} overlaps {b.text!r}" for b in boxes[i + 1 :] if a.overlaps(b)]
    return problems


def months(start: dt.date, count: int) -> list[str]:
    return [
        f"{dt.date(start.year + (start.month - 1 + k) // 12, (start.month - 1 + k) % 12 + 1, 1):%b %Y}"
        for k in range(count)
    ]


def chart(labels: list[str], every: int) -> str:
    return line_chart(
        chart_id="c",
        title="t",
        description="d",
        x_labels=labels,
        series=[Series("s", [float(k % 7) for k in range(len(labels))])],
        label_every=every,
    )


@pytest.mark.parametrize(
    ("labels", "every"),
    [
        # 14 quarters, a label every second one: the last quarter's label fell on the one before it
        ([f"{2023 + (q + 1) // 4} Q{(q + 1) % 4 + 1}" for q in range(14)], 2),
        # 65 months, a label every tenth: the last month's fell on the 60th's
        (months(dt.date(2021, 1, 1), 65), 10),
        # 11 months, a label on each: too many to fit side by side
        (months(dt.date(2025, 1, 1), 11), 1),
        # 15 years of months, labelled each year
        ([f"Year {m // 12 + 1}" for m in range(180)], 12),
    ],
)
def test_x_axis_labels_are_thinned_so_none_overlap(labels: list[str], every: int) -> None:
    svg = chart(labels, every)
    assert collisions(svg) == []
    _, boxes = label_boxes(svg)
    shown = [b.text for b in boxes if b.text in labels]
    assert (shown[0], shown[-1]) == (labels[0], labels[-1])  # the ends are always labelled


def test_the_last_month_is_not_labelled_again_with_the_same_words() -> None:
    # Five years of months labelled "Year 1"... "Year 5": the 60th month is in year 5 too
    labels = [f"Year {m // 12 + 1}" for m in range(60)]
    _, boxes = label_boxes(chart(labels, 12))
    shown = [b.text for b in boxes if b.text.startswith("Year")]
    assert shown == ["Year 1", "Year 2", "Year 3", "Year 4", "Year 5"]


def test_a_long_group_name_in_a_bar_chart_wraps_and_stays_on_the_chart() -> None:
    svg = bar_chart(
        chart_id="b",
        title="t",
        description="d",
        labels=["Any other White background", "People whose ethnic group their GP never recorded"],
        values=[0.4, 1.0],
        low=[0.3, 0.9],
        high=[0.5, 1.0],
    )
    assert collisions(svg) == []


def test_a_missing_value_leaves_a_gap_in_the_line_and_a_lone_value_is_a_dot() -> None:
    nan = float("nan")
    svg = line_chart(
        chart_id="gaps",
        title="t",
        description="d",
        x_labels=[str(k) for k in range(7)],
        series=[
            Series(
                "s", [3, 4, nan, 5, nan, 6, 7], [2, 3, nan, 4, nan, 5, 6], [4, 5, nan, 6, nan, 7, 8]
            )
        ],
    )
    assert "nan" not in svg
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert len(root.findall(f"{NS}polyline")) == 2  # months 0-1 and 5-6
    assert len(root.findall(f"{NS}circle")) == 1  # month 3, alone between two gaps
    assert len(root.findall(f"{NS}polygon")) == 3  # the band has the same gaps
