"""What is wrong with an extract: each `Problem`, and `ExtractError` listing them all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import polars as pl

from livingwell.analytics.extract.contract import Table

# `ExtractError.problems` keeps every problem up to MAX_PROBLEMS, but at most KEPT_PER_KIND of any
# one kind, so that one widespread mistake does not hide the others; `str()` lists LISTED_PER_KIND
# of each kind and counts the rest.
MAX_PROBLEMS = 10_000
KEPT_PER_KIND = 1_000
LISTED_PER_KIND = 50


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


def listed(words: Sequence[str]) -> str:
    """Words listed as a sentence lists them, for a message: "a, b and c"."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _kind_of(problem: Problem) -> str:
    return problem.kind or f"{problem.file}|{problem.column}|{problem.message}"


class Found:
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
class Loaded:
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
        found: Found,
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
