from __future__ import annotations

import xml.etree.ElementTree as ET

from livingwell.analytics.charts import Series, line_chart, nice_ceiling, short_number


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
