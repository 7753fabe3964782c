"""Checking an extract as read: the cells of each table, its keys, its rows, and the links between
tables. Every check is a Polars expression, join or anti-join over whole columns."""

from __future__ import annotations

from functools import partial

import polars as pl

from livingwell.analytics.extract.contract import INSTRUMENTS, LINKS
from livingwell.analytics.extract.problems import KEPT_PER_KIND, Found, Loaded, listed

# --- Checks within a table ------------------------------------------------------------------------


def check_cells(loaded: Loaded, found: Found) -> None:
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


def check_keys_unique(loaded: Loaded, found: Found) -> None:
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


def check_rows(loaded: dict[str, Loaded], found: Found) -> None:
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


def check_links(loaded: dict[str, Loaded], found: Found) -> None:
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


def _check_items(items: Loaded, measures: Loaded, found: Found) -> None:
    """One join of the items with their measures finds items of no measure, item numbers the
    instrument does not have, responses off its scale, a "do you need more help?" answer to an
    instrument that does not ask it, and an item given twice in a measure."""
    scales = pl.DataFrame(
        {
            "instrument": list(INSTRUMENTS),
            "__items": [scale.items for scale in INSTRUMENTS.values()],
            "__low": [scale.low for scale in INSTRUMENTS.values()],
            "__high": [scale.high for scale in INSTRUMENTS.values()],
            "__asks_more_help": [scale.asks_more_help for scale in INSTRUMENTS.values()],
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
    more_help = pl.col("need_more_help")
    item_outside = item.is_not_null() & size.is_not_null() & ((item < 1) | (item > size))
    checked = (
        items.frame.lazy()
        .select("measure_key", "item", "value", "need_more_help")
        .join(instrument.lazy(), on="measure_key", how="left", maintain_order="left")
        .select(
            (pl.col("__m").is_null() & pl.col("measure_key").is_not_null()).alias("dangling"),
            item_outside.fill_null(False).alias("item_outside"),
            (
                value.is_not_null()
                & pl.col("__low").is_not_null()
                & ((value < pl.col("__low")) | (value > pl.col("__high")))
            ).alias("value_outside"),
            (more_help.is_not_null() & ~pl.col("__asks_more_help"))
            .fill_null(False)
            .alias("unasked"),
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
    if items.usable("need_more_help"):
        asking = listed(sorted(name for name, scale in INSTRUMENTS.items() if scale.asks_more_help))
        items.report(
            found,
            checked["unasked"],
            "need_more_help",
            "more help",
            pl.format(
                'is {}, but measure "{}" is {}, and only {} asks "do you need more help with '
                'this?": leave the cell empty',
                more_help.cast(pl.String),
                pl.col("measure_key"),
                pl.col("instrument"),
                pl.lit(asking),
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
