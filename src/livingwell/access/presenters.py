"""The access log, as the person and their team read it: a row a page, and the whole log as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils import timezone

from livingwell.access.models import BOARD_LIST, SHARED_LIST, AccessLogEntry
from livingwell.core.presenters import long_date, short_datetime, short_time

# Where a look at a list showed the name, in the words of the access log page.
LIST_WORDS = {
    BOARD_LIST: "name and introduction on the team board",
    SHARED_LIST: "name on a list of plans shared with them",
}


@dataclass(frozen=True)
class LogRow:
    """One line of the access log page."""

    when: str
    who: str
    what: str
    why: str


def log_row(entry: AccessLogEntry, *, own: bool, me: int | None) -> LogRow:
    """An entry in plain words. Looks at a list are counted by the day: "Saw your name on the team
    board 12 times on 1 December 2026 (last at 4:40pm)"."""
    who = "You" if own and entry.actor_id is not None and entry.actor_id == me else ""
    if entry.list_day is not None:
        shown = LIST_WORDS.get(entry.what)
        what = (
            f"Saw {'your' if own else 'their'} {shown}"
            if shown
            else f"{entry.get_action_display()} {entry.what}"
        )
        if entry.count > 1:
            what += f" {entry.count:,} times on {long_date(entry.list_day)}"
            if entry.last_at is not None:
                what += f" (last at {short_time(entry.last_at)})"
    else:
        what = f"{entry.get_action_display()} {entry.what}"
    return LogRow(
        when=short_datetime(entry.at),
        who=who or entry.actor_description,
        what=what,
        why=entry.why,
    )


CSV_HEADER = ["When", "Who", "What they did", "What", "Why", "How many times", "Last time"]


class _Line:
    """csv.writer writes into this, and each row comes straight back as a string."""

    def write(self, value: str) -> str:
        return value


def _cell(value: str) -> str:
    # A spreadsheet runs a cell that starts like a formula: the names in the log are typed by people.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _iso(value: object) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(sep=" ", timespec="seconds")  # type: ignore[arg-type]


def access_log_csv(entries: Iterable[AccessLogEntry]) -> Iterator[str]:
    """The whole access log as CSV, a line at a time, for a download that streams."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(CSV_HEADER)  # the mark tells spreadsheets it is UTF-8
    for e in entries:
        yield writer.writerow(
            [
                _iso(e.at),
                _cell(e.actor_description),
                e.get_action_display(),
                _cell(e.what),
                _cell(e.why),
                str(e.count),
                _iso(e.last_at),
            ]
        )
