"""The learning extract (`docs/learning-extract.md`): reading one, and refusing a bad one.

The reader reads versions 1 and 2 of the contract (`VERSIONS`); a writer writes version 2
(`VERSION`). Version 2 adds `measure_items.need_more_help` and lists the values of `goals.domain`.

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
| measure_items | measure_key (String), item, value (Int64), need_more_help (Boolean) |
| introductions_out | warm_introduction_key, person_key (String), made_on (Date), organisation_kind (String), landed_on (Date), outcome (String) |
| spend | financial_year, organisation, sector (String), budget_gbp, spend_gbp (Float64) |

The frames are the same whichever version was read: a column that the extract's version does not
have (`need_more_help` in version 1) is there, null throughout, so the report can rely on it.

Money is Float64 pounds (pence allowed as decimals): the report only adds and divides it, and a
float keeps any export's pence. Nulls are missing values; an empty cell (or an empty string in
Parquet) is missing.

Choices the contract leaves open, made here:
- **Unknown columns are refused.** The extract is de-identified by what it leaves out, so a column
  the contract does not name (an NHS number, a postcode, free text) must not travel unnoticed. A
  column is judged by the extract's own version: `need_more_help` in a version 1 extract is refused
  (the message says which version brought it in), and missing from a version 2 extract is a problem,
  as any missing column is (its cells may all be empty).
- A `version` this reader does not read is refused, and the tables are then checked as version 2,
  so that their problems are listed in the same pass.
- Parquet columns may be stored in any integer width, as floats holding whole numbers (NaN is
  missing: how pandas stores a missing integer), or as text in the CSV forms; anything else (a
  datetime for a date, say) is refused for the whole column. CSV cells are read as text and must be
  ISO 8601 dates (YYYY-MM-DD), whole numbers or plain numbers.
- `need_more_help` in CSV is `true` or `false`, in any case (a spreadsheet may write `TRUE`); an
  empty cell is missing, anything else is refused cell by cell. In Parquet it may be a boolean
  column, text in the CSV forms, or **the numbers 1 (true) and 0 (false)**, stored in any of the
  ways a whole number may be (floats with NaN for missing included). Numbers are accepted because
  many databases store and export yes or no that way, and 1 and 0 cannot be misread; any other
  number is refused cell by cell.
- `need_more_help` may be given only on an item of an instrument that asks it (DIALOG:
  `Scale.asks_more_help`); on any other instrument's item it is refused. It may be given for an
  item whose `value` is missing: someone may say they need more help without rating the item.
- `goals.domain` must be one of the plan's life domains (`livingwell.codes.plan.LIFE_DOMAINS`), in
  version 1 too, whose contract did not list them: they are the only values the product has.
- `age_band` is required: the contract has no value for "not stated" (gender and ethnic category do).
- `measure_items` need not hold every item of a measure: a missing row and a missing value are both
  "not answered", for the instrument's own rules on missing items to judge.
- Also refused, beyond the contract's words: a goal whose period belongs to someone else (as for
  measures), and a negative amount of money.
- Keys must be unique: each table's own key, an item within its measure, and a financial year and
  organisation in spend. `goal_scores` has no key: a goal may be scored twice on one day.
- `manifest.json` holds `version`, `site`, `period` (`{"start": ..., "end": ...}`, ISO dates),
  `made_at` (ISO 8601 with a time zone), `made_by`, and `rows` (each table's row count), and no
  other key: like a column, a key the contract does not name is refused.

The package: `contract` (the tables, columns and allowed values, and `Extract`), `problems`
(`Problem`, `ExtractError`), `reading` (`read_extract`) and `checks` (what `read_extract` checks).
"""

from livingwell.analytics.extract.contract import SCHEMA, TABLES, VERSION, VERSIONS, Extract
from livingwell.analytics.extract.problems import ExtractError, Problem
from livingwell.analytics.extract.reading import read_extract

__all__ = [
    "SCHEMA",
    "TABLES",
    "VERSION",
    "VERSIONS",
    "Extract",
    "ExtractError",
    "Problem",
    "read_extract",
]
