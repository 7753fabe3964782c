"""The learning extract, written from the live record (`docs/learning-extract.md`, version 2).

What it holds, for the days from `start` to `end` (both included), as the record stood at the end of
`end`:
- `introductions_in`: introductions received in those days (not those a team lead set aside: they were
  not a person asking for help), with the day of the conversation each became, if by then.
- `support_periods`: periods of support running at any time in those days. One that ended after
  `end` is open in the extract, as it was then.
- `goals`: the goals of the people in it, each with the period of support it was set in (the one
  running on the day it was set, else the next one to start, else the last one before it).
- `goal_scores` and `measures` (with `measure_items`): ratings and questionnaires taken in those days.
- `introductions_out`: warm introductions made in those days, with whether they had landed by then.
- `people`: everyone those rows are about, with their age band at the start of their first period of
  support in the extract (or, with none, on the day of their first introduction), gender and ethnic
  category. Someone whose age is not known, or who was under 16 then, cannot be given an age band
  the contract allows: they and their rows are left out, and the command says how many.
- `spend`: empty until the Collaborative's books are kept here; the report says so.

Nothing in it names, dates the birth of, locates or quotes anyone: keys are the hex HMAC-SHA256 of
each row's table and id with the site's key (`Pseudonyms`), and no column holds a name, an NHS number,
a date of birth, an address, a postcode, a contact detail or free text. Rows are sorted by their
keys and `made_at` is the end of the period, so the same database and key give the same files,
byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from livingwell.analytics.extract.contract import (
    SCHEMA,
    TABLES,
    VERSION,
    Extract,
)
from livingwell.codes.introductions import SOURCE_FOR_EXTRACT
from livingwell.codes.organisations import EXTRACT_KINDS
from livingwell.codes.people import GENDER_FOR_EXTRACT
from livingwell.frontdoor.models import Introduction, IntroductionStatus
from livingwell.measures.models import GOAL_RATINGS, Answer, GoalRating, Measure
from livingwell.people.models import Person, SupportPeriod
from livingwell.plans.models import Goal
from livingwell.warm_introductions.models import NOT_LANDED, State, WarmIntroduction

MADE_BY = f"livingwell extract {version('livingwell')}"
YOUNGEST = 16  # the contract's youngest age band is 16-17


class Pseudonyms:
    """The key of a row in the extract: hex HMAC-SHA256 of its table and id with the site's key."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def __call__(self, table: str, row_id: int) -> str:
        return hmac.new(self._key, f"{table}:{row_id}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Made:
    extract: Extract
    left_out: int  # people whose age band cannot be given, with all their rows


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def age_band(born: dt.date, on: dt.date) -> str | None:
    """The contract's age band of someone born on `born`, on the day `on` (None under 16)."""
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if age < YOUNGEST:
        return None
    for top, band in ((17, "16-17"), (24, "18-24"), (34, "25-34"), (44, "35-44"), (54, "45-54")):
        if age <= top:
            return band
    return "55-64" if age <= 64 else "65+"


def data_starts() -> dt.date | None:
    """The first day anything in the record happened: the default start of an extract."""
    found = [
        Introduction.objects.aggregate(first=Min("received_at"))["first"],
        SupportPeriod.objects.aggregate(first=Min("started_on"))["first"],
    ]
    days = [_day(d) if isinstance(d, dt.datetime) else d for d in found if d is not None]
    return min(days) if days else None


def _frame(table: str, rows: list[tuple[Any, ...]]) -> pl.DataFrame:
    schema = SCHEMA[table].schema
    frame = pl.DataFrame(rows, schema=schema, orient="row") if rows else schema.to_frame()
    return frame.sort(list(SCHEMA[table].key) or frame.columns)


def make_extract(*, start: dt.date, end: dt.date, key: bytes, site: str) -> Made:
    """The extract of the days from `start` to `end`, from the live record."""
    if end < start:
        raise ValueError("The end of the period must not be before its start.")
    pseudo = Pseudonyms(key)
    live = Person.objects.filter(joined_into__isnull=True)

    periods = list(
        SupportPeriod.objects.filter(person__in=live, started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .values_list("pk", "person_id", "started_on", "ended_on", "ending")
        .order_by("person_id", "started_on", "pk")
    )
    first_day = timezone.make_aware(dt.datetime.combine(start, dt.time()))
    after_end = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    introductions = list(
        Introduction.objects.filter(
            person__in=live, received_at__gte=first_day, received_at__lt=after_end
        )
        .exclude(status=IntroductionStatus.SET_ASIDE)
        .values_list(
            "pk", "person_id", "received_at", "introduced_by", "channel", "conversation__held_on"
        )
    )
    warm = list(
        WarmIntroduction.objects.filter(
            person__in=live, made_at__gte=first_day, made_at__lt=after_end
        ).values_list("pk", "person_id", "made_at", "organisation__kind", "state", "ended_at")
    )
    measures = list(
        Measure.objects.filter(person__in=live, taken_on__gte=start, taken_on__lte=end).values_list(
            "pk", "person_id", "period_id", "instrument", "taken_on", "timepoint"
        )
    )

    # Who the extract is about, and their age band at the start of their first period (or
    # introduction) in it.
    first_seen: dict[int, dt.date] = {}
    for _, person_id, started_on, *_rest in periods:  # each person's first period comes first
        first_seen.setdefault(person_id, started_on)
    supported = set(first_seen)
    for _, person_id, received_at, *_rest in introductions:
        if person_id not in supported:
            day = _day(received_at)
            first_seen[person_id] = min(first_seen.get(person_id, day), day)
    for _, person_id, made_at, *_rest in warm:
        first_seen.setdefault(person_id, _day(made_at))
    for _, person_id, _period, _instrument, taken_on, _timepoint in measures:
        first_seen.setdefault(person_id, taken_on)  # a measure always has a period: see the reader
    people_rows = []
    kept: set[int] = set()
    # Every table is read by the same conditions and narrowed here by what was kept, never by a
    # list of ids in the query: a statement can carry only so many (SQLite's limit), a record more.
    for person_id, born, gender, ethnic in live.values_list(
        "pk", "date_of_birth", "gender", "ethnic_category"
    ).iterator(chunk_size=20_000):
        if person_id not in first_seen:
            continue
        band = age_band(born, first_seen[person_id]) if born else None
        if band is None:
            continue
        kept.add(person_id)
        people_rows.append((pseudo("people", person_id), band, GENDER_FOR_EXTRACT[gender], ethnic))
    person = {person_id: pseudo("people", person_id) for person_id in kept}

    period_rows = []
    period_key: dict[int, str] = {}
    by_person: dict[int, list[tuple[int, dt.date, dt.date | None]]] = {}
    for pk, person_id, started_on, ended_on, ending in periods:
        if person_id not in kept:
            continue
        period_key[pk] = pseudo("support_periods", pk)
        ended = ended_on if ended_on is not None and ended_on <= end else None
        period_rows.append(
            (period_key[pk], person[person_id], started_on, ended, ending if ended else None)
        )
        by_person.setdefault(person_id, []).append((pk, started_on, ended))

    intro_rows = [
        (
            pseudo("introductions_in", pk),
            person[person_id],
            _day(received_at),
            SOURCE_FOR_EXTRACT[introduced_by],
            channel,
            held_on if held_on is not None and held_on <= end else None,
        )
        for pk, person_id, received_at, introduced_by, channel, held_on in introductions
        if person_id in kept
    ]

    goal_rows, goal_key = _goals(pseudo, person, by_person, end, live)
    score_rows = [
        (goal_key[goal_id], taken_on, score)
        for goal_id, taken_on, score in GoalRating.objects.filter(
            measure__taken_on__gte=start, measure__taken_on__lte=end
        )
        .values_list("goal_id", "measure__taken_on", "score")
        .iterator(chunk_size=20_000)
        if goal_id in goal_key
    ]

    measure_rows = []
    measure_key: dict[int, str] = {}
    for pk, person_id, period_id, instrument, taken_on, timepoint in measures:
        if instrument == GOAL_RATINGS or person_id not in kept or period_id not in period_key:
            continue
        measure_key[pk] = pseudo("measures", pk)
        measure_rows.append(
            (
                measure_key[pk],
                person[person_id],
                period_key[period_id],
                instrument,
                taken_on,
                timepoint,
            )
        )
    item_rows = [
        (measure_key[measure_id], item, value, need_more_help)
        for measure_id, item, value, need_more_help in Answer.objects.filter(
            measure__taken_on__gte=start, measure__taken_on__lte=end
        )
        .exclude(measure__instrument=GOAL_RATINGS)
        .values_list("measure_id", "item", "value", "need_more_help")
        .iterator(chunk_size=20_000)
        if measure_id in measure_key
    ]

    out_rows = []
    for pk, person_id, made_at, kind, state, ended_at in warm:
        if person_id not in kept:
            continue
        ended = _day(ended_at) if ended_at is not None and _day(ended_at) <= end else None
        if state == State.LANDED and ended:
            outcome, landed_on = "landed", ended
        elif state in NOT_LANDED and ended:
            outcome, landed_on = "did-not-land", None
        else:
            outcome, landed_on = "open", None
        out_rows.append(
            (
                pseudo("introductions_out", pk),
                person[person_id],
                _day(made_at),
                EXTRACT_KINDS[kind],
                landed_on,
                outcome,
            )
        )

    frames = {
        "people": _frame("people", people_rows),
        "introductions_in": _frame("introductions_in", intro_rows),
        "support_periods": _frame("support_periods", period_rows),
        "goals": _frame("goals", goal_rows),
        "goal_scores": _frame("goal_scores", score_rows),
        "measures": _frame("measures", measure_rows),
        "measure_items": _frame("measure_items", item_rows),
        "introductions_out": _frame("introductions_out", out_rows),
        "spend": _frame("spend", []),
    }
    made_at = timezone.localtime(after_end)
    manifest = {
        "version": VERSION,
        "site": site,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "made_at": made_at.isoformat(),
        "made_by": MADE_BY,
        "rows": {name: frames[name].height for name in TABLES},
    }
    return Made(extract=Extract(**frames, manifest=manifest), left_out=len(first_seen) - len(kept))


def _goals(
    pseudo: Pseudonyms,
    person: dict[int, str],
    by_person: dict[int, list[tuple[int, dt.date, dt.date | None]]],
    end: dt.date,
    live: QuerySet[Person],
) -> tuple[list[tuple[Any, ...]], dict[int, str]]:
    """The goals of the people in the extract, set by `end`, each in the period it was set in."""
    rows = []
    keys: dict[int, str] = {}
    for goal_id, person_id, domain, start_date, created_at in (
        Goal.objects.filter(plan__person__in=live)
        .values_list("pk", "plan__person_id", "domain", "start_date", "created_at")
        .iterator(chunk_size=20_000)
    ):
        if person_id not in by_person:
            continue
        set_on = start_date or _day(created_at)
        if set_on > end:
            continue
        period = _period_of(by_person[person_id], set_on)
        keys[goal_id] = pseudo("goals", goal_id)
        rows.append(
            (keys[goal_id], person[person_id], pseudo("support_periods", period), domain, set_on)
        )
    return rows, keys


def _period_of(periods: list[tuple[int, dt.date, dt.date | None]], day: dt.date) -> int:
    """The period running on `day`; else the next to start after it; else the last before it."""
    for pk, started_on, ended_on in periods:
        if started_on <= day and (ended_on is None or day <= ended_on):
            return pk
    later = [p for p in periods if p[1] > day]
    return later[0][0] if later else periods[-1][0]


def key_from_settings() -> bytes | None:
    """The site's extract key (LIVINGWELL_EXTRACT_KEY), or None when it has not set one."""
    text: str = settings.LIVINGWELL_EXTRACT_KEY
    return text.encode() if text else None
