"""The impact report, opened from its folder in a real browser, as a partner would open report.html."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.system.conftest import fits_every_width, open_every_details, overlapping_chart_labels

pytestmark = [pytest.mark.system]


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    call_command(
        "synthetic_extract",
        str(folder / "extract"),
        "--people=400",
        "--seed=3",
        stdout=io.StringIO(),
    )
    call_command(
        "report", str(folder / "extract"), "--output", str(folder / "report"), stdout=io.StringIO()
    )
    return folder / "report" / "report.html"


def test_the_report_fits_a_phone_a_tablet_and_a_desktop(page: Page, report_html: Path) -> None:
    # Given report.html opened from its folder, with every table behind a chart open
    page.goto(report_html.as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What difference is Living Well making?"
    )
    open_every_details(page)

    # Then no width scrolls the page sideways and axe finds nothing serious
    fits_every_width(page, "impact-report")
    # Each table scrolls inside its own labelled region, which a keyboard can reach
    tables = page.locator("table")
    regions = page.locator("[role=region][tabindex='0'][aria-label] > table")
    expect(regions).to_have_count(tables.count())


def test_the_reports_chart_labels_do_not_overlap_and_every_line_is_drawn(
    page: Page, report_html: Path
) -> None:
    page.goto(report_html.as_uri())
    for width in (1280, 768, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert overlapping_chart_labels(page) == [], width
    # A quarter with too few people to show leaves a gap in the line; the rest is still drawn
    for chart in ("chart-supported", "chart-secondary"):
        marks = page.locator(f"svg[aria-labelledby^='{chart}-title'] :is(polyline, circle)")
        assert marks.count() >= 1, chart
        for k in range(marks.count()):
            assert "nan" not in (marks.nth(k).get_attribute("points") or ""), chart
