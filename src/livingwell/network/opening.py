"""Opening times, in plain Python (no Django): whether a service is open at a moment, and its times
said the way people say them ("Mondays and Thursdays, 10am to 4pm").

A schedule is Open Referral UK's (iCalendar's recurrence words): WEEKLY on `byday` ("MO,TH") from
`opens_at` to `closes_at`, between `valid_from` and `valid_to` when they are given. Other kinds of
recurrence (monthly, say) are shown in their own words (`description`) and never taken as open now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = dict(
    zip(
        DAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


class ScheduleLike(Protocol):
    freq: str
    byday: str
    opens_at: dt.time | None
    closes_at: dt.time | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    description: str


def day_code(day: dt.date) -> str:
    return DAYS[day.weekday()]


def schedule_days(byday: str) -> list[str]:
    """The days of a `byday`, in week order; a day with a number before it ("1MO", the first
    Monday of a month) is not a weekly day and is left out."""
    given = {part.strip().upper() for part in byday.split(",")}
    return [d for d in DAYS if d in given]


def in_force(schedule: ScheduleLike, day: dt.date) -> bool:
    return (schedule.valid_from is None or schedule.valid_from <= day) and (
        schedule.valid_to is None or day <= schedule.valid_to
    )


def open_at(schedules: Iterable[ScheduleLike], moment: dt.datetime) -> bool:
    """Open at `moment` (local time): a weekly schedule in force that day, on that day, and
    between its opening and closing times."""
    day, time = moment.date(), moment.time()
    for s in schedules:
        if (
            s.freq.upper() == "WEEKLY"
            and s.opens_at is not None
            and s.closes_at is not None
            and in_force(s, day)
            and day_code(day) in schedule_days(s.byday)
            and s.opens_at <= time < s.closes_at
        ):
            return True
    return False


def time_words(t: dt.time) -> str:
    """ "10am", "1:30pm", "midday"."""
    if t == dt.time(12, 0):
        return "midday"
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}{suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d}{suffix}"


def _days_words(days: list[str]) -> str:
    if days == list(DAYS):
        return "Every day"
    if days == list(DAYS[:5]):
        return "Monday to Friday"
    names = [DAY_NAMES[d] + "s" for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def times_words(schedules: Iterable[ScheduleLike], today: dt.date) -> list[str]:
    """Each schedule in force today, in words, in week order of its first day."""
    lines: list[tuple[int, str]] = []
    for s in schedules:
        if not in_force(s, today) and (s.valid_from is None or s.valid_from < today):
            continue  # over
        days = schedule_days(s.byday) if s.freq.upper() == "WEEKLY" else []
        if days and s.opens_at and s.closes_at:
            words = f"{_days_words(days)}, {time_words(s.opens_at)} to {time_words(s.closes_at)}"
            if s.valid_from and s.valid_from > today:
                words += f" (from {s.valid_from:%-d %B %Y})"
            lines.append((DAYS.index(days[0]), words))
        elif s.description:
            lines.append((len(DAYS), s.description))
    return [words for _, words in sorted(lines, key=lambda line: line[0])]
