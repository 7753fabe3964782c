"""The whole report: every section from an extract, and report.json."""

from __future__ import annotations

from typing import Any

from livingwell.analytics.extract import Extract
from livingwell.analytics.report.equity import equity
from livingwell.analytics.report.figures import Report, Section
from livingwell.analytics.report.outcomes import (
    dialog_items,
    goal_people,
    goals,
    instruments,
    measure_changes,
    talking_therapies,
)
from livingwell.analytics.report.people import people_supported, report_period, waits
from livingwell.analytics.report.system import open_books, warm_introductions
from livingwell.analytics.statistics import (
    SUPPRESS_BELOW,
)
from livingwell.instruments.gbo import goal_movement_frame

# --- The whole report -----------------------------------------------------------------------------


def build_report(extract: Extract) -> Report:
    start, end = report_period(extract)
    supported, monthly = people_supported(extract, start, end)
    changes = measure_changes(extract)
    warm, quarters = warm_introductions(extract, start, end)
    movement = goal_movement_frame(extract.goal_scores)
    goal_rows = goal_people(extract, movement)
    sections: list[Section | None] = [
        supported,
        waits(extract, end),
        goals(goal_rows, movement),
        *instruments(extract, changes),
        talking_therapies(changes),
        dialog_items(extract),
        warm,
        *equity(extract, start, end, changes, goal_rows),
        open_books(extract),
    ]
    return Report(
        site=str(extract.manifest.get("site", "")),
        period_start=start,
        period_end=end,
        made_by=str(extract.manifest.get("made_by", "")),
        sections=[s for s in sections if s is not None],
        monthly=monthly,
        secondary_care=quarters,
    )


def report_json(report: Report, extract: Extract) -> dict[str, Any]:
    return {
        "report": "livingwell-impact-report/1",
        "site": report.site,
        "period": {"start": report.period_start.isoformat(), "end": report.period_end.isoformat()},
        "extract": extract.manifest,
        "suppress_below": SUPPRESS_BELOW,
        "figures": [f.as_json() for f in report.figures()],
    }
