"""How the generator draws: from a weighted mix, and the small made-up things every part of it needs:
names as they go into email addresses, authenticator keys, NHS numbers with their check digit, phone
numbers from Ofcom's drama ranges, sentences joined as people say them, arrival days and waits, and
times in London."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
import unicodedata
from bisect import bisect
from collections.abc import Sequence
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
T = TypeVar("T")


class _Weighted(Generic[T]):
    """Picks from a population with given weights, faster than random.choices for one at a time."""

    __slots__ = ("cumulative", "population", "total")

    def __init__(self, population: Sequence[T], weights: Sequence[float]) -> None:
        self.population = tuple(population)
        running = 0.0
        cumulative = []
        for weight in weights:
            running += weight
            cumulative.append(running)
        self.cumulative = tuple(cumulative)
        self.total = running

    @classmethod
    def of(cls, mix: dict[T, float]) -> _Weighted[T]:
        return cls(tuple(mix), tuple(mix.values()))

    def __call__(self, rng: random.Random) -> T:
        return self.population[bisect(self.cumulative, rng.random() * self.total)]


_ascii_cache: dict[str, str] = {}


def _ascii(name: str) -> str:
    """A name as it goes into an email address: lower case letters only."""
    slug = _ascii_cache.get(name)
    if slug is None:
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        slug = "".join(c for c in plain.lower() if c.isalpha())
        _ascii_cache[name] = slug
    return slug


def totp_key_for(*, seed: int, username: str) -> str:
    """A staff member's authenticator key (hex): the same seed and username always give the same key."""
    return hashlib.sha256(f"livingwell-synthetic:{seed}:{username}".encode()).digest()[:20].hex()


def nhs_number_from(nine_digits: str) -> str | None:
    """The ten-digit NHS number with its Modulus 11 check digit, or None when no check digit works."""
    total = sum(int(d) * w for d, w in zip(nine_digits, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return None if check == 10 else nine_digits + str(check)


def drama_phone(rng: random.Random) -> str:
    """A phone number from Ofcom's ranges kept for drama: it can never ring anyone."""
    if rng.random() < 0.75:
        return f"07700 900{int(rng.random() * 1000):03d}"
    return f"020 7946 0{int(rng.random() * 1000):03d}"


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def _joined(phrases: Sequence[str]) -> str:
    """Phrases joined the way people say them: "I can't sleep and I'm behind on rent"."""
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _arrival_day(rng: random.Random, days: int) -> int:
    """A day in the window, with introductions rising over time (the front door is getting known)."""
    u = rng.random()
    # Density proportional to 0.7 + 0.6x on [0, 1]: invert its distribution function.
    x = (-0.7 + math.sqrt(0.49 + 1.2 * u)) / 0.6
    return min(days - 1, int(x * days))


def _wait_days(rng: random.Random) -> int:
    """Days from an introduction to a first conversation: mostly a few, at most three weeks."""
    return min(21, int(rng.expovariate(1 / 5.5)))


def _at(day: dt.date, hour: float) -> dt.datetime:
    whole = int(hour)
    minute = int((hour - whole) * 60)
    return dt.datetime(day.year, day.month, day.day, whole, minute, tzinfo=LONDON).astimezone(UTC)


def _weekday(day: dt.date, *, forward: bool) -> dt.date:
    weekday = day.weekday()
    if weekday < 5:
        return day
    return day + dt.timedelta(days=7 - weekday) if forward else day - dt.timedelta(days=weekday - 4)
