"""The extract's contract (`docs/learning-extract.md`): its versions, its tables, their columns and
the values each column allows, and `Extract`, the tables of an extract that passed every check.

`SCHEMA` is the newest version, `VERSION`, which writers write. A column says the version that
brought it in (`Column.since`), so `Table.columns_in(version)` gives the columns of an older one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from livingwell.codes.people import ETHNIC_CATEGORIES
from livingwell.codes.plan import LIFE_DOMAINS

VERSIONS = ("livingwell-extract/1", "livingwell-extract/2")  # what the reader reads, oldest first
VERSION = VERSIONS[-1]  # what a writer writes
MANIFEST = "manifest.json"
MANIFEST_KEYS = ("version", "site", "period", "made_at", "made_by", "rows")  # these, and no others
FORMATS = ("parquet", "csv")

# The contract's enumerations.
AGE_BANDS = ("16-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
GENDERS = ("woman", "man", "non-binary", "other", "not-stated")
ETHNIC_CODES = tuple(ETHNIC_CATEGORIES)  # NHS Data Dictionary: A to S (no I, O or Q), Z and 99
SOURCES = ("self", "family-or-friend", "gp", "other-agency")
CHANNELS = ("web", "phone", "walk-in")
ENDINGS = ("agreed", "moved-away", "stopped-coming", "died", "other")
GOAL_DOMAINS = tuple(LIFE_DOMAINS)
TIMEPOINTS = ("start", "review", "end")
ORGANISATION_KINDS = (
    "nhs-secondary-care",
    "nhs-primary-care",
    "council",
    "housing",
    "welfare-rights",
    "employment",
    "voluntary-community",
    "community-asset",
    "other",
)
OUTCOMES = ("landed", "did-not-land", "open")
SECTORS = ("nhs-secondary-care", "nhs-primary-care", "social-care", "voluntary-community", "other")
GOAL_SCALE = (0, 10)


@dataclass(frozen=True, slots=True)
class Scale:
    """An instrument's items, numbered 1 to `items` in its published order, and the responses each
    item allows as given, before any reversal or conversion (`low` to `high`)."""

    items: int
    low: int
    high: int
    asks_more_help: bool = False  # each item also asks "do you need more help with this?"


INSTRUMENTS: dict[str, Scale] = {
    "reqol10": Scale(items=11, low=0, high=4),  # the ten items, then the physical health item as 11
    "swemwbs": Scale(items=7, low=1, high=5),
    # eight life domains, then three treatment aspects
    "dialog": Scale(items=11, low=1, high=7, asks_more_help=True),
    "phq9": Scale(items=9, low=0, high=3),
    "gad7": Scale(items=7, low=0, high=3),
}

TEXT = pl.String()
DATE = pl.Date()
WHOLE = pl.Int64()
MONEY = pl.Float64()
YES_NO = pl.Boolean()
TYPE_WORDS = {
    TEXT: "text",
    DATE: "a date",
    WHOLE: "a whole number",
    MONEY: "a number",
    YES_NO: "true or false",
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: its dtype in an `Extract`, whether a cell may be empty, the values
    it allows (an enumeration, or a range given with the words that say it), and the version of the
    contract that brought it in."""

    name: str
    dtype: pl.DataType
    required: bool = True
    allowed: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    out_of_range: str = ""  # a message with {} for the value, when low or high is set
    since: str = VERSIONS[0]


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # unique in the table

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def columns_in(self, version: str) -> tuple[Column, ...]:
        """The columns this table has in `version` of the contract (one of VERSIONS)."""
        newest = VERSIONS.index(version)
        return tuple(c for c in self.columns if VERSIONS.index(c.since) <= newest)

    @property
    def schema(self) -> pl.Schema:
        return pl.Schema({column.name: column.dtype for column in self.columns})


def _key(name: str) -> Column:
    return Column(name, TEXT)


def _date(name: str, *, required: bool = True) -> Column:
    return Column(name, DATE, required=required)


def _choice(name: str, allowed: tuple[str, ...], *, required: bool = True) -> Column:
    return Column(name, TEXT, required=required, allowed=allowed)


def _money(name: str) -> Column:
    return Column(name, MONEY, low=0, out_of_range="{} is negative: an amount cannot be below 0")


SCHEMA: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "people",
            (
                _key("person_key"),
                _choice("age_band", AGE_BANDS),
                _choice("gender", GENDERS),
                _choice("ethnic_category", ETHNIC_CODES),
            ),
            key=("person_key",),
        ),
        Table(
            "introductions_in",
            (
                _key("introduction_key"),
                _key("person_key"),
                _date("received_on"),
                _choice("source", SOURCES),
                _choice("channel", CHANNELS),
                _date("first_conversation_on", required=False),
            ),
            key=("introduction_key",),
        ),
        Table(
            "support_periods",
            (
                _key("period_key"),
                _key("person_key"),
                _date("started_on"),
                _date("ended_on", required=False),
                _choice("ending", ENDINGS, required=False),
            ),
            key=("period_key",),
        ),
        Table(
            "goals",
            (
                _key("goal_key"),
                _key("person_key"),
                _key("period_key"),
                _choice("domain", GOAL_DOMAINS),
                _date("set_on"),
            ),
            key=("goal_key",),
        ),
        Table(
            "goal_scores",
            (
                _key("goal_key"),
                _date("scored_on"),
                Column(
                    "score",
                    WHOLE,
                    low=GOAL_SCALE[0],
                    high=GOAL_SCALE[1],
                    out_of_range=f"{{}} is outside the scale {GOAL_SCALE[0]} to {GOAL_SCALE[1]}",
                ),
            ),
            key=(),  # a goal may be scored twice on one day
        ),
        Table(
            "measures",
            (
                _key("measure_key"),
                _key("person_key"),
                _key("period_key"),
                _choice("instrument", tuple(INSTRUMENTS)),
                _date("administered_on"),
                _choice("timepoint", TIMEPOINTS),
            ),
            key=("measure_key",),
        ),
        Table(
            "measure_items",
            (
                _key("measure_key"),
                Column("item", WHOLE),
                Column("value", WHOLE, required=False),
                # Only where the instrument asks it (Scale.asks_more_help), checked with the measure.
                Column("need_more_help", YES_NO, required=False, since="livingwell-extract/2"),
            ),
            key=("measure_key", "item"),  # checked with the measure's instrument, below
        ),
        Table(
            "introductions_out",
            (
                _key("warm_introduction_key"),
                _key("person_key"),
                _date("made_on"),
                _choice("organisation_kind", ORGANISATION_KINDS),
                _date("landed_on", required=False),
                _choice("outcome", OUTCOMES),
            ),
            key=("warm_introduction_key",),
        ),
        Table(
            "spend",
            (
                _key("financial_year"),
                _key("organisation"),
                _choice("sector", SECTORS),
                _money("budget_gbp"),
                _money("spend_gbp"),
            ),
            key=("financial_year", "organisation"),
        ),
    )
}
TABLES = tuple(SCHEMA)

# Keys that point at another table: (table, column, the table pointed at, what a row of it is).
LINKS = (
    ("introductions_in", "person_key", "people", "person"),
    ("support_periods", "person_key", "people", "person"),
    ("goals", "person_key", "people", "person"),
    ("goals", "period_key", "support_periods", "period of support"),
    ("goal_scores", "goal_key", "goals", "goal"),
    ("measures", "person_key", "people", "person"),
    ("measures", "period_key", "support_periods", "period of support"),
    ("measure_items", "measure_key", "measures", "measure"),
    ("introductions_out", "person_key", "people", "person"),
)


@dataclass(frozen=True, eq=False)
class Extract:
    """A learning extract that has passed every check: one frame a table, as `SCHEMA` says, whatever
    the version it was read from (a column that version does not have is null throughout)."""

    people: pl.DataFrame
    introductions_in: pl.DataFrame
    support_periods: pl.DataFrame
    goals: pl.DataFrame
    goal_scores: pl.DataFrame
    measures: pl.DataFrame
    measure_items: pl.DataFrame
    introductions_out: pl.DataFrame
    spend: pl.DataFrame
    manifest: dict[str, Any]

    def tables(self) -> dict[str, pl.DataFrame]:
        return {name: getattr(self, name) for name in TABLES}
