"""The impact report written out: an HTML page, the same page as a PDF, and report.json.

Pure Python (Jinja2, WeasyPrint; no Django), so it runs wherever the extract is. The page is for
partners and people with lived experience as much as for commissioners: plain words, a table behind
every chart, and a text alternative for each chart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from livingwell.analytics.charts import Series, bar_chart, line_chart
from livingwell.analytics.extract import Extract
from livingwell.analytics.report.build import report_json
from livingwell.analytics.report.figures import BREAKDOWNS, SECTORS, Figure, Report, Section
from livingwell.analytics.statistics import SUPPRESS_BELOW

SUPPRESSED = "Not shown (fewer than 5 people)"


def show(figure: Figure) -> str:
    """A figure in words: "47% (41% to 53%)", "1,234", "12 days", "£1,234,567"."""
    if figure.suppressed:
        return SUPPRESSED
    value = figure.value
    if value is None:
        return "No data"
    if figure.unit == "proportion":
        interval = (
            f" ({figure.interval[0]:.0%} to {figure.interval[1]:.0%})" if figure.interval else ""
        )
        return f"{value:.0%}{interval}"
    if figure.unit == "GBP":
        return f"£{value:,.0f}"
    if figure.unit == "days":
        return f"{value:,.0f} days"
    if figure.unit == "points":
        return f"{value:+.1f}"
    if figure.unit == "p":
        return "less than 0.001" if value < 0.001 else f"{value:.3f}"
    if figure.unit == "r":
        return f"{value:+.2f}"
    return f"{value:,.0f}"


def out_of(figure: Figure) -> str:
    if figure.suppressed or figure.denominator is None:
        return ""
    return f"{figure.numerator:,} of {figure.denominator:,}"


@dataclass
class Chart:
    svg: Markup
    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Block:
    """A section as the page shows it: its figures as a table, and any charts."""

    section: Section
    rows: list[dict[str, str]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    pivot: dict[str, Any] | None = None
    extra: dict[str, Any] | None = None


def _figure_rows(figures: list[Figure]) -> list[dict[str, str]]:
    rows, previous = [], ""
    for f in figures:
        complete = f.completeness or f.note
        rows.append(
            {
                "what": f.label,
                "figure": show(f),
                "out_of": out_of(f),
                "people": f"{f.people:,}" if f.people and not f.suppressed else "",
                # Said once for the rows it applies to, not repeated on each.
                "complete": "" if complete == previous else complete,
            }
        )
        previous = complete
    return rows


def _said(count: int, people: int, hidden: str = "not shown") -> str:
    """A count in a chart's words, or hidden's words where the table behind it does not show it."""
    return f"{count:,}" if people == 0 or people >= SUPPRESS_BELOW else hidden


def _monthly_chart(report: Report) -> Chart:
    months = report.monthly["month"].to_list()
    people = report.monthly["people"].to_list()
    shown = [p if p == 0 or p >= SUPPRESS_BELOW else float("nan") for p in people]
    labels = [f"{m:%b %Y}" for m in months]
    highest = max((p for p in people), default=0)
    few = f"fewer than {SUPPRESS_BELOW}"
    description = (
        f"A line chart of people supported each month from {labels[0]} to {labels[-1]}. "
        f"It starts at {_said(people[0], people[0], few)}, ends at "
        f"{_said(people[-1], people[-1], few)}, and is highest at {_said(highest, highest, few)}."
        if months
        else "No months to show."
    )
    return Chart(
        svg=Markup(  # noqa: S704 - line_chart escapes every text it writes
            line_chart(
                chart_id="chart-supported",
                title="People supported each month",
                description=description,
                x_labels=labels,
                series=[Series("People supported", shown)],
                label_every=max(1, len(labels) // 6),
            )
        ),
        caption="People supported each month",
        columns=["Month", "People supported"],
        rows=[
            [label, f"{p:,}" if p == 0 or p >= SUPPRESS_BELOW else SUPPRESSED]
            for label, p in zip(labels, people, strict=True)
        ],
    )


def _secondary_chart(report: Report) -> Chart | None:
    quarters = report.secondary_care
    if quarters.height == 0:
        return None
    labels = [f"{q.year} Q{(q.month - 1) // 3 + 1}" for q in quarters["quarter"].to_list()]
    counts = quarters["secondary_care"].to_list()
    people = quarters["people"].to_list()
    shown = [
        c if p == 0 or p >= SUPPRESS_BELOW else float("nan")
        for c, p in zip(counts, people, strict=True)
    ]
    return Chart(
        svg=Markup(  # noqa: S704 - line_chart escapes every text it writes
            line_chart(
                chart_id="chart-secondary",
                title="Warm introductions to NHS secondary care each quarter",
                description=(
                    f"A line chart of warm introductions to NHS secondary care each quarter, from "
                    f"{labels[0]} ({_said(counts[0], people[0])}) to {labels[-1]} "
                    f"({_said(counts[-1], people[-1])})."
                ),
                x_labels=labels,
                series=[Series("Introductions to secondary care", shown)],
                label_every=max(1, len(labels) // 6),
            )
        ),
        caption="Warm introductions to NHS secondary care each quarter",
        columns=["Quarter", "To secondary care", "All warm introductions"],
        rows=[
            [label, f"{c:,}" if p == 0 or p >= SUPPRESS_BELOW else SUPPRESSED, f"{a:,}"]
            for label, c, p, a in zip(
                labels, counts, people, quarters["all"].to_list(), strict=True
            )
        ],
    )


EQUITY_COLUMNS = {
    "supported": "People supported",
    "goal_progress": "Progress on a goal",
    "improvement": "Reliable improvement",
    "median_wait": "Middle wait",
    "warm_landed": "Warm introductions landed",
}


def _equity_block(section: Section) -> Block:
    groups: dict[str, dict[str, Figure]] = {}
    labels: dict[str, str] = {}
    for figure in section.figures:
        ((_column, value),) = figure.group.items()
        measure = figure.key.rsplit(".", 1)[1]
        measure = "improvement" if measure.endswith("_improvement") else measure
        groups.setdefault(value, {})[measure] = figure
        labels[value] = figure.label.split(":")[0]
    rows = [
        [labels[value], *(show(cells[m]) if m in cells else "" for m in EQUITY_COLUMNS)]
        for value, cells in groups.items()
    ]
    progress = [cells.get("goal_progress") for cells in groups.values()]
    chart = Chart(
        svg=Markup(  # noqa: S704 - bar_chart escapes every text it writes
            bar_chart(
                chart_id=f"chart-{section.key.replace('.', '-')}",
                title=f"Progress on at least one goal, {section.title.lower()}",
                description="Bars show the share of people in each group who made progress on at "
                "least one goal, with lines for the 95% interval. Groups of fewer than 5 people show "
                "a dash.",
                labels=list(labels.values()),
                values=[f.value if f and not f.suppressed else None for f in progress],
                low=[f.interval[0] if f and f.interval else None for f in progress],
                high=[f.interval[1] if f and f.interval else None for f in progress],
            )
        ),
        caption=f"Progress on at least one goal, {section.title.lower()}",
        columns=[],
        rows=[],
    )
    return Block(
        section,
        charts=[chart],
        pivot={"columns": ["Group", *EQUITY_COLUMNS.values()], "rows": rows},
    )


def _money_block(section: Section) -> Block:
    """Open books as two tables: the year's totals, then each organisation's budget and spend."""
    years = sorted({f.group["financial_year"] for f in section.figures})
    by_key = {f.key: f for f in section.figures}
    summary = [
        [
            year,
            show(by_key[f"money.{year}.budget"]),
            show(by_key[f"money.{year}.spend"]),
            show(by_key[f"money.{year}.upstream_share"]),
            show(by_key[f"money.{year}.secondary_share"]),
            show(by_key[f"money.{year}.cost_per_person"]),
        ]
        for year in years
    ]
    organisations: dict[tuple[str, str], dict[str, Figure]] = {}
    for f in section.figures:
        if "organisation" in f.group:
            key = (f.group["sector"], f.group["organisation"])
            organisations.setdefault(key, {})[f.group["financial_year"]] = f
    rows = [
        [f"{name} ({SECTORS.get(sector, sector)})"]
        + [
            f"{show(cells[year])} of {cells[year].note.removeprefix('budget ')}"
            if year in cells
            else ""
            for year in years
        ]
        for (sector, name), cells in sorted(organisations.items())
    ]
    return Block(
        section,
        pivot={
            "columns": [
                "Year",
                "Budget",
                "Spend",
                "Upstream",
                "Secondary care",
                "Per person supported",
            ],
            "rows": summary,
        },
        extra={
            "columns": ["Organisation", *(f"Spent of budget, {y}" for y in years)],
            "rows": rows,
        },
    )


def blocks(report: Report) -> list[Block]:
    result = []
    for section in report.sections:
        if section.key.startswith("equity."):
            result.append(_equity_block(section))
            continue
        if section.key == "money":
            result.append(_money_block(section))
            continue
        block = Block(section)
        if section.key == "supported":
            block.rows = _figure_rows(section.figures[:1])
            block.charts.append(_monthly_chart(report))
        elif section.key == "warm_introductions":
            block.rows = _figure_rows([f for f in section.figures if "secondary_care" not in f.key])
            chart = _secondary_chart(report)
            if chart:
                block.charts.append(chart)
        else:
            block.rows = _figure_rows(section.figures)
        result.append(block)
    return result


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("livingwell.analytics.report", "jinja2"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return env


def render_html(report: Report) -> str:
    css_path = Path(__file__).resolve().parent / "jinja2" / "report.css"
    return (
        environment()
        .get_template("report.jinja")
        .render(
            report=report,
            blocks=blocks(report),
            css=Markup(css_path.read_text()),  # noqa: S704 - our own stylesheet
            suppress_below=SUPPRESS_BELOW,
            breakdowns=BREAKDOWNS,
        )
    )


def write_report(report: Report, extract: Extract, folder: Path) -> dict[str, Path]:
    """Write report.html, report.pdf and report.json into folder; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    html = render_html(report)
    paths = {
        "html": folder / "report.html",
        "pdf": folder / "report.pdf",
        "json": folder / "report.json",
    }
    paths["html"].write_text(html, encoding="utf-8")
    paths["json"].write_text(
        json.dumps(report_json(report, extract), indent=2, ensure_ascii=False, default=str) + "\n",
        encoding="utf-8",
    )
    from weasyprint import HTML  # loads Pango: only when a PDF is wanted

    # Tagged as PDF/UA-1, so a screen reader reads the report as headings, tables and figures.
    HTML(string=html, base_url=str(folder)).write_pdf(paths["pdf"], pdf_variant="pdf/ua-1")
    return paths
