"""How the simulator page shows a comparison: key figures with intervals, and monthly charts with tables."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from livingwell.analytics.charts import Series, legend, line_chart
from livingwell.simulation.results import Comparison, Interval, Results


def count(value: float) -> str:
    return f"{value:,.0f}"


def pounds(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"£{value / 1_000_000:,.1f}m"
    return f"£{value:,.0f}"


def weeks(value: float) -> str:
    return f"{value:.1f} weeks"


def share(value: float) -> str:
    return f"{value:.0%}"


def ratio(value: float) -> str:
    return f"{value:.2f}"


def interval_text(interval: Interval, fmt: Callable[[float], str], *, signed: bool = False) -> str:
    if math.isnan(interval.mean):
        return "No figure"

    def show(value: float) -> str:
        if not signed:
            return fmt(value)
        # A true minus sign (U+2212) reads better than a hyphen; a plus sign for increases.
        sign = "\u2212" if value < 0 else "+" if value > 0 else ""
        return sign + fmt(abs(value))

    return f"{show(interval.mean)} ({show(interval.low)} to {show(interval.high)})"


# The figures a Collaborative asks about first, in the order they read them.
KEY_FIGURES: list[tuple[str, str, Callable[[float], str]]] = [
    ("asked", "People who asked for help", count),
    ("helped", "People helped (entered a service)", count),
    ("people_turned_back", "People turned back at least once", count),
    ("bounces_per_person_asked", "Times bounced back, per person who asked", ratio),
    ("wait_median", "Wait for support: median", weeks),
    ("wait_p90", "Wait for support: 9 in 10 people waited less than", weeks),
    ("unmet_need", "People in need and in no service (average at a month's end)", count),
    ("crisis_contacts", "Crisis contacts", count),
    ("bed_days", "Hospital bed days", count),
    ("cost_primary_care", "Cost: primary care", pounds),
    ("cost_secondary_care", "Cost: secondary care (CMHT)", pounds),
    ("cost_living_well", "Cost: Living Well key workers", pounds),
    ("cost_voluntary_community", "Cost: voluntary and community sector", pounds),
    ("cost_crisis", "Cost: crisis care", pounds),
    ("cost_inpatient", "Cost: hospital beds", pounds),
    ("cost_total", "Cost: all sectors", pounds),
    ("cost_per_person_helped", "Cost per person helped", pounds),
]

CHARTS: list[tuple[str, str, Callable[[float], str]]] = [
    ("asked", "People who asked for help each month", count),
    ("helped", "People helped each month", count),
    ("unmet_need", "People in need and in no service", count),
    ("wait_median", "Median wait for support, in weeks", weeks),
    ("crisis_contacts", "Crisis contacts each month", count),
    ("cost_total", "Cost of all sectors each month", pounds),
]


@dataclass(frozen=True)
class FigureRow:
    label: str
    mechanistic: str
    relational: str
    difference: str


def figure_rows(comparison: Comparison) -> list[FigureRow]:
    difference = comparison.difference
    return [
        FigureRow(
            label=label,
            mechanistic=interval_text(comparison.mechanistic.total(measure), fmt),
            relational=interval_text(comparison.relational.total(measure), fmt),
            difference=interval_text(difference.total(measure), fmt, signed=True),
        )
        for measure, label, fmt in KEY_FIGURES
    ]


def month_label(month: int) -> str:
    return f"Year {month // 12 + 1}, month {month % 12 + 1}"


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    svg: str
    description: str
    legend: list[dict[str, str]]
    rows: list[tuple[str, str, str]]


def _series(results: Results, measure: str, name: str) -> Series:
    mean, low, high = results.monthly_interval(measure)
    return Series(name, mean.tolist(), low.tolist(), high.tolist())


def describe(
    title: str, mechanistic: Series, relational: Series, fmt: Callable[[float], str]
) -> str:
    """The chart in words, for people who cannot or would rather not read the picture."""
    if not mechanistic.values:
        return f"{title}: no months to show."
    first, last = 0, len(mechanistic.values) - 1
    lower = sum(r < m for r, m in zip(relational.values, mechanistic.values, strict=True))
    return (
        f"{title}. In the first month: mechanistic {fmt(mechanistic.values[first])}, relational "
        f"{fmt(relational.values[first])}. In the last month: mechanistic {fmt(mechanistic.values[last])}, "
        f"relational {fmt(relational.values[last])}. The relational system is lower in {lower} of "
        f"{last + 1} months."
    )


def charts(comparison: Comparison) -> list[Chart]:
    built = []
    months = comparison.mechanistic.months
    labels = [f"Year {m // 12 + 1}" for m in range(months)]
    for measure, title, fmt in CHARTS:
        mechanistic = _series(comparison.mechanistic, measure, "Mechanistic")
        relational = _series(comparison.relational, measure, "Relational (Living Well)")
        clean = [
            Series(
                s.name,
                [0.0 if math.isnan(v) else v for v in s.values],
                [0.0 if math.isnan(v) else v for v in s.low or ()],
                [0.0 if math.isnan(v) else v for v in s.high or ()],
            )
            for s in (mechanistic, relational)
        ]
        description = describe(title, mechanistic, relational, fmt)
        built.append(
            Chart(
                chart_id=f"chart-{measure}",
                title=title,
                svg=line_chart(
                    chart_id=f"chart-{measure}",
                    title=title,
                    description=description,
                    x_labels=labels,
                    series=clean,
                ),
                description=description,
                legend=legend(clean),
                rows=[
                    (month_label(m), fmt(mechanistic.values[m]), fmt(relational.values[m]))
                    for m in range(months)
                ],
            )
        )
    return built
