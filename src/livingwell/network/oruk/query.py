"""The Open Referral UK read API's query parameters, checked: each bad value is named with what to send
instead (the API answers 400 with them all). Plain Python, no Django."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from livingwell.network.geography import postcode_written
from livingwell.network.opening import DAYS

DEFAULT_PER_PAGE = 50
MOST_PER_PAGE = 500
DAY_WORDS = {
    **{d: d for d in DAYS},
    **{
        name: code
        for code, name in zip(
            DAYS,
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
            strict=True,
        )
    },
}


class BadQuery(ValueError):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class FeedQuery:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    search: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    day: str = ""
    postcode: str = ""
    proximity: float | None = None  # metres
    modified_after: dt.datetime | None = None


def _int(value: str, name: str, problems: dict[str, str], *, lowest: int, highest: int) -> int:
    if not re.fullmatch(r"\d{1,9}", value.strip()):
        problems[name] = f"should be a whole number from {lowest} to {highest}, not {value[:20]!r}"
        return lowest
    n = int(value)
    if not lowest <= n <= highest:
        problems[name] = f"should be from {lowest} to {highest}, not {n}"
    return n


def _uuid(value: str, name: str, problems: dict[str, str]) -> uuid.UUID | None:
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        problems[name] = (
            f"should be a UUID, like 3fa85f64-5717-4562-b3fc-2c963f66afa6, not {value[:40]!r}"
        )
        return None


def _number(value: str, name: str, problems: dict[str, str]) -> float | None:
    try:
        n = float(value)
    except ValueError:
        n = -1.0
    if not 0 <= n < 1e7:
        problems[name] = f"should be a number of 0 or more, not {value[:20]!r}"
        return None
    return n


def _time(value: str, name: str, problems: dict[str, str]) -> dt.time | None:
    found = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?", value.strip())
    if not found:
        problems[name] = f"should be a time as HH:MM or HH:MM:SS, like 09:30, not {value[:20]!r}"
        return None
    return dt.time(int(found[1]), int(found[2]), int(found[3] or 0))


def feed_query(params: Mapping[str, str], *, postcodes: bool = False) -> FeedQuery:
    """Check the parameters a list is asked with. Unknown names are left alone (a client may add
    its own); a known name with a bad value is refused."""
    problems: dict[str, str] = {}
    values: dict[str, object] = {}
    if "page" in params:
        values["page"] = _int(params["page"], "page", problems, lowest=1, highest=10**9)
    if "per_page" in params:
        values["per_page"] = _int(
            params["per_page"], "per_page", problems, lowest=1, highest=MOST_PER_PAGE
        )
    if params.get("search", "").strip():
        values["search"] = params["search"].strip()[:200]
    for name in ("taxonomy_term_id", "taxonomy_id", "organization_id"):
        if params.get(name, "").strip():
            values[name] = _uuid(params[name], name, problems)
    for name in ("minimum_age", "maximum_age"):
        if params.get(name, "").strip():
            values[name] = _number(params[name], name, problems)
    for name in ("start_time", "end_time"):
        if params.get(name, "").strip():
            values[name] = _time(params[name], name, problems)
    if params.get("day", "").strip():
        day = DAY_WORDS.get(params["day"].strip().lower()) or DAY_WORDS.get(
            params["day"].strip().upper()
        )
        if day is None:
            problems["day"] = (
                f"should be a day, MO to SU or monday to sunday, not {params['day'][:20]!r}"
            )
        else:
            values["day"] = day
    if params.get("modified_after", "").strip():
        try:
            when = dt.datetime.fromisoformat(
                params["modified_after"].strip().replace("Z", "+00:00")
            )
        except ValueError:
            problems["modified_after"] = (
                "should be a date and time, like 2026-01-31T09:00:00Z, not "
                f"{params['modified_after'][:30]!r}"
            )
        else:
            values["modified_after"] = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    if postcodes:
        if params.get("postcode", "").strip():
            written = postcode_written(params["postcode"])
            if written is None:
                problems["postcode"] = (
                    f"should be a UK postcode, like SW9 8AB, not {params['postcode'][:20]!r}"
                )
            else:
                values["postcode"] = written
        if params.get("proximity", "").strip():
            values["proximity"] = _number(params["proximity"], "proximity", problems)
            if "postcode" not in params:
                problems["proximity"] = "needs a postcode to measure from"
    if problems:
        raise BadQuery(problems)
    return FeedQuery(**values)  # type: ignore[arg-type]
