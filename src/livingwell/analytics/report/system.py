"""The wider system: warm introductions made to other organisations, and the open books (budget
and spend by sector)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from livingwell.analytics.extract import Extract
from livingwell.analytics.report.figures import (
    ORGANISATION_KINDS,
    SECTORS,
    Figure,
    Section,
    amount,
    proportion,
)

UPSTREAM_SECTORS = ("nhs-primary-care", "voluntary-community")


# --- Warm introductions ---------------------------------------------------------------------------


def warm_introductions(
    extract: Extract, start: dt.date, end: dt.date
) -> tuple[Section, pl.DataFrame]:
    made = extract.introductions_out
    section = Section(
        "warm_introductions",
        "Warm introductions to the network",
        "Introductions the team made with a person to another organisation, and how many landed (the "
        "person and the organisation both said it worked). Ones still open are shown, not counted as "
        "failures.",
    )
    for kind, words in {"all": "all organisations", **ORGANISATION_KINDS}.items():
        rows = made if kind == "all" else made.filter(pl.col("organisation_kind") == kind)
        if rows.height == 0:
            continue
        people = rows.select(pl.col("person_key").n_unique()).item()
        landed = rows.filter(pl.col("outcome") == "landed").height
        still_open = rows.filter(pl.col("outcome") == "open").height
        section.figures += [
            amount(
                f"warm.{kind}.made",
                f"Warm introductions made: {words}",
                rows.height,
                "introductions",
                people=people,
                count=rows.height,
                group={"kind": kind},
            ),
            proportion(
                f"warm.{kind}.landed",
                f"Landed: {words}",
                landed,
                rows.height,
                people=people,
                group={"kind": kind},
                completeness=f"{still_open:,} are still open and count as not landed yet.",
            ),
        ]
    quarters = (
        made.filter(pl.col("made_on").is_between(start, end))
        .with_columns(pl.col("made_on").dt.truncate("1q").alias("quarter"))
        .group_by("quarter")
        .agg(
            pl.len().alias("all"),
            (pl.col("organisation_kind") == "nhs-secondary-care").sum().alias("secondary_care"),
            pl.col("person_key")
            .filter(pl.col("organisation_kind") == "nhs-secondary-care")
            .n_unique()
            .alias("people"),
        )
        .sort("quarter")
    )
    for quarter, total, secondary, people in quarters.iter_rows():
        label = f"{quarter.year} Q{(quarter.month - 1) // 3 + 1}"
        section.figures.append(
            amount(
                f"warm.secondary_care.{label}",
                f"Introductions to NHS secondary care, {label}",
                secondary,
                "introductions",
                people=people,
                count=secondary,
                group={"quarter": label},
                completeness=f"out of {total:,} warm introductions made that quarter",
            )
        )
    return section, quarters


# --- Open books -----------------------------------------------------------------------------------


def _financial_year(year: str) -> tuple[dt.date, dt.date]:
    first = int(year[:4])
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def open_books(extract: Extract) -> Section:
    spend = extract.spend
    section = Section(
        "money",
        "Open books: the money",
        "Budget and spend by organisation and sector for each financial year (April to March), the "
        "share spent upstream (NHS primary care and the voluntary and community sector) against "
        "secondary care, and the cost per person supported.",
    )
    if spend.is_empty():
        section.summary += (
            " This extract holds no budget or spend: the Collaborative's books are not kept with "
            "it yet, so there are no figures here."
        )
    for (year,) in spend.select("financial_year").unique().sort("financial_year").iter_rows():
        rows = spend.filter(pl.col("financial_year") == year)
        total = float(rows["spend_gbp"].sum())
        upstream = float(rows.filter(pl.col("sector").is_in(UPSTREAM_SECTORS))["spend_gbp"].sum())
        secondary = float(rows.filter(pl.col("sector") == "nhs-secondary-care")["spend_gbp"].sum())
        start, end = _financial_year(year)
        people = (
            extract.support_periods.filter(
                (pl.col("started_on") <= end)
                & (pl.col("ended_on").is_null() | (pl.col("ended_on") >= start))
            )
            .select(pl.col("person_key").n_unique())
            .item()
        )
        section.figures += [
            Figure(
                f"money.{year}.budget",
                f"Budget {year}",
                float(rows["budget_gbp"].sum()),
                "GBP",
                group={"financial_year": year},
            ),
            Figure(
                f"money.{year}.spend", f"Spend {year}", total, "GBP", group={"financial_year": year}
            ),
            Figure(
                f"money.{year}.upstream_share",
                f"Share spent upstream, {year}",
                upstream / total if total else None,
                "proportion",
                group={"financial_year": year},
                note="NHS primary care and the voluntary and community sector",
            ),
            Figure(
                f"money.{year}.secondary_share",
                f"Share spent on NHS secondary care, {year}",
                secondary / total if total else None,
                "proportion",
                group={"financial_year": year},
            ),
            amount(
                f"money.{year}.cost_per_person",
                f"Spend per person supported, {year}",
                total / people if people else None,
                "GBP",
                people=people,
                count=people,
                group={"financial_year": year},
                completeness=f"{people:,} people had support open during {year}.",
            ),
        ]
        for organisation, sector, budget, spent in (
            rows.sort("sector", "organisation")
            .select("organisation", "sector", "budget_gbp", "spend_gbp")
            .iter_rows()
        ):
            section.figures.append(
                Figure(
                    f"money.{year}.{organisation}",
                    f"{organisation} ({SECTORS.get(sector, sector)})",
                    float(spent),
                    "GBP",
                    numerator=None,
                    group={"financial_year": year, "organisation": organisation, "sector": sector},
                    note=f"budget £{float(budget):,.0f}",
                )
            )
    return section
