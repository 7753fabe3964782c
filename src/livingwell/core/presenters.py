"""How dates and times read on our pages: the NHS.UK style (23 November 2026, 2:05pm)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.urls import get_script_prefix, reverse
from django.utils import timezone
from markupsafe import Markup


def long_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def short_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return f"{long_date(value)} at {short_time(value)}"


def short_time(value: dt.datetime | None) -> str:
    """ "4:40pm", in the site's time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def waiting_colour(days: int) -> str | None:
    """How the board marks a wait: orange from 3 days, red from 7, so long waits stand out."""
    if days >= 7:
        return "red"
    if days >= 3:
        return "orange"
    return None


_GOAL_TAGS = {
    "active": "nhsuk-tag--blue",
    "accepted": "nhsuk-tag--blue",
    "planned": "nhsuk-tag--aqua-green",
    "proposed": "nhsuk-tag--aqua-green",
    "completed": "nhsuk-tag--green",
    "on-hold": "nhsuk-tag--grey",
    "cancelled": "nhsuk-tag--grey",
    "rejected": "nhsuk-tag--grey",
    "entered-in-error": "nhsuk-tag--white",
}


def goal_tag_class(lifecycle_status: str) -> str:
    """The NHS.UK tag colour for where a goal is up to."""
    return _GOAL_TAGS.get(lifecycle_status, "nhsuk-tag--grey")


def days_ago(days: int) -> str:
    if days <= 0:
        return "Today"
    if days == 1:
        return "1 day"
    return f"{days} days"


def choice_items(choices: Iterable[tuple[Any, str]], current: str) -> list[dict[str, Any]]:
    """A field's choices as NHS.UK radio items, with what the person chose still chosen."""
    return [
        {"value": str(value), "text": str(text), "checked": str(value) == current}
        for value, text in choices
        if str(value) != ""
    ]


def checkbox_items(
    choices: Iterable[tuple[Any, str]], current: Iterable[Any]
) -> list[dict[str, Any]]:
    chosen = {str(value) for value in current}
    return [
        {"value": str(value), "text": str(text), "checked": str(value) in chosen}
        for value, text in choices
    ]


def select_items(choices: Iterable[tuple[Any, str]], current: str) -> list[dict[str, Any]]:
    return [
        {"value": str(value), "text": str(text), "selected": str(value) == current}
        for value, text in choices
    ]


def how_long(seconds: int) -> str:
    """A length of time in words, rounded: "8 hours", "2 weeks", "1 year"."""
    days = seconds / (24 * 60 * 60)
    if days >= 360:
        count, unit = round(days / 365), "year"
    elif days >= 14:
        count, unit = round(days / 7), "week"
    elif days >= 2:
        count, unit = round(days), "day"
    elif seconds >= 60 * 60:
        count, unit = round(seconds / (60 * 60)), "hour"
    else:
        count, unit = max(1, round(seconds / 60)), "minute"
    return f"{count} {unit}{'' if count == 1 else 's'}"


def phone_link(number: str) -> str:
    """A phone number as a link that calls it (tel:), written as it was given; "" for none.

    "+44 (0)20 7946 0000" dials +442079460000. Words with no digits in them stay words."""
    dial = re.sub(r"[^\d+]", "", number.replace("(0)", "") if number.startswith("+") else number)
    if not dial.strip("+"):
        return number
    return Markup('<a href="tel:{}">{}</a>').format(dial, number)


_SENTINEL = 918273645


@functools.lru_cache(maxsize=64)
def _url_pattern(name: str, prefix: str) -> str:
    return reverse(name, args=[_SENTINEL]).replace(str(_SENTINEL), "{}")


def url_maker(name: str) -> Callable[[int], str]:
    """A fast maker of `name`'s address for one id: the same as reverse(name, args=[id]).

    Long lists (the team board) link every row; reversing each one cost more than the rest of the row.
    """
    return _url_pattern(name, get_script_prefix()).format
