"""The learning extract, version 1 (`shared/LEARNING-EXTRACT.md`): reading one, and refusing a bad one.

`read_extract(folder)` reads `manifest.json` and the nine tables (Parquet where present, else CSV, or
the other way round with `prefer="csv"`), checks them against the contract and returns an `Extract`,
or raises `ExtractError` listing every problem found: the file, the row, the column and what is
wrong, in plain English ("goal_scores.csv row 7, column score: 11 is outside the scale 0 to 10"). All
problems at once, so a site can fix its export in one go.

Pure Python (Polars; no Django), so any site, evaluator or partner can check their own extract. Every
check is a vectorised Polars expression, join or anti-join over whole columns; Python only loops over
the problems found, never over rows.

The frames of an `Extract` have exactly the columns of `SCHEMA`, in its order, with its dtypes:

| table | columns (dtype) |
| --- | --- |
| people | person_key, age_band, gender, ethnic_category (all String) |
| introductions_in | introduction_key, person_key (String), received_on (Date), source, channel (String), first_conversation_on (Date) |
| support_periods | period_key, person_key (String), started_on, ended_on (Date), ending (String) |
| goals | goal_key, person_key, period_key, domain (String), set_on (Date) |
| goal_scores | goal_key (String), scored_on (Date), score (Int64) |
| measures | measure_key, person_key, period_key, instrument (String), administered_on (Date), timepoint (String) |
| measure_items | measure_key (String), item, value (Int64) |
| introductions_out | warm_introduction_key, person_key (String), made_on (Date), organisation_kind (String), landed_on (Date), outcome (String) |
| spend | financial_year, organisation, sector (String), budget_gbp, spend_gbp (Float64) |

Money is Float64 pounds (pence allowed as decimals): the report only adds and divides it, and a
float keeps any export's pence. Nulls are missing values; an empty cell (or an empty string in
Parquet) is missing.

Choices the contract leaves open, made here:
- **Unknown columns are refused.** The extract is de-identified by what it leaves out, so a column
  the contract does not name (an NHS number, a postcode, free text) must not travel unnoticed.
- Parquet columns may be stored in any integer width, as floats holding whole numbers (NaN is
  missing: how pandas stores a missing integer), or as text in the CSV forms; anything else (a
  datetime for a date, say) is refused for the whole column. CSV cells are read as text and must be
  ISO 8601 dates (YYYY-MM-DD), whole numbers or plain numbers.
- `goals.domain` must be one of the plan's life domains (`livingwell.plans.passport.LIFE_DOMAINS`).
- `age_band` is required: the contract has no value for "not stated" (gender and ethnic category do).
- `measure_items` need not hold every item of a measure: a missing row and a missing value are both
  "not answered", for the instrument's own rules on missing items to judge.
- Also refused, beyond the contract's words: a goal whose period belongs to someone else (as for
  measures), and a negative amount of money.
- Keys must be unique: each table's own key, an item within its measure, and a financial year and
  organisation in spend. `goal_scores` has no key: a goal may be scored twice on one day.
- `manifest.json` holds `version`, `site`, `period` (`{"start": ..., "end": ...}`, ISO dates),
  `made_at` (ISO 8601 with a time zone), `made_by`, and `rows` (each table's row count).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl

from livingwell.people.codes import ETHNIC_CATEGORIES
from livingwell.plans.passport import LIFE_DOMAINS

VERSION = "livingwell-extract/1"
MANIFEST = "manifest.json"
FORMATS = ("parquet", "csv")

# `ExtractError.problems` keeps every problem up to MAX_PROBLEMS, but at most KEPT_PER_KIND of any
# one kind, so that one widespread mistake does not hide the others; `str()` lists LISTED_PER_KIND
# of each kind and counts the rest.
MAX_PROBLEMS = 10_000
KEPT_PER_KIND = 1_000
LISTED_PER_KIND = 50

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


INSTRUMENTS: dict[str, Scale] = {
    "reqol10": Scale(items=11, low=0, high=4),  # the ten items, then the physical health item as 11
    "swemwbs": Scale(items=7, low=1, high=5),
    "dialog": Scale(items=11, low=1, high=7),  # eight life domains, then three treatment aspects
    "phq9": Scale(items=9, low=0, high=3),
    "gad7": Scale(items=7, low=0, high=3),
}

TEXT = pl.String()
DATE = pl.Date()
WHOLE = pl.Int64()
MONEY = pl.Float64()
_TYPE_WORDS = {TEXT: "text", DATE: "a date", WHOLE: "a whole number", MONEY: "a number"}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: its dtype in an `Extract`, whether a cell may be empty, and the values
    it allows (an enumeration, or a range given with the words that say it)."""

    name: str
    dtype: pl.DataType
    required: bool = True
    allowed: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    out_of_range: str = ""  # a message with {} for the value, when low or high is set


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # unique in the table

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

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
            (_key("measure_key"), Column("item", WHOLE), Column("value", WHOLE, required=False)),
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
    """A learning extract that has passed every check: one frame a table, as `SCHEMA` says."""

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


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an extract. `row` is the 1-based data row as in the file (the header is
    not counted; a Parquet file's rows are numbered the same way); None for the file or column as a
    whole. `kind` groups problems of one sort, for the listing."""

    file: str
    row: int | None
    column: str | None
    message: str
    kind: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row:,}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class ExtractError(ValueError):
    """An extract that cannot be used, with every problem found.

    `problems` holds them (up to MAX_PROBLEMS, at most KEPT_PER_KIND of a kind); `counts` says how
    many of each kind there were in all, and `total` how many altogether."""

    def __init__(
        self, problems: Sequence[Problem], *, counts: dict[str, int] | None = None
    ) -> None:
        self.problems = tuple(problems)
        if counts is None:
            counts = {}
            for problem in self.problems:
                counts[_kind_of(problem)] = counts.get(_kind_of(problem), 0) + 1
        self.counts = counts
        self.total = sum(counts.values())
        super().__init__(self._listing())

    def _listing(self) -> str:
        noun = "problem" if self.total == 1 else "problems"
        lines = [f"The learning extract cannot be used: {self.total:,} {noun}."]
        by_kind: dict[str, list[Problem]] = {}
        for problem in self.problems:
            by_kind.setdefault(_kind_of(problem), []).append(problem)
        for kind, problems in by_kind.items():
            lines += [f"- {problem}" for problem in problems[:LISTED_PER_KIND]]
            more = self.counts.get(kind, len(problems)) - min(len(problems), LISTED_PER_KIND)
            if more > 0:
                where = problems[0].file
                if problems[0].column:
                    where += f", column {problems[0].column}"
                lines.append(f"- ... and {more:,} more like these in {where}")
        unlisted = sum(count for kind, count in self.counts.items() if kind not in by_kind)
        if unlisted:
            lines.append(f"- ... and {unlisted:,} more, of other kinds, beyond the first kept")
        return "\n".join(lines)


def _kind_of(problem: Problem) -> str:
    return problem.kind or f"{problem.file}|{problem.column}|{problem.message}"


class _Found:
    """The problems found so far, kept as ExtractError keeps them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.counts: dict[str, int] = {}

    def add(self, problem: Problem) -> None:
        self.record(_kind_of(problem), 1, [problem])

    def record(self, kind: str, count: int, problems: Sequence[Problem]) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + count
        room = MAX_PROBLEMS - len(self.problems)
        self.problems.extend(problems[: min(room, KEPT_PER_KIND)])

    def error(self) -> ExtractError:
        return ExtractError(self.problems, counts=self.counts)


@dataclass
class _Loaded:
    """A table as read: its frame has SCHEMA's columns and dtypes (a missing column all null)."""

    table: Table
    file: str
    frame: pl.DataFrame
    unusable: set[str] = field(default_factory=set)  # missing or the wrong type: left unchecked
    unreadable: dict[str, pl.Series] = field(default_factory=dict)  # cells not of the column's type

    def usable(self, *names: str) -> bool:
        return not self.unusable.intersection(names)

    def report(
        self,
        found: _Found,
        mask: pl.Series,
        column: str | None,
        check: str,
        message: pl.Expr,
        *,
        widen: Callable[[pl.DataFrame], pl.DataFrame] | None = None,
    ) -> None:
        """Record a problem for each row where `mask` is true, with `message` worked out on those rows
        (after `widen`, which may join in what the message needs)."""
        count = int(mask.fill_null(False).sum())
        if not count:
            return
        indices = mask.fill_null(False).arg_true().head(KEPT_PER_KIND)
        rows = self.frame.select(pl.all().gather(indices))
        if widen is not None:
            rows = widen(rows)
        messages = rows.select(message.alias("message")).to_series().to_list()
        kind = f"{self.file}|{column}|{check}"
        found.record(
            kind,
            count,
            [
                Problem(self.file, int(index) + 1, column, text, kind)
                for index, text in zip(indices.to_list(), messages, strict=True)
            ],
        )


def read_extract(folder: Path, *, prefer: str = "parquet") -> Extract:
    """Read and check the extract in `folder`: every table from Parquet if there is one, else CSV
    (`prefer="csv"` for the other way round). Raises ExtractError with every problem found."""
    if prefer not in FORMATS:
        raise ValueError(f"prefer must be 'parquet' or 'csv', not {prefer!r}.")
    folder = Path(folder)
    found = _Found()
    if not folder.is_dir():
        found.add(Problem(str(folder), None, None, "there is no folder here"))
        raise found.error()
    manifest = _read_manifest(folder, found)
    loaded: dict[str, _Loaded] = {}
    for name, table in SCHEMA.items():
        table_read = _read_table(folder, table, prefer, found)
        if table_read is not None:
            loaded[name] = table_read
    rows = manifest.get("rows")
    if isinstance(rows, dict):
        for name, table_read in loaded.items():
            said = rows.get(name)
            if isinstance(said, int) and said != table_read.frame.height:
                found.add(
                    Problem(
                        MANIFEST,
                        None,
                        None,
                        f"says {name} has {said:,} rows, but {table_read.file} has "
                        f"{table_read.frame.height:,}",
                    )
                )
    for table_read in loaded.values():
        _check_cells(table_read, found)
        _check_keys_unique(table_read, found)
    _check_rows(loaded, found)
    _check_links(loaded, found)
    if found.problems:
        raise found.error()
    return Extract(**{name: loaded[name].frame for name in TABLES}, manifest=manifest)


# --- manifest.json --------------------------------------------------------------------------------


def _read_manifest(folder: Path, found: _Found) -> dict[str, Any]:
    path = folder / MANIFEST

    def problem(message: str) -> None:
        found.add(Problem(MANIFEST, None, None, message))

    if not path.is_file():
        problem("is missing")
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        problem(f"is not valid JSON in UTF-8 ({error})")
        return {}
    if not isinstance(manifest, dict):
        problem("should hold a JSON object")
        return {}
    if manifest.get("version") != VERSION:
        problem(
            f'"version" is {json.dumps(manifest.get("version"))}; this reader reads "{VERSION}"'
        )
    for name in ("site", "made_by"):
        if not isinstance(manifest.get(name), str) or not manifest[name].strip():
            problem(f'"{name}" should be a piece of text, and is missing or empty')
    period = manifest.get("period")
    if not isinstance(period, dict):
        problem('"period" should be {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}')
    else:
        dates = {}
        for name in ("start", "end"):
            try:
                dates[name] = dt.date.fromisoformat(str(period.get(name)))
            except ValueError:
                problem(f'"period" "{name}" should be a date in the form YYYY-MM-DD')
        if len(dates) == 2 and dates["end"] < dates["start"]:
            problem(f"the period ends ({dates['end']}) before it starts ({dates['start']})")
    try:
        made_at = dt.datetime.fromisoformat(str(manifest.get("made_at")))
        if made_at.tzinfo is None:
            problem('"made_at" should say its time zone, as in 2026-04-01T09:00:00+01:00')
    except ValueError:
        problem('"made_at" should be a date and time in ISO 8601, as in 2026-04-01T09:00:00+01:00')
    rows = manifest.get("rows")
    if not isinstance(rows, dict):
        problem('"rows" should give each table\'s row count, as in {"people": 1200, ...}')
    else:
        for name in TABLES:
            count = rows.get(name)
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                problem(f'"rows" should give the row count of {name}')
        for name in sorted(set(rows) - set(TABLES)):
            problem(f'"rows" names {name}, which is not a table of the extract')
    return manifest


# --- Reading a table, and the type of each cell ---------------------------------------------------


def _read_table(folder: Path, table: Table, prefer: str, found: _Found) -> _Loaded | None:
    order = FORMATS if prefer == "parquet" else FORMATS[::-1]
    paths = [folder / f"{table.name}.{suffix}" for suffix in order]
    path = next((p for p in paths if p.is_file()), None)
    if path is None:
        found.add(Problem(paths[0].name, None, None, f"is missing (and so is {paths[1].name})"))
        return None
    file = path.name
    try:
        scan = _scan(path)
        source = scan.collect_schema()
    except (pl.exceptions.PolarsError, OSError) as error:
        found.add(Problem(file, None, None, _unreadable_file(error)))
        return None

    unusable: set[str] = set()
    for name in source:
        original = name.rsplit("_duplicated_", 1)[0]
        if name in table.names:
            continue
        if original != name and original in table.names:
            unusable.add(original)  # Polars renames a second column of the same name
            found.add(Problem(file, None, original, "appears more than once in the header"))
        else:
            found.add(
                Problem(
                    file,
                    None,
                    name,
                    f"is not a column of {table.name} in {VERSION}: a column the contract does "
                    "not name is refused, so that nothing leaves a site by accident",
                )
            )
    exprs: list[pl.Expr] = []
    flags: list[pl.Expr] = []
    for column in table.columns:
        if column.name not in source:
            found.add(Problem(file, None, column.name, "is missing"))
            unusable.add(column.name)
            exprs.append(pl.lit(None, dtype=column.dtype).alias(column.name))
            continue
        typed = _typed(column, source[column.name])
        if typed is None:
            found.add(
                Problem(
                    file,
                    None,
                    column.name,
                    f"is stored as {_stored_as(source[column.name])}; it should be "
                    f"{_TYPE_WORDS[column.dtype]}",
                )
            )
            unusable.add(column.name)
            exprs.append(pl.lit(None, dtype=column.dtype).alias(column.name))
            continue
        value, bad = typed
        exprs.append(value.alias(column.name))
        if bad is not None:
            flags.append(bad.fill_null(False).alias(f"__bad_{column.name}"))
    try:
        frame = scan.select(*exprs, *flags).collect(engine="streaming")
    except (pl.exceptions.PolarsError, OSError) as error:
        found.add(Problem(file, None, None, _unreadable_file(error)))
        return None

    loaded = _Loaded(table, file, frame.select(table.names), unusable)
    for flag in flags:
        name = flag.meta.output_name()
        mask = frame[name]
        column_name = name.removeprefix("__bad_")
        if mask.any():
            loaded.unreadable[column_name] = mask
            _report_unreadable(loaded, scan, column_name, mask, found)
    return loaded


def _scan(path: Path) -> pl.LazyFrame:
    if path.suffix == ".csv":
        # Every cell as text, so that a cell of the wrong type is reported, not guessed at.
        return pl.scan_csv(path, infer_schema=False, encoding="utf8")
    return pl.scan_parquet(path)


def _stored_as(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Datetime):
        return "a date and time"
    if isinstance(dtype, pl.Boolean):
        return "true or false"
    if dtype.is_integer():
        return "a whole number"
    if dtype.is_float():
        return "a number"
    return _TYPE_WORDS.get(dtype, f"{dtype}")


def _unreadable_file(error: BaseException) -> str:
    said = (str(error).strip().splitlines() or [type(error).__name__])[0]
    for words, meaning in (
        ("empty CSV", "is empty: it has no header row"),
        ("invalid utf-8", "is not UTF-8 text"),
        ("more fields than defined", "has a row with more cells than the header has columns"),
    ):
        if words in said:
            return meaning
    return f"cannot be read ({said})"


def _typed(column: Column, source: pl.DataType) -> tuple[pl.Expr, pl.Expr | None] | None:
    """The column as its SCHEMA dtype, and a flag of cells that are not of that type (None if no cell
    can fail); None if the column is stored as a type that cannot be read as its own."""
    raw = pl.col(column.name)
    target = column.dtype
    if isinstance(source, pl.Null):
        return pl.lit(None, dtype=target), None
    if isinstance(source, (pl.Categorical, pl.Enum)):
        source, raw = TEXT, raw.cast(pl.String)
    if source == TEXT:
        text = pl.when(raw.str.len_bytes() > 0).then(raw)  # an empty cell is missing
        if target == TEXT:
            return text, None
        if target == DATE:
            parsed = text.str.to_date("%Y-%m-%d", strict=False)
            ok = parsed.is_not_null() & text.str.contains(r"^\d{4}-\d{2}-\d{2}$")
            return pl.when(ok).then(parsed), text.is_not_null() & ~ok.fill_null(False)
        if target == WHOLE:
            whole = text.cast(pl.Int64, strict=False)
            return whole, text.is_not_null() & whole.is_null()
        number = text.cast(pl.Float64, strict=False)
        finite = number.is_finite().fill_null(False)
        return pl.when(finite).then(number), text.is_not_null() & ~finite
    if source == target and target in (DATE, WHOLE):
        return raw, None
    if target == WHOLE and source.is_integer():
        whole = raw.cast(pl.Int64, strict=False)
        return whole, raw.is_not_null() & whole.is_null()
    if target == WHOLE and source.is_float():
        given = raw.is_not_null() & ~raw.is_nan()
        ok = given & (raw == raw.round(0)) & raw.abs().lt(2**62)
        return pl.when(ok).then(raw.cast(pl.Int64, strict=False)), given & ~ok.fill_null(False)
    if target == MONEY and source.is_numeric():
        number = raw.cast(pl.Float64)
        given = number.is_not_null() & ~number.is_nan()
        return pl.when(given & number.is_finite()).then(number), given & number.is_infinite()
    return None


def _report_unreadable(
    loaded: _Loaded, scan: pl.LazyFrame, column: str, mask: pl.Series, found: _Found
) -> None:
    """Each cell that is not of its column's type, quoting it as written."""
    rows = (mask.arg_true().head(KEPT_PER_KIND) + 1).cast(pl.UInt32)
    raw = (
        scan.with_row_index("__row", offset=1)
        .filter(pl.col("__row").is_in(rows.implode()))
        .select("__row", pl.col(column).cast(pl.String))
        .collect()
    )
    words = _TYPE_WORDS[loaded.table.schema[column]]
    if loaded.table.schema[column] == DATE:
        words += " in the form YYYY-MM-DD"
    kind = f"{loaded.file}|{column}|type"
    found.record(
        kind,
        int(mask.sum()),
        [
            Problem(loaded.file, int(row), column, f'"{value}" is not {words}', kind)
            for row, value in raw.iter_rows()
        ],
    )


# --- Checks within a table ------------------------------------------------------------------------


def _check_cells(loaded: _Loaded, found: _Found) -> None:
    """Required cells, enumerations and ranges, column by column."""
    frame = loaded.frame
    for column in loaded.table.columns:
        name = column.name
        if not loaded.usable(name):
            continue
        values = frame[name]
        value = pl.col(name)
        if column.required and values.null_count():
            empty = values.is_null()
            if name in loaded.unreadable:
                empty &= ~loaded.unreadable[name]
            loaded.report(found, empty, name, "empty", pl.lit("is empty, but a value is required"))
        if column.allowed:
            outside = frame.select(value.is_not_null() & ~value.is_in(column.allowed)).to_series()
            loaded.report(
                found,
                outside,
                name,
                "allowed",
                pl.format('"{}" is not one of: {}', value, pl.lit(", ".join(column.allowed))),
            )
        if column.low is not None or column.high is not None:
            low = value < column.low if column.low is not None else pl.lit(False)
            high = value > column.high if column.high is not None else pl.lit(False)
            loaded.report(
                found,
                frame.select(low | high).to_series(),
                name,
                "range",
                pl.format(column.out_of_range, value),
            )
    if loaded.table.name == "spend" and loaded.usable("financial_year"):
        year = pl.col("financial_year")
        first = year.str.slice(0, 4).cast(pl.Int64, strict=False)
        second = year.str.slice(5, 2).cast(pl.Int64, strict=False)
        good = year.str.contains(r"^\d{4}-\d{2}$") & (second == (first + 1) % 100)
        loaded.report(
            found,
            frame.select(year.is_not_null() & ~good.fill_null(False)).to_series(),
            "financial_year",
            "financial year",
            pl.format('"{}" is not a financial year like 2025-26', year),
        )


def _check_keys_unique(loaded: _Loaded, found: _Found) -> None:
    key = list(loaded.table.key)
    if not key or loaded.table.name == "measure_items" or not loaded.usable(*key):
        return
    frame = loaded.frame.select(key).drop_nulls()
    if frame.height == 0 or frame.n_unique() == frame.height:
        return
    indexed = loaded.frame.select(key).with_row_index("__row").drop_nulls()
    firsts = indexed.group_by(key).agg(pl.col("__row").min().alias("__first"))
    repeated = (
        indexed.join(firsts, on=key, how="left", maintain_order="left")
        .filter(pl.col("__row") != pl.col("__first"))
        .select("__row", "__first")
    )
    mask = pl.repeat(False, loaded.frame.height, dtype=pl.Boolean, eager=True)
    mask = mask.scatter(repeated["__row"], True)
    what = pl.concat_str([pl.format('"{}"', pl.col(name)) for name in key], separator=" and ")
    firsts = firsts.with_columns(pl.col("__first") + 1)  # as a row number

    def widen(rows: pl.DataFrame) -> pl.DataFrame:
        return rows.join(firsts, on=key, how="left", maintain_order="left")

    loaded.report(
        found,
        mask,
        " and ".join(key),
        "duplicate",
        pl.format("{} is already on row {}", what, pl.col("__first")),
        widen=widen,
    )


def _check_rows(loaded: dict[str, _Loaded], found: _Found) -> None:
    """Dates in order, and the cells that must be given together."""
    orders = (
        ("introductions_in", "received_on", "first_conversation_on", "the introduction came"),
        ("support_periods", "started_on", "ended_on", "the period started"),
        ("introductions_out", "made_on", "landed_on", "the warm introduction was made"),
    )
    for name, first, then, what in orders:
        table = loaded.get(name)
        if table is None or not table.usable(first, then):
            continue
        table.report(
            found,
            table.frame.select(pl.col(then) < pl.col(first)).to_series(),
            then,
            "order",
            pl.format("{} is before {}, on {}", pl.col(then), pl.lit(what), pl.col(first)),
        )
    periods = loaded.get("support_periods")
    if periods is not None and periods.usable("ended_on", "ending"):
        ended, ending = pl.col("ended_on"), pl.col("ending")
        unreadable = periods.unreadable.get("ended_on")
        no_end = periods.frame.select(ending.is_not_null() & ended.is_null()).to_series()
        if unreadable is not None:
            no_end &= ~unreadable
        periods.report(
            found,
            no_end,
            "ended_on",
            "ended",
            pl.format('is empty, but the period has an ending ("{}")', ending),
        )
        periods.report(
            found,
            periods.frame.select(ended.is_not_null() & ending.is_null()).to_series(),
            "ending",
            "ending",
            pl.format("is empty, but the period ended (on {})", ended),
        )
    out = loaded.get("introductions_out")
    if out is not None and out.usable("landed_on", "outcome"):
        landed_on, outcome = pl.col("landed_on"), pl.col("outcome")
        unreadable = out.unreadable.get("landed_on")
        not_dated = out.frame.select((outcome == "landed") & landed_on.is_null()).to_series()
        if unreadable is not None:
            not_dated &= ~unreadable
        out.report(
            found, not_dated, "landed_on", "landed", pl.lit('is empty, but the outcome is "landed"')
        )
        out.report(
            found,
            out.frame.select(
                landed_on.is_not_null() & outcome.is_not_null() & (outcome != "landed")
            ).to_series(),
            "outcome",
            "outcome",
            pl.format('is "{}", but landed_on says it landed on {}', outcome, landed_on),
        )


# --- Checks across tables -------------------------------------------------------------------------


def _check_links(loaded: dict[str, _Loaded], found: _Found) -> None:
    """Every key points at a row of its table; goals and measures are of their person's period; a
    measure's items are its instrument's, once each, with responses on its scale.

    Each check first looks for any problem with an anti-join (fast), and only then works out which
    rows have it."""
    for name, column, target_name, noun in LINKS:
        table, target = loaded.get(name), loaded.get(target_name)
        if table is None or target is None or not table.usable(column):
            continue
        if not target.usable(column):
            continue
        if name == "measure_items":
            _check_items(table, target, found)
            continue
        nowhere = (
            table.frame.select(column)
            .drop_nulls()
            .join(target.frame.select(column), on=column, how="anti")
            .unique()
        )
        if nowhere.height == 0:
            continue
        value = pl.col(column)
        table.report(
            found,
            table.frame[column].is_in(nowhere[column].implode()),
            column,
            "link",
            pl.format('there is no {} "{}" in {}', pl.lit(noun), value, pl.lit(target.file)),
        )
    periods = loaded.get("support_periods")
    for name in ("goals", "measures"):
        table = loaded.get(name)
        if table is None or periods is None:
            continue
        pair = ("period_key", "person_key")
        if not (table.usable(*pair) and periods.usable(*pair)):
            continue
        owners = (
            periods.frame.select("period_key", pl.col("person_key").alias("__owner"))
            .drop_nulls()
            .unique("period_key", keep="first")
        )
        elsewhere = (
            table.frame.select(pair)
            .drop_nulls()
            .join(periods.frame.select(pair), on=list(pair), how="anti")
            .join(owners, on="period_key", how="semi")  # a period that exists, of someone else
        )
        if elsewhere.height == 0:
            continue
        owner = table.frame.select("period_key").join(
            owners, on="period_key", how="left", maintain_order="left"
        )["__owner"]
        person = table.frame["person_key"]
        table.report(
            found,
            owner.is_not_null() & person.is_not_null() & (owner != person),
            "period_key",
            "owner",
            pl.format(
                'the period "{}" is of person "{}", not of "{}"',
                pl.col("period_key"),
                pl.col("__owner"),
                pl.col("person_key"),
            ),
            widen=partial(_join_left, right=owners, on=["period_key"]),
        )


def _join_left(rows: pl.DataFrame, *, right: pl.DataFrame, on: list[str]) -> pl.DataFrame:
    return rows.join(right, on=on, how="left", maintain_order="left")


def _check_items(items: _Loaded, measures: _Loaded, found: _Found) -> None:
    """One join of the items with their measures finds items of no measure, item numbers the
    instrument does not have, responses off its scale, and an item given twice in a measure."""
    scales = pl.DataFrame(
        {
            "instrument": list(INSTRUMENTS),
            "__items": [scale.items for scale in INSTRUMENTS.values()],
            "__low": [scale.low for scale in INSTRUMENTS.values()],
            "__high": [scale.high for scale in INSTRUMENTS.values()],
        }
    )
    instrument = (
        measures.frame.select("measure_key", "instrument")
        .with_row_index("__m")
        .drop_nulls("measure_key")
        .unique("measure_key", keep="first", maintain_order=True)
        .join(scales, on="instrument", how="left")
    )
    item, value, size = pl.col("item"), pl.col("value"), pl.col("__items")
    item_outside = item.is_not_null() & size.is_not_null() & ((item < 1) | (item > size))
    checked = (
        items.frame.lazy()
        .select("measure_key", "item", "value")
        .join(instrument.lazy(), on="measure_key", how="left", maintain_order="left")
        .select(
            (pl.col("__m").is_null() & pl.col("measure_key").is_not_null()).alias("dangling"),
            item_outside.fill_null(False).alias("item_outside"),
            (
                value.is_not_null()
                & pl.col("__low").is_not_null()
                & ((value < pl.col("__low")) | (value > pl.col("__high")))
            ).alias("value_outside"),
            pl.when(pl.col("__m").is_not_null() & item.is_between(1, 63) & ~item_outside)
            .then(pl.col("__m").cast(pl.Int64) * 64 + item)
            .alias("pair"),
        )
        .collect(engine="streaming")
    )

    def widen(rows: pl.DataFrame) -> pl.DataFrame:
        return rows.join(instrument, on="measure_key", how="left", maintain_order="left")

    items.report(
        found,
        checked["dangling"],
        "measure_key",
        "link",
        pl.format('there is no measure "{}" in {}', pl.col("measure_key"), pl.lit(measures.file)),
    )
    if items.usable("item"):
        items.report(
            found,
            checked["item_outside"],
            "item",
            "item",
            pl.format(
                "{} is not an item of {}, whose items are numbered 1 to {}",
                item,
                pl.col("instrument"),
                size,
            ),
            widen=widen,
        )
    if items.usable("value"):
        items.report(
            found,
            checked["value_outside"],
            "value",
            "value",
            pl.format(
                "{} is outside {}'s scale {} to {}",
                value,
                pl.col("instrument"),
                pl.col("__low"),
                pl.col("__high"),
            ),
            widen=widen,
        )
    pair = checked["pair"]
    given = pair.len() - pair.null_count()
    if not items.usable("item") or given == 0 or pair.drop_nulls().n_unique() == given:
        return
    repeated = pair.is_not_null() & pair.is_duplicated() & ~pair.is_first_distinct()
    firsts = (
        pl.DataFrame({"pair": pair})
        .with_row_index("__row")
        .filter(pl.col("pair").is_duplicated())
        .group_by("pair")
        .agg((pl.col("__row").min() + 1).alias("__first"))
    )
    indices = repeated.arg_true().head(KEPT_PER_KIND)
    extra = pl.DataFrame({"pair": pair.gather(indices)}).join(
        firsts, on="pair", how="left", maintain_order="left"
    )

    def add_first(rows: pl.DataFrame) -> pl.DataFrame:
        return rows.with_columns(extra["__first"])

    items.report(
        found,
        repeated,
        "item",
        "repeated item",
        pl.format(
            'measure "{}" has item {} more than once (first on row {})',
            pl.col("measure_key"),
            item,
            pl.col("__first"),
        ),
        widen=add_first,
    )
