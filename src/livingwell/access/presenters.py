"""The access log, as the person and their team read it: a row a page, and the whole log as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from livingwell.access.models import (
    BOARD_LIST,
    MY_PEOPLE_LIST,
    SEARCH_LIST,
    SHARED_LIST,
    AccessLogEntry,
)
from livingwell.codes.record import AccessAction
from livingwell.core.presenters import long_date, short_time

# Where a look at a list showed the name, in the words of the access log page.
LIST_WORDS = {
    BOARD_LIST: "name and introduction on the team board",
    SHARED_LIST: "name on a list of plans shared with them",
    MY_PEOPLE_LIST: "name on the key worker's list of the people they support",
    SEARCH_LIST: "name in the results of a search",
}


@dataclass(frozen=True)
class LogRow:
    """One line of the access log page."""

    when: str
    who: str
    what: str
    why: str


THIRD_PERSON = re.compile(r"\b(their|they|them|themself|themselves)\b")
SECOND_PERSON = {
    "their": "your",
    "they": "you",
    "them": "you",
    "themself": "yourself",
    "themselves": "yourself",
}


def to_you(words: str) -> str:
    """The log is written about the person ("their plan"); the person reads it about themself."""
    return THIRD_PERSON.sub(lambda m: SECOND_PERSON[m.group(1)], words)


def _day_words(day: dt.date) -> tuple[str, str]:
    """How a day reads on its own ("Today") and after a count ("4 times today")."""
    today = timezone.localdate()
    if day == today:
        return "Today", "today"
    if day == today - dt.timedelta(days=1):
        return "Yesterday", "yesterday"
    return long_date(day), f"on {long_date(day)}"


def group_row(
    group: Mapping[str, Any], *, own: bool, me: int | None, key_worker: int | None = None
) -> LogRow:
    """A group of entries (access.log.groups_about) in plain words: "Looked at your plan 4 times
    today (first at 9:02am, last at 4:40pm)". `key_worker` is the user id of the person's key worker,
    whose looks the person is told are their key worker's."""
    actor = group["actor_id"]
    if own and actor is not None and actor == me:
        who = "You"
    elif own and actor is not None and actor == key_worker:
        who = f"{group['actor_description']} (your key worker)"
    else:
        who = group["actor_description"]
    shown = LIST_WORDS.get(group["what"])
    if shown:
        what = f"Saw {'your' if own else 'their'} {shown}"
    else:
        words = f"{AccessAction(group['action']).label} {group['what']}"
        what = to_you(words) if own else words
    label, after_count = _day_words(group["day"])
    times: int = group["times"]
    if times > 1:
        first, last = short_time(group["first"]), short_time(group["last"])
        at = f"last at {last}" if first == last else f"first at {first}, last at {last}"
        what += f" {times:,} times {after_count} ({at})"
    return LogRow(
        when=f"{label} at {short_time(group['last'])}",
        who=who,
        what=what,
        # A reason is written by whoever looked; "their" in it is always the person's own.
        why=re.sub(r"\btheir\b", "your", group["why"]) if own else group["why"],
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
