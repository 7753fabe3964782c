"""Reading an extract: manifest.json, then each table from Parquet or CSV, cell by cell to its type.

The manifest's version says which columns each table has. A version this reader does not read is
refused, and the tables are then checked against the newest version, so that the other problems are
still found in the same pass."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import polars as pl

from livingwell.analytics.extract.checks import (
    check_cells,
    check_keys_unique,
    check_links,
    check_rows,
)
from livingwell.analytics.extract.contract import (
    DATE,
    FORMATS,
    MANIFEST,
    MANIFEST_KEYS,
    MONEY,
    SCHEMA,
    TABLES,
    TEXT,
    TYPE_WORDS,
    VERSION,
    VERSIONS,
    WHOLE,
    YES_NO,
    Column,
    Extract,
    Table,
)
from livingwell.analytics.extract.problems import KEPT_PER_KIND, Found, Loaded, Problem, listed


def read_extract(folder: Path, *, prefer: str = "parquet") -> Extract:
    """Read and check the extract in `folder`: every table from Parquet if there is one, else CSV
    (`prefer="csv"` for the other way round). Raises ExtractError with every problem found."""
    if prefer not in FORMATS:
        raise ValueError(f"prefer must be 'parquet' or 'csv', not {prefer!r}.")
    folder = Path(folder)
    found = Found()
    if not folder.is_dir():
        found.add(Problem(str(folder), None, None, "there is no folder here"))
        raise found.error()
    manifest = _read_manifest(folder, found)
    version = manifest.get("version")
    if version not in VERSIONS:
        version = VERSION  # refused already; the tables are checked as the newest version
    loaded: dict[str, Loaded] = {}
    for name, table in SCHEMA.items():
        table_read = _read_table(folder, table, version, prefer, found)
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
        check_cells(table_read, found)
        check_keys_unique(table_read, found)
    check_rows(loaded, found)
    check_links(loaded, found)
    if found.problems:
        raise found.error()
    return Extract(**{name: loaded[name].frame for name in TABLES}, manifest=manifest)


# --- manifest.json --------------------------------------------------------------------------------


def _read_manifest(folder: Path, found: Found) -> dict[str, Any]:
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
    for name in sorted(set(manifest) - set(MANIFEST_KEYS)):
        problem(
            f'"{name}" is not a key of the manifest, which holds only '
            f"{listed(MANIFEST_KEYS)}: take it out"
        )
    readable = listed([f'"{version}"' for version in VERSIONS])
    if "version" not in manifest:
        problem(f'"version" is missing; this reader reads {readable}')
    elif manifest["version"] not in VERSIONS:
        problem(f'"version" is {json.dumps(manifest["version"])}; this reader reads {readable}')
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


def _read_table(
    folder: Path, table: Table, version: str, prefer: str, found: Found
) -> Loaded | None:
    """The table as `version` of the contract has it. A column that version does not have is
    refused if the file has it, and is null throughout in the frame."""
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

    names = {column.name for column in table.columns_in(version)}
    later = {column.name: column.since for column in table.columns if column.name not in names}
    unusable: set[str] = set()
    for name in source:
        original = name.rsplit("_duplicated_", 1)[0]
        if name in names:
            continue
        if original != name and original in names:
            unusable.add(original)  # Polars renames a second column of the same name
            found.add(Problem(file, None, original, "appears more than once in the header"))
            continue
        message = (
            f"is not a column of {table.name} in {version}: a column the contract does not name "
            "is refused, so that nothing leaves a site by accident"
        )
        if name in later:
            message += (
                f". It came in with {later[name]}: if the extract follows that version, say so "
                'in "version" in manifest.json; if not, take the column out'
            )
        found.add(Problem(file, None, name, message))
    exprs: list[pl.Expr] = []
    flags: list[pl.Expr] = []
    for column in table.columns:
        if column.name in later:  # not in this version: null throughout
            exprs.append(pl.lit(None, dtype=column.dtype).alias(column.name))
            continue
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
                    f"{TYPE_WORDS[column.dtype]}",
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

    loaded = Loaded(table, file, frame.select(table.names), unusable)
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
    return TYPE_WORDS.get(dtype, f"{dtype}")


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
        if target == YES_NO:  # in any case, as a spreadsheet may write TRUE
            word = text.str.to_lowercase()
            yes_no = pl.when(word == "true").then(True).when(word == "false").then(False)
            return yes_no, text.is_not_null() & yes_no.is_null()
        number = text.cast(pl.Float64, strict=False)
        finite = number.is_finite().fill_null(False)
        return pl.when(finite).then(number), text.is_not_null() & ~finite
    if source == target and target in (DATE, WHOLE, YES_NO):
        return raw, None
    if target == YES_NO and (source.is_integer() or source.is_float()):
        # 1 and 0, as many databases export yes and no, stored as a whole number may be.
        given = raw.is_not_null() & ~raw.is_nan() if source.is_float() else raw.is_not_null()
        yes_no = pl.when(raw == 1).then(True).when(raw == 0).then(False)
        return yes_no, given & yes_no.is_null()
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
    loaded: Loaded, scan: pl.LazyFrame, column: str, mask: pl.Series, found: Found
) -> None:
    """Each cell that is not of its column's type, quoting it as written."""
    rows = (mask.arg_true().head(KEPT_PER_KIND) + 1).cast(pl.UInt32)
    raw = (
        scan.with_row_index("__row", offset=1)
        .filter(pl.col("__row").is_in(rows.implode()))
        .select("__row", pl.col(column).cast(pl.String))
        .collect()
    )
    words = TYPE_WORDS[loaded.table.schema[column]]
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
