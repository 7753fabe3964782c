"""The Collaborative's simulator page: try the levers, see both systems side by side, download the months."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

SMALL = {
    "adults": "20000",
    "years": "2",
    "care_coordinators": "6",
    "key_workers": "5",
    "threshold": "now",
    "replications": "2",
}


@pytest.mark.django_db
def test_the_page_explains_both_systems_before_anything_runs(client: Client) -> None:
    page = client.get(reverse("simulator")).content.decode()
    assert "nobody is turned back" in page
    assert "Run the simulation" in page
    assert "Key figures" not in page


@pytest.mark.django_db
def test_running_it_shows_key_figures_charts_and_their_numbers(client: Client) -> None:
    page = client.get(reverse("simulator"), SMALL).content.decode()
    assert "Key figures for the whole period" in page
    assert "People turned back at least once" in page
    assert page.count('class="lw-chart" role="img"') == 6
    assert page.count("Show the numbers for each month") == 6
    assert "Year 2, month 12" in page


@pytest.mark.django_db
def test_the_relational_system_turns_nobody_back_on_the_page(client: Client) -> None:
    from livingwell.learning.forms import SimulatorForm
    from livingwell.learning.views import _timed_comparison

    form = SimulatorForm(SMALL)
    assert form.is_valid()
    comparison, _ = _timed_comparison(form.parameters(), 2)
    assert comparison.relational.total("people_turned_back").mean == 0
    assert comparison.mechanistic.total("people_turned_back").mean > 0


@pytest.mark.django_db
def test_a_higher_threshold_is_a_lower_acceptance_at_triage() -> None:
    from livingwell.learning.forms import SimulatorForm

    def acceptance(threshold: str) -> tuple[float, ...]:
        form = SimulatorForm({**SMALL, "threshold": threshold})
        assert form.is_valid()
        return form.parameters().triage_acceptance

    assert all(
        h < n < low
        for h, n, low in zip(
            acceptance("higher"), acceptance("now"), acceptance("lower"), strict=True
        )
        if low < 1
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("adults", "lots", "The number of adults must be a whole number from 1,000 to 3,000,000"),
        ("years", "40", "The number of years must be a whole number from 1 to 15"),
        ("replications", "500", "The number of runs must be a whole number from 2 to 20"),
        ("threshold", "sideways", "Choose one of the options"),
    ],
)
def test_bad_numbers_get_the_error_summary_and_keep_what_was_typed(
    client: Client, field: str, value: str, message: str
) -> None:
    page = client.get(reverse("simulator"), {**SMALL, field: value}).content.decode()
    assert "There is a problem" in page
    assert message in page
    assert "Key figures" not in page
    if field != "threshold":
        assert f'value="{value}"' in page


@pytest.mark.django_db
def test_every_month_downloads_as_csv(client: Client) -> None:
    response = client.get(reverse("simulator-csv"), SMALL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert set(rows[0]) == {"month", "measure", "configuration", "mean", "low", "high"}
    assert {r["configuration"] for r in rows} == {"mechanistic", "relational", "difference"}
    assert max(int(r["month"]) for r in rows) == 24


@pytest.mark.django_db
def test_a_bad_csv_request_is_told_what_to_fix(client: Client) -> None:
    response = client.get(reverse("simulator-csv"), {**SMALL, "years": "0"})
    assert response.status_code == 400
    assert "The number of years must be a whole number from 1 to 15" in response.content.decode()


def test_differences_carry_a_sign_and_money_reads_as_pounds() -> None:
    from livingwell.learning.presenters import interval_text, pounds
    from livingwell.simulation.results import Interval

    assert interval_text(Interval(-2_500_000, -3_000_000, -2_000_000), pounds, signed=True) == (
        "\u2212£2.5m (\u2212£3.0m to \u2212£2.0m)"
    )
    assert interval_text(Interval(12, 0, 30), pounds, signed=True) == "+£12 (£0 to +£30)"
    assert interval_text(Interval(float("nan"), 0, 0), pounds) == "No figure"


@pytest.mark.django_db
def test_a_run_too_big_to_wait_for_is_sent_to_the_command_line(client: Client) -> None:
    big = {**SMALL, "adults": "3000000", "years": "15", "replications": "20"}
    page = client.get(reverse("simulator"), big).content.decode()
    assert "That is too big to run while you wait" in page
    assert "livingwell simulate" in page
    assert "Key figures" not in page
