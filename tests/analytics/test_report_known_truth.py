"""The impact report on an extract whose every answer is worked out by hand in advance.

Twelve people, January to June 2026. The comments next to each table say what the report must find;
the test then checks the report's figures equal those answers exactly (intervals from the Wilson
formula, itself checked against Newcombe's published table in test_statistics.py). The extract is
written twice, as version 1 and as version 2 of the contract (version 2 with DIALOG's "do you need
more help?" answers), and both must give the same figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from livingwell.analytics.extract import read_extract
from livingwell.analytics.report import Figure, build_report, report_json, write_report
from livingwell.analytics.statistics import wilson_interval

PEOPLE = [f"P{n:02d}" for n in range(1, 13)]
START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def spread(total: int, items: int, highest: int) -> list[int]:
    """Item responses that add up to total: as many at the top of the scale as fit, then the rest."""
    values = []
    for _ in range(items):
        values.append(min(highest, total))
        total -= values[-1]
    assert total == 0
    return values


def write(folder: Path, name: str, header: list[str], rows: list[list[Any]]) -> None:
    with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)


@pytest.fixture(scope="module", params=["livingwell-extract/1", "livingwell-extract/2"])
def extract_folder(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Path:
    version: str = request.param
    folder = tmp_path_factory.mktemp("extract")
    tables: dict[str, tuple[list[str], list[list[Any]]]] = {}
    # Ten women aged 25-34 and two men aged 45-54: the men's figures must be suppressed.
    tables["people"] = (
        ["person_key", "age_band", "gender", "ethnic_category"],
        [
            [
                p,
                "25-34" if i < 10 else "45-54",
                "woman" if i < 10 else "man",
                "N" if i < 10 else "A",
            ]
            for i, p in enumerate(PEOPLE)
        ],
    )
    # Waits of 1 to 10 days for ten people: median (nearest rank 5) is 5, the 90th percentile is 9.
    # Two still waiting at 30 June: 10 and 29 days (2 people: suppressed).
    intros: list[list[str | None]] = [
        [
            f"I{i:02d}",
            p,
            (START + dt.timedelta(days=i)).isoformat(),
            "self",
            "web",
            (START + dt.timedelta(days=i + i + 1)).isoformat(),
        ]
        for i, p in enumerate(PEOPLE[:10])
    ]
    intros += [
        ["I10", "P11", "2026-06-20", "gp", "phone", None],
        ["I11", "P12", "2026-06-01", "family-or-friend", "walk-in", None],
    ]
    tables["introductions_in"] = (
        [
            "introduction_key",
            "person_key",
            "received_on",
            "source",
            "channel",
            "first_conversation_on",
        ],
        intros,
    )
    # One period each from 10 January; P01-P06 end on 31 May: 12 people a month to May, 6 in June.
    tables["support_periods"] = (
        ["period_key", "person_key", "started_on", "ended_on", "ending"],
        [
            [f"S{p}", p, "2026-01-10", "2026-05-31" if i < 6 else None, "agreed" if i < 6 else None]
            for i, p in enumerate(PEOPLE)
        ],
    )
    # Goals: P01-P08 goal A 3 -> 6; P01-P04 goal B 5 -> 7; P05-P06 goal B 5 -> 4; P07-P08 goal B
    # scored once; P09-P10 one goal 4 -> 4; P11 one goal scored once; P12 none.
    # Scored twice or more: P01-P10 (10). Progress on one: P01-P08 (8). On two: P01-P04 (4).
    # Movement over the 16 goals scored twice: 8 x 3 + 4 x 2 + 2 x -1 + 2 x 0 = 30, mean 1.875.
    goals, scores = [], []

    def goal(key: str, person: str, values: list[int]) -> None:
        goals.append([key, person, f"S{person}", "housing", "2026-01-15"])
        for n, value in enumerate(values):
            scores.append(
                [key, (dt.date(2026, 2, 1) + dt.timedelta(days=30 * n)).isoformat(), value]
            )

    for i, p in enumerate(PEOPLE[:8]):
        goal(f"GA{p}", p, [3, 6])
        goal(f"GB{p}", p, [5, 7] if i < 4 else [5, 4] if i < 6 else [5])
    goal("GAP09", "P09", [4, 4])
    goal("GAP10", "P10", [4, 4])
    goal("GAP11", "P11", [2])
    tables["goals"] = (["goal_key", "person_key", "period_key", "domain", "set_on"], goals)
    tables["goal_scores"] = (["goal_key", "scored_on", "score"], scores)
    # PHQ-9 and GAD-7, first and last, for P01-P06 (see the expected Talking Therapies outcomes).
    # DIALOG for P01-P06: item 1 goes from 1 to 2, 3, 4, 5, 6, 7; the other items stay at 4.
    phq = {
        "P01": (18, 6),
        "P02": (15, 9),
        "P03": (12, 11),
        "P04": (8, 4),
        "P05": (10, 17),
        "P06": (20, 12),
    }
    gad = {
        "P01": (12, 5),
        "P02": (9, 7),
        "P03": (10, 9),
        "P04": (6, 3),
        "P05": (8, 13),
        "P06": (15, 14),
    }
    measures, items = [], []
    # ReQoL-10 for P03-P12, first (start) and last (review): the change, and whether each is
    # clinical (24 or less). P03 20 -> 25 (+5, recovers), P04 20 -> 24 (+4), P05 30 -> 24 (-6),
    # P06 10 -> 30 (+20, recovers), P07 24 -> 29 (+5, recovers), P08 26 -> 31 (+5, never clinical),
    # P09 15 -> 18 (+3), P10 22 -> 28 (+6, recovers), P11 35 -> 35, P12 28 -> 33 (+5).
    # Reliable at 5 points (NHS England's): improvement 6 of 10 (P03, P06, P07, P08, P10, P12),
    # deterioration 1 of 10 (P05); at the 9.66 of before, improvement would be 1 of 10 (P06).
    # Clinical at the start 6 of 10 (P03, P04, P06, P07, P09, P10); at the end 3 of 10 (P04, P05,
    # P09). Reliable recovery: 4 (P03, P06, P07, P10) of the 6 clinical at the start.
    reqol = {
        "P03": (20, 25),
        "P04": (20, 24),
        "P05": (30, 24),
        "P06": (10, 30),
        "P07": (24, 29),
        "P08": (26, 31),
        "P09": (15, 18),
        "P10": (22, 28),
        "P11": (35, 35),
        "P12": (28, 33),
    }
    for p, (first, last) in reqol.items():
        for when, point, total in (
            ("2026-01-20", "start", first),
            ("2026-05-20", "review", last),
        ):
            key = f"Mreqol10{p}{point}"
            measures.append([key, p, f"S{p}", "reqol10", when, point])
            scored = spread(total, 10, 4)
            # items 1, 3, 6 and 9 are reversed in scoring: their response is 4 minus the score
            given = [4 - s if n in (1, 3, 6, 9) else s for n, s in enumerate(scored, start=1)]
            items += [[key, n, v, None] for n, v in enumerate(given, start=1)]
            items += [[key, 11, 2, None]]  # the physical health item, apart from the total
    for i, p in enumerate(PEOPLE[:6]):
        for when, point, index in (("2026-01-20", "start", 0), ("2026-05-20", "end", 1)):
            for instrument, totals, count, top in (("phq9", phq, 9, 3), ("gad7", gad, 7, 3)):
                key = f"M{instrument}{p}{point}"
                measures.append([key, p, f"S{p}", instrument, when, point])
                items += [
                    [key, n + 1, v, None]
                    for n, v in enumerate(spread(totals[p][index], count, top))
                ]
            # More help with mental health (item 1) is needed at the start and not at the end.
            key = f"Mdialog{p}{point}"
            measures.append([key, p, f"S{p}", "dialog", when, point])
            items += [[key, 1, 1 if index == 0 else 2 + i, "true" if index == 0 else "false"]]
            items += [[key, n, 4, None] for n in range(2, 12)]
    tables["measures"] = (
        ["measure_key", "person_key", "period_key", "instrument", "administered_on", "timepoint"],
        measures,
    )
    item_columns = ["measure_key", "item", "value", "need_more_help"]
    if version == "livingwell-extract/1":  # before need_more_help
        item_columns, items = item_columns[:3], [row[:3] for row in items]
    tables["measure_items"] = (item_columns, items)
    # Warm introductions: 8 to housing by P01-P08 (5 landed, 2 did not, 1 open): 5 of 8.
    # 3 to secondary care by P09-P11, all landed: 3 people, so suppressed.
    out = [
        [
            f"W{p}",
            p,
            "2026-02-01",
            "housing",
            "2026-02-20" if i < 5 else None,
            "landed" if i < 5 else "did-not-land" if i < 7 else "open",
        ]
        for i, p in enumerate(PEOPLE[:8])
    ]
    out += [
        [f"W{p}", p, "2026-03-01", "nhs-secondary-care", "2026-03-10", "landed"]
        for p in PEOPLE[8:11]
    ]
    tables["introductions_out"] = (
        [
            "warm_introduction_key",
            "person_key",
            "made_on",
            "organisation_kind",
            "landed_on",
            "outcome",
        ],
        out,
    )
    # 2025-26: £1,000,000 spent; £400,000 upstream (primary care and voluntary), £600,000 secondary.
    # 12 people had support open in the year: £83,333.33 each.
    tables["spend"] = (
        ["financial_year", "organisation", "sector", "budget_gbp", "spend_gbp"],
        [
            ["2025-26", "Riverside Mental Health Trust", "nhs-secondary-care", 650000, 600000],
            ["2025-26", "Brixton Community Kitchen", "voluntary-community", 300000, 300000],
            ["2025-26", "Hillside Primary Care Network", "nhs-primary-care", 120000, 100000],
        ],
    )
    for name, (header, rows) in tables.items():
        write(folder, name, header, rows)
    (folder / "manifest.json").write_text(json.dumps(manifest(tables, version)))
    return folder


def manifest(tables: dict[str, tuple[list[str], list[list[Any]]]], version: str) -> dict[str, Any]:
    return {
        "version": version,
        "site": "Known truth",
        "period": {"start": START.isoformat(), "end": END.isoformat()},
        "made_at": "2026-07-01T00:00:00+00:00",
        "made_by": "tests/learning/test_report_known_truth.py",
        "rows": {name: len(rows) for name, (_, rows) in tables.items()},
    }


@pytest.fixture(scope="module")
def figures(extract_folder: Path) -> dict[str, Figure]:
    report = build_report(read_extract(extract_folder))
    return {f.key: f for f in report.figures()}


def test_people_supported_each_month(figures: dict[str, Figure]) -> None:
    assert figures["supported.total"].value == 12
    assert [figures[f"supported.month.2026-0{m}"].value for m in range(1, 7)] == [12] * 5 + [6]


def test_waits(figures: dict[str, Figure]) -> None:
    assert figures["waits.median_days"].value == 5
    assert figures["waits.p90_days"].value == 9
    still = figures["waits.still_waiting"]
    assert still.suppressed
    assert still.value is None
    assert still.people == 2


def test_goals(figures: dict[str, Figure]) -> None:
    one, two = figures["goals.progress_one"], figures["goals.progress_two"]
    assert (one.numerator, one.denominator, one.value) == (8, 10, 0.8)
    assert one.interval == wilson_interval(8, 10)
    assert (two.numerator, two.denominator, two.value) == (4, 10, 0.4)
    assert "1 had too few scores" in one.completeness
    movement = figures["goals.mean_movement"]
    assert movement.value == pytest.approx(1.875)
    assert movement.numerator == 16


def test_reliable_change_on_phq9_and_gad7(figures: dict[str, Figure]) -> None:
    phq_better, phq_worse = (
        figures["phq9.reliable_improvement"],
        figures["phq9.reliable_deterioration"],
    )
    assert (phq_better.numerator, phq_better.denominator) == (3, 6)
    assert (phq_worse.numerator, phq_worse.denominator) == (1, 6)
    gad_better = figures["gad7.reliable_improvement"]
    assert (gad_better.numerator, gad_better.denominator) == (1, 6)
    assert figures["phq9.mean_change"].value == pytest.approx((-12 - 6 - 1 - 4 + 7 - 8) / 6)


def test_talking_therapies_outcomes(figures: dict[str, Figure]) -> None:
    recovery = figures["talking_therapies.recovery"]
    assert (recovery.numerator, recovery.denominator) == (2, 5)
    assert recovery.interval == wilson_interval(2, 5)
    reliable_recovery = figures["talking_therapies.reliable_recovery"]
    assert (reliable_recovery.numerator, reliable_recovery.denominator) == (2, 5)
    improvement = figures["talking_therapies.reliable_improvement"]
    assert (improvement.numerator, improvement.denominator) == (3, 6)
    worse = figures["talking_therapies.reliable_deterioration"]
    assert (worse.numerator, worse.denominator) == (1, 6)


def test_dialog_items(figures: dict[str, Figure]) -> None:
    # Differences 1 to 6, all better, no ties: W = 0, exact two-sided p = 2 / 2^6, r = 1.
    assert figures["dialog.item_1.mean_change"].value == 3.5
    assert figures["dialog.item_1.p_value"].value == pytest.approx(2 / 64)
    assert figures["dialog.item_1.rank_biserial"].value == 1
    assert figures["dialog.item_2.mean_change"].value == 0
    assert figures["dialog.item_2.p_value"].value is None


def test_warm_introductions(figures: dict[str, Figure]) -> None:
    housing = figures["warm.housing.landed"]
    assert (housing.numerator, housing.denominator) == (5, 8)
    assert "1 are still open" in housing.completeness
    assert figures["warm.nhs-secondary-care.landed"].suppressed
    assert figures["warm.secondary_care.2026 Q1"].suppressed


def test_who_benefits_is_suppressed_for_small_groups(figures: dict[str, Figure]) -> None:
    women = figures["equity.gender.woman.goal_progress"]
    assert (women.numerator, women.denominator) == (8, 10)
    men = figures["equity.gender.man.supported"]
    assert men.suppressed
    assert men.value is None
    assert figures["equity.age_band.25-34.median_wait"].value == 5


def test_open_books(figures: dict[str, Figure]) -> None:
    assert figures["money.2025-26.spend"].value == 1_000_000
    assert figures["money.2025-26.upstream_share"].value == pytest.approx(0.4)
    assert figures["money.2025-26.secondary_share"].value == pytest.approx(0.6)
    assert figures["money.2025-26.cost_per_person"].value == pytest.approx(1_000_000 / 12)


def test_the_report_is_written_as_html_pdf_and_json(extract_folder: Path, tmp_path: Path) -> None:
    extract = read_extract(extract_folder)
    report = build_report(extract)
    paths = write_report(report, extract, tmp_path)
    html = paths["html"].read_text()
    assert "What difference is Living Well making?" in html
    assert "80% (49% to 94%)" in html  # 8 of 10, with its Wilson interval
    assert "Not shown (fewer than 5 people)" in html
    assert paths["pdf"].read_bytes().startswith(b"%PDF")
    data = json.loads(paths["json"].read_text())
    assert data == json.loads(json.dumps(report_json(report, extract), default=str))
    keys = {f["key"] for f in data["figures"]}
    assert "goals.progress_one" in keys
    assert all(
        {"value", "interval", "numerator", "denominator", "people"} <= f.keys()
        for f in data["figures"]
    )


def test_a_questionnaire_with_no_answers_at_all_is_counted_not_a_crash(
    extract_folder: Path, tmp_path: Path
) -> None:
    import shutil

    folder = tmp_path / "extract"
    shutil.copytree(extract_folder, folder)
    with (folder / "measures.csv").open("a", newline="", encoding="utf-8") as file:
        csv.writer(file).writerow(["Mswemwbs", "P01", "SP01", "swemwbs", "2026-02-01", "start"])
    manifest_data = json.loads((folder / "manifest.json").read_text())
    manifest_data["rows"]["measures"] += 1
    (folder / "manifest.json").write_text(json.dumps(manifest_data))
    report = build_report(read_extract(folder))
    improvement = {f.key: f for f in report.figures()}["swemwbs.reliable_improvement"]
    assert improvement.denominator is None or improvement.denominator == 0
    assert "1 questionnaires had too many items missing" in improvement.completeness


def test_reqol_counts_five_points_and_twenty_four_or_less_as_nhs_england_does(
    figures: dict[str, Figure],
) -> None:
    better, worse = (
        figures["reqol10.reliable_improvement"],
        figures["reqol10.reliable_deterioration"],
    )
    assert (better.numerator, better.denominator) == (6, 10)
    assert (worse.numerator, worse.denominator) == (1, 10)
    at_start, at_end = figures["reqol10.clinical_at_start"], figures["reqol10.clinical_at_end"]
    assert (at_start.numerator, at_start.denominator) == (6, 10)
    assert (at_end.numerator, at_end.denominator) == (3, 10)
    recovery = figures["reqol10.reliable_recovery"]
    assert (recovery.numerator, recovery.denominator) == (4, 6)
    assert recovery.interval == wilson_interval(4, 6)


def test_dialog_items_are_labelled_in_the_published_order_from_the_instrument(
    figures: dict[str, Figure],
) -> None:
    from livingwell.instruments import REGISTRY

    names = REGISTRY["dialog"].item_names
    assert names[5] == "Friendships"  # item 6
    assert names[6] == "Partner or family"  # item 7
    assert figures["dialog.item_6.mean_change"].label.startswith("Friendships:")
    assert figures["dialog.item_7.mean_change"].label.startswith("Partner or family:")


def test_goal_progress_is_given_both_ways(figures: dict[str, Figure]) -> None:
    # Any progress (last above first) and meaningful progress (a rise of 3 points or more, NHS
    # England's threshold): goal A 3 -> 6 is both for P01-P08; goal B 5 -> 7 (P01-P04) only the first.
    one, two = figures["goals.meaningful_one"], figures["goals.meaningful_two"]
    assert (one.numerator, one.denominator) == (8, 10)
    assert (two.numerator, two.denominator) == (0, 10)
    # Goals progressed per person, among the 10 with a goal scored twice: 12 any, 8 meaningful.
    assert figures["goals.progressed_per_person"].value == pytest.approx(1.2)
    assert figures["goals.meaningful_per_person"].value == pytest.approx(0.8)
    assert "3 points or more" in one.label


def test_dialog_per_item_change_holm_and_more_help(
    figures: dict[str, Figure], extract_folder: Path
) -> None:
    # NHS England's per-item figure: a rise of at least 1 point. Item 1: all 6; item 2: none.
    one, two = figures["dialog.item_1.improved_by_one"], figures["dialog.item_2.improved_by_one"]
    assert (one.numerator, one.denominator) == (6, 6)
    assert (two.numerator, two.denominator) == (0, 6)
    # Only item 1 has a test (the others did not change), so Holm over one p-value leaves it as is.
    assert figures["dialog.item_1.p_value_holm"].value == pytest.approx(2 / 64)
    # "Do you need more help?" with mental health: yes for all 6 at the start, for none at the end.
    start, end = figures["dialog.item_1.more_help_start"], figures["dialog.item_1.more_help_end"]
    version = json.loads((extract_folder / "manifest.json").read_text())["version"]
    if version == "livingwell-extract/1":  # not asked in version 1: no figure, and it says so
        assert (start.denominator, start.value) == (0, None)
    else:
        assert (start.numerator, start.denominator) == (6, 6)
        assert (end.numerator, end.denominator) == (0, 6)


def test_the_wilcoxon_test_says_how_it_treats_ties(extract_folder: Path) -> None:
    report = build_report(read_extract(extract_folder))
    dialog = next(s for s in report.sections if s.key == "dialog")
    assert "Tied differences share their average rank" in dialog.summary


def test_the_talking_therapies_figures_say_they_are_not_like_for_like(
    extract_folder: Path,
) -> None:
    report = build_report(read_extract(extract_folder))
    section = next(s for s in report.sections if s.key == "talking_therapies")
    assert "not like-for-like with NHS Talking Therapies" in section.summary
    assert "two or more treatment sessions" in section.summary


def test_completeness_counts_every_period_that_could_have_been_measured(
    figures: dict[str, Figure],
) -> None:
    # Six periods ended (P01-P06) and six are open (P07-P12). PHQ-9: paired for P01-P06.
    # ReQoL-10: paired for P03-P12, so 4 of the 6 ended and all 6 open.
    ended, still = figures["phq9.paired_ended"], figures["phq9.paired_open"]
    assert (ended.numerator, ended.denominator) == (6, 6)
    assert (still.numerator, still.denominator) == (0, 6)
    ended, still = figures["reqol10.paired_ended"], figures["reqol10.paired_open"]
    assert (ended.numerator, ended.denominator) == (4, 6)
    assert (still.numerator, still.denominator) == (6, 6)
