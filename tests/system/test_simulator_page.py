"""The Collaborative tries a scenario on the simulator page in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.system.conftest import (
    fits_every_width,
    open_every_details,
    overlapping_chart_labels,
    serious_accessibility_problems,
)

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


def test_a_collaborative_member_runs_a_scenario_and_reads_the_results(
    page: Page, live_server: object
) -> None:
    # Given the simulator page, with no account
    page.goto(str(live_server) + "/collaborative/simulator/")
    assert serious_accessibility_problems(page) == []

    # When they set a small place and run it
    page.get_by_label("Adults living in your place").fill("20000")
    page.get_by_label("Years to look ahead").fill("2")
    page.get_by_label("How many runs to average").fill("2")
    page.get_by_label("Higher: triage turns more people back").check()
    page.get_by_role("button", name="Run the simulation").click()

    # Then they see the key figures, six charts with text alternatives, and each chart's numbers
    expect(page.get_by_role("table", name="Key figures for the whole period")).to_be_visible()
    expect(page.locator("svg.lw-chart")).to_have_count(6)
    page.get_by_text("Show the numbers for each month").first.click()
    expect(page.get_by_role("cell", name="Year 2, month 12").first).to_be_visible()
    assert serious_accessibility_problems(page) == []


def test_five_years_of_results_fit_a_phone_a_tablet_and_a_desktop(
    page: Page, live_server: object
) -> None:
    # Given the results of a five-year run, with every table of numbers open
    page.goto(
        str(live_server) + "/collaborative/simulator/?adults=20000&years=5&care_coordinators=20"
        "&key_workers=20&threshold=now&replications=2"
    )
    expect(page.locator("svg.lw-chart")).to_have_count(6)
    open_every_details(page)

    # Then no width scrolls the page sideways and axe finds nothing serious
    fits_every_width(page, "simulator-results")
    # The key figures scroll inside their own labelled region when they are wider than the screen
    region = page.get_by_role("region", name="Key figures for the whole period")
    expect(region).to_have_attribute("tabindex", "0")


def test_the_charts_labels_do_not_overlap_at_any_width(page: Page, live_server: object) -> None:
    # Given five years of results, where the last month is in year 5, as the 49th is
    page.goto(
        str(live_server) + "/collaborative/simulator/?adults=20000&years=5&care_coordinators=20"
        "&key_workers=20&threshold=now&replications=2"
    )
    expect(page.locator("svg.lw-chart")).to_have_count(6)
    # Then, as the browser lays them out, no two labels on a chart overlap and none runs off its edge
    for width in (1280, 768, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert overlapping_chart_labels(page) == [], width
    axis = page.locator("#chart-asked-title").locator("xpath=..").locator("text")
    years = [t for t in axis.all_text_contents() if t.startswith("Year")]
    assert years == ["Year 1", "Year 2", "Year 3", "Year 4", "Year 5"]
