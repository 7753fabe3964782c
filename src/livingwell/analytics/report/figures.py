"""What the report is made of: a `Figure` with what it rests on, a `Section` of them, the
`Report`; and the words the report uses for the extract's coded values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from livingwell.analytics.statistics import (
    suppressed,
    wilson_interval,
)

BREAKDOWNS: dict[str, str] = {
    "age_band": "Age",
    "gender": "Gender",
    "ethnic_category": "Ethnic group",
}
AGE_BANDS = ("16-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
GENDERS = {
    "woman": "Woman",
    "man": "Man",
    "non-binary": "Non-binary",
    "other": "Another gender",
    "not-stated": "Not stated",
}
ETHNIC_GROUPS = {
    "A": "White British",
    "B": "White Irish",
    "C": "Any other White background",
    "D": "White and Black Caribbean",
    "E": "White and Black African",
    "F": "White and Asian",
    "G": "Any other mixed background",
    "H": "Indian",
    "J": "Pakistani",
    "K": "Bangladeshi",
    "L": "Any other Asian background",
    "M": "Caribbean",
    "N": "African",
    "P": "Any other Black background",
    "R": "Chinese",
    "S": "Any other ethnic group",
    "Z": "Not stated",
    "99": "Not known",
}
ORGANISATION_KINDS = {
    "nhs-secondary-care": "NHS secondary care",
    "nhs-primary-care": "NHS primary care",
    "council": "Council",
    "housing": "Housing",
    "welfare-rights": "Welfare rights",
    "employment": "Employment",
    "voluntary-community": "Voluntary and community",
    "community-asset": "Community assets",
    "other": "Other",
}
SECTORS = {
    "nhs-secondary-care": "NHS secondary care",
    "nhs-primary-care": "NHS primary care",
    "social-care": "Social care",
    "voluntary-community": "Voluntary and community sector",
    "other": "Other",
}


@dataclass(frozen=True)
class Figure:
    """One number in the report, with everything needed to judge it."""

    key: str  # stable, for report.json: "goals.progress_one"
    label: str  # in plain words
    value: float | None  # None when suppressed or when there is nothing to count
    unit: str  # "people", "proportion", "days", "points", "GBP", "periods", ...
    numerator: int | None = None
    denominator: int | None = None
    interval: tuple[float, float] | None = None  # 95% Wilson, for proportions
    people: int = 0  # how many people the figure rests on
    completeness: str = ""  # how complete the data behind it is, in words
    group: dict[str, str] = field(default_factory=dict)  # {"age_band": "25-34"} in a breakdown
    suppressed: bool = False
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "interval": list(self.interval) if self.interval else None,
            "people": self.people,
            "completeness": self.completeness,
            "group": self.group,
            "suppressed": self.suppressed,
            "note": self.note,
        }


def _withheld(
    key: str,
    label: str,
    unit: str,
    people: int,
    completeness: str,
    group: dict[str, str] | None,
    note: str,
) -> Figure:
    """A figure that rests on 1 to 4 people: its label and how many, never its value."""
    return Figure(
        key,
        label,
        None,
        unit,
        people=people,
        completeness=completeness,
        group=group or {},
        suppressed=True,
        note=note,
    )


def proportion(
    key: str,
    label: str,
    numerator: int,
    denominator: int,
    *,
    people: int,
    completeness: str = "",
    group: dict[str, str] | None = None,
    note: str = "",
) -> Figure:
    """A proportion with its Wilson interval, suppressed if it rests on 1 to 4 people."""
    if suppressed(people) or suppressed(denominator):
        return _withheld(key, label, "proportion", people, completeness, group, note)
    return Figure(
        key,
        label,
        numerator / denominator if denominator else None,
        "proportion",
        numerator=numerator,
        denominator=denominator,
        interval=wilson_interval(numerator, denominator),
        people=people,
        completeness=completeness,
        group=group or {},
        note=note,
    )


def amount(
    key: str,
    label: str,
    value: float | None,
    unit: str,
    *,
    people: int,
    completeness: str = "",
    group: dict[str, str] | None = None,
    note: str = "",
    count: int | None = None,
) -> Figure:
    """A count, a median or a mean, suppressed if it rests on 1 to 4 people."""
    if suppressed(people):
        return _withheld(key, label, unit, people, completeness, group, note)
    return Figure(
        key,
        label,
        value,
        unit,
        numerator=count,
        people=people,
        completeness=completeness,
        group=group or {},
        note=note,
    )


@dataclass
class Section:
    key: str
    title: str
    summary: str  # what the section shows and how it was worked out, in plain words
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Report:
    site: str
    period_start: dt.date
    period_end: dt.date
    made_by: str
    sections: list[Section]
    monthly: pl.DataFrame  # people supported per month, for the chart and its table
    secondary_care: pl.DataFrame  # warm introductions to secondary care per quarter

    def figures(self) -> list[Figure]:
        return [f for s in self.sections for f in s.figures]


def percent(count: int, total: int) -> str:
    return f"{count:,} of {total:,} ({100 * count / total:.0f}%)" if total else f"{count:,} of 0"
