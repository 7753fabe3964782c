"""A synthetic learning extract, for the demo, the tests and the benchmark: invented people only.

    extract = generate(people=10_000, seed=42)
    write_extract(extract, Path("out/extract"))     # every table as Parquet and CSV, and manifest.json

Pure Python (NumPy and Polars; no Django) and vectorised throughout: there is no loop over people, so
a million periods of support take seconds. The same seed, people and dates always give the same
extract, byte for byte (`made_at` is the day after the period, not the clock).

Size: about 1.1 periods of support a person (most people have one, some come back, a few never
start one), and about 10 item responses a period, so `people = periods / 1.1` and item rows are
about 11 times `people`: 909,091 people give roughly 1,000,000 periods and 10,000,000 item rows.

What it looks like, and why. Every rate below is an assumption for a plausible demo, labelled as
such, not a figure from a source; the mix of ethnic categories is the synthetic borough's
(`livingwell.synthetic.borough.mixes.ETHNIC_MIX`, roughly an inner London borough).
- People introduce themselves or are introduced (self, family or friends, GP, another agency) by
  web, phone or walk-in; most have a first conversation within days, a long tail wait weeks, and a
  few are still waiting when the extract is made.
- Most people who have a conversation start a period of support; periods last months, and those
  still going at the end of the extract are open. Some people come back after an ending.
- Most periods set one to four goals in the plan's life domains, rated 0-10 one to five times,
  drifting upward.
- Questionnaires (ReQoL-10 with its physical health item, SWEMWBS, DIALOG, PHQ-9 and GAD-7; not
  everyone gets every one) at the start, sometimes at a review, and at the end of some ended
  periods; responses improve on average between start and end, and some people get worse.
- DIALOG's "do you need more help with this?" for each item: "yes" more often the lower the item
  is rated, so less often at the end than at the start. The other instruments do not ask it.
- Warm introductions out to the network: most land within weeks, some do not, some are still open.
- Spend by organisation and financial year, shifting a little from secondary care to the
  voluntary and community sector.

Missing data, as a real extract has it (each a named rate below): demographics not stated, people
still waiting, periods with a start questionnaire but no end one, goals scored only once,
questionnaires with items skipped, and DIALOGs where "do you need more help?" was not asked (nor
answered for an item that was skipped).

It writes the newest version of the contract (`contract.VERSION`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from livingwell.analytics.extract.contract import (
    AGE_BANDS,
    CHANNELS,
    ENDINGS,
    GENDERS,
    GOAL_SCALE,
    INSTRUMENTS,
    OUTCOMES,
    SCHEMA,
    SOURCES,
    TABLES,
    TIMEPOINTS,
    VERSION,
    Extract,
)
from livingwell.instruments.reqol import NEGATIVELY_WORDED_ITEMS, PHYSICAL_HEALTH_ITEM
from livingwell.synthetic.borough.mixes import ETHNIC_MIX

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

SITE = "Synthetic borough"
MADE_BY = "livingwell synthetic-extract"
DEFAULT_START = dt.date(2023, 4, 1)  # three financial years: 2023-24 to 2025-26
DEFAULT_END = dt.date(2026, 3, 31)
PERIODS_PER_PERSON = 1.1  # roughly what the rates below give; `people_for(periods)` uses it

# People (percent). Assumed: more people of working age, as at any front door.
AGE_MIX = {"16-17": 2, "18-24": 14, "25-34": 24, "35-44": 20, "45-54": 17, "55-64": 13, "65+": 10}
GENDER_MIX = {"woman": 54.0, "man": 41.5, "non-binary": 1.5, "other": 0.5, "not-stated": 2.5}
# ETHNIC_MIX (from the synthetic borough) has 4% not stated (Z) and 2% not known (99).

# Introductions at the front door (percent), and the channel each source tends to use.
SOURCE_MIX = {"self": 45, "family-or-friend": 12, "gp": 25, "other-agency": 18}
SELF_CHANNELS = {"web": 55, "phone": 30, "walk-in": 15}
OTHER_CHANNELS = {"web": 40, "phone": 55, "walk-in": 5}
NOT_REACHED_SHARE = 0.015  # introductions still without a first conversation, however long ago
WAIT_MEDIAN_DAYS = 3.0  # days to a first conversation: lognormal, median 3, 90th centile ~14
WAIT_SPREAD = 1.2  # the lognormal's sigma: a long tail of weeks

# Periods of support.
SUPPORTED_SHARE = 0.9  # of people with a conversation, how many start a period (others: connected)
PERIOD_MEDIAN_DAYS = 150.0
PERIOD_SPREAD = 0.6
RETURN_SHARE = 0.38  # of people whose period ended, how many come back (if there is time left)
RETURN_GAP_MEDIAN_DAYS = 120.0
ROUNDS = 3  # at most three periods a person
ENDING_MIX = {"agreed": 70, "stopped-coming": 18, "moved-away": 7, "died": 0.5, "other": 4.5}

# Goals.
GOAL_SHARE = 0.85  # periods with at least one goal
GOALS_PER_PERIOD = {1: 30, 2: 35, 3: 25, 4: 10}
SCORED_ONCE_SHARE = 0.3  # goals meant to be scored once only (more are, when a period is short)
LATER_SCORES = {2: 35, 3: 30, 4: 20, 5: 15}  # how many scores the others get, time allowing
SCORE_INTERVAL_DAYS = (21, 70)
GOAL_DOMAIN_MIX = {
    "mental-health": 25,
    "physical-health": 8,
    "housing": 12,
    "money": 12,
    "work-and-learning": 10,
    "relationships": 10,
    "belonging": 10,
    "safety": 4,
    "substances": 4,
    "caring": 5,
}

# Questionnaires.
MEASURED_SHARE = 0.55  # periods with questionnaires at the start
WELLBEING_MIX = {"reqol10": 0.4, "swemwbs": 0.45, "": 0.15}  # one of these, or neither
DIALOG_SHARE = 0.2
PHQ_GAD_SHARE = 0.15  # PHQ-9 and GAD-7 together
REVIEW_SHARE = 0.35  # of measured periods lasting 120 days or more: a review at about 3 months
END_MEASURE_SHARE = 0.4  # of measured periods that ended: questionnaires at the end
MEASURES_WITH_SKIPS_SHARE = 0.08  # questionnaires with at least one item not answered
SKIP_CHANCE = 0.2  # in those, the chance that any other item is not answered too
MEAN_GAIN = 0.6  # improvement from start to end, in standard deviations of the latent wellbeing
GAIN_SPREAD = 0.7  # so about one person in five gets worse
# DIALOG's "do you need more help with this?": the chance of "yes" for each rating (1 couldn't be
# worse, 7 couldn't be better). Assumed: help is wanted most with what is going worst.
MORE_HELP_BY_RATING = {1: 0.9, 2: 0.8, 3: 0.6, 4: 0.35, 5: 0.15, 6: 0.08, 7: 0.05}
MORE_HELP_NOT_ASKED_SHARE = 0.1  # DIALOGs where the question was not asked at all

# Warm introductions out.
WARM_PER_PERIOD = 0.9  # Poisson mean
WARM_WITHOUT_PERIOD = 1.2  # people connected elsewhere after a conversation: 1 + Poisson(0.2)
KIND_MIX = {
    "voluntary-community": 22,
    "community-asset": 18,
    "welfare-rights": 14,
    "housing": 12,
    "employment": 8,
    "nhs-primary-care": 8,
    "nhs-secondary-care": 8,
    "council": 6,
    "other": 4,
}
LAND_SHARE = 0.75  # would land, in time
LAND_MEDIAN_DAYS = 14.0
STALLED_AFTER_DAYS = 56  # one that will not land is "did-not-land" after this, "open" before

# Spend: made-up organisations, with a yearly budget (pounds) for every 20,000 people, and how it
# changes each year.
ORGANISATIONS: tuple[tuple[str, str, float, float], ...] = (
    ("Northbank Mental Health NHS Foundation Trust", "nhs-secondary-care", 42_000_000, -0.03),
    ("Riverside Primary Care Network", "nhs-primary-care", 3_500_000, 0.02),
    ("Synthetic Borough Council adult social care", "social-care", 9_000_000, 0.0),
    ("Hearth Community Mental Health", "voluntary-community", 2_200_000, 0.08),
    ("Southside Advice and Welfare Rights", "voluntary-community", 800_000, 0.08),
    ("Borough Recovery College", "other", 500_000, 0.05),
)
PEOPLE_PER_BUDGET = 20_000

# How each instrument's items respond to the latent wellbeing: the typical raw response at the
# start, +1 for items where a higher response is better and -1 where it is worse, how strongly an
# item follows wellbeing, and the noise. Assumed, to look plausible. ReQoL-10's negatively worded
# items and its physical health item (which counts problems) are the scorer's
# (`livingwell.instruments.reqol`), so that the scored totals improve as the responses do; PHQ-9 and
# GAD-7 count symptoms, so lower is better; SWEMWBS and DIALOG rate what is good.


@dataclass(frozen=True, slots=True)
class _Response:
    centre: tuple[float, ...]
    polarity: tuple[int, ...]
    loading: float
    noise: float


_REQOL_WORSE = (*NEGATIVELY_WORDED_ITEMS, PHYSICAL_HEALTH_ITEM)
RESPONSES: dict[str, _Response] = {
    "reqol10": _Response(
        centre=tuple(
            1.5 if item == PHYSICAL_HEALTH_ITEM else 2.4 if item in _REQOL_WORSE else 1.6
            for item in range(1, INSTRUMENTS["reqol10"].items + 1)
        ),
        polarity=tuple(
            -1 if item in _REQOL_WORSE else 1 for item in range(1, INSTRUMENTS["reqol10"].items + 1)
        ),
        loading=0.9,
        noise=0.7,
    ),
    "swemwbs": _Response(centre=(2.7,) * 7, polarity=(1,) * 7, loading=0.7, noise=0.6),
    "dialog": _Response(centre=(3.8,) * 8 + (5.0,) * 3, polarity=(1,) * 11, loading=1.0, noise=1.0),
    "phq9": _Response(centre=(1.6,) * 8 + (0.6,), polarity=(-1,) * 9, loading=0.6, noise=0.6),
    "gad7": _Response(centre=(1.7,) * 7, polarity=(-1,) * 7, loading=0.6, noise=0.6),
}

_EPOCH = dt.date(1970, 1, 1)
_ALPHABET = np.frombuffer(b"0123456789abcdefghjkmnpqrstvwxyz", dtype=np.uint8)  # Crockford's
_KEY_BITS = 60  # twelve characters of five bits


def people_for(periods: int) -> int:
    """How many people give about this many periods of support."""
    return max(1, round(periods / PERIODS_PER_PERSON))


def generate(
    *,
    people: int,
    seed: int,
    start: dt.date = DEFAULT_START,
    end: dt.date = DEFAULT_END,
    site: str = SITE,
    made_at: dt.datetime | None = None,
) -> Extract:
    """A synthetic extract of `people` people over `start` to `end` (both included)."""
    if people < 1:
        raise ValueError("people must be at least 1.")
    if end < start:
        raise ValueError("The end of the period must not be before its start.")
    if made_at is None:
        made_at = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0, 0), tzinfo=dt.UTC)
    if made_at.tzinfo is None:
        raise ValueError("made_at must say its time zone.")
    rng = np.random.default_rng(seed)
    maker = _Maker(rng, (start - _EPOCH).days, (end - _EPOCH).days)
    frames = maker.make(people)
    manifest: dict[str, Any] = {
        "version": VERSION,
        "site": site,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "made_at": made_at.isoformat(),
        "made_by": MADE_BY,
        "rows": {name: frames[name].height for name in TABLES},
    }
    return Extract(**frames, manifest=manifest)


# --- Making it ------------------------------------------------------------------------------------


def _dates(days: Ints, missing: Bools | None = None) -> pl.Series:
    """Days since 1970 as dates, missing where `missing` is true."""
    return _missing(pl.Series(days.astype(np.int32)).cast(pl.Date), missing)


def _missing(series: pl.Series, missing: Bools | None) -> pl.Series:
    if missing is None or not missing.any():
        return series
    return series.scatter(np.flatnonzero(missing), None)


def _named(values: tuple[str, ...] | list[str], index: Ints) -> pl.Series:
    return pl.Series(np.array(values, dtype=object)[index], dtype=pl.String)


def _mix(weights: Mapping[Any, float]) -> tuple[list[Any], Floats]:
    values = list(weights)
    p = np.array([weights[value] for value in values], dtype=np.float64)
    return values, p / p.sum()


class _Maker:
    def __init__(self, rng: np.random.Generator, first: int, last: int) -> None:
        self.rng = rng
        # "Do you need more help?" draws from a stream of its own (spawning takes nothing from
        # `rng`), so that the other tables are as they were before version 2 added it.
        self.more_help_rng = rng.spawn(1)[0]
        self.first = first
        self.last = last
        self.salts = rng.integers(1, 2**62, size=(len(TABLES), 3), dtype=np.int64)

    # Small helpers over whole arrays.

    def choose(self, weights: Mapping[Any, float], n: int) -> Ints:
        """Indices into `list(weights)`, drawn with those weights."""
        _, p = _mix(weights)
        return np.searchsorted(np.cumsum(p), self.rng.random(n), side="right").clip(0, len(p) - 1)

    def labels(self, weights: Mapping[str, float], n: int) -> pl.Series:
        values, _ = _mix(weights)
        return _named(values, self.choose(weights, n))

    def lognormal_days(self, median: float, spread: float, n: int) -> Ints:
        return np.floor(self.rng.lognormal(np.log(median), spread, n)).astype(np.int64)

    def keys(self, table: str, n: int) -> pl.Series:
        """n distinct keys of 12 characters that mean nothing: a keyed permutation of 0..n-1."""
        # Each step is one-to-one on 60-bit numbers: adding, multiplying by an odd number (modulo
        # 2**60) and folding the high bits into the low ones.
        a, b, c = (np.uint64(int(salt) | 1) for salt in self.salts[TABLES.index(table)])
        mask = np.uint64((1 << _KEY_BITS) - 1)
        x = np.arange(n, dtype=np.uint64)
        x = ((x + b) * a) & mask
        x ^= x >> np.uint64(29)
        x = (x * c) & mask
        x ^= x >> np.uint64(31)
        digits = np.empty((n, 12), dtype=np.uint8)
        for position in range(12):
            shift = np.uint64(5 * (11 - position))
            digits[:, position] = _ALPHABET[((x >> shift) & np.uint64(31)).astype(np.intp)]
        return pl.Series(digits.view("S12").ravel()).cast(pl.String)

    # The tables.

    def make(self, people: int) -> dict[str, pl.DataFrame]:
        rng = self.rng
        person_keys = self.keys("people", people)
        frames: dict[str, pl.DataFrame] = {
            "people": pl.DataFrame(
                {
                    "person_key": person_keys,
                    "age_band": self.labels({b: AGE_MIX[b] for b in AGE_BANDS}, people),
                    "gender": self.labels({g: GENDER_MIX[g] for g in GENDERS}, people),
                    "ethnic_category": self.labels(ETHNIC_MIX, people),
                }
            )
        }

        # Introductions and periods, round by round: everyone's first, then the returns.
        span = self.last - self.first + 1
        u = rng.random(people)
        rising = (-0.8 + np.sqrt(0.64 + 0.8 * u)) / 0.4  # density 0.8 to 1.2 over the window
        received = self.first + np.floor(rising * span).astype(np.int64)
        who = np.arange(people, dtype=np.int64)
        intro_parts: list[dict[str, Any]] = []
        period_parts: list[dict[str, Any]] = []
        connected_parts: list[dict[str, Any]] = []
        for round_number in range(ROUNDS):
            n = who.size
            waited = self.lognormal_days(WAIT_MEDIAN_DAYS, WAIT_SPREAD, n)
            conversation = received + waited
            talked = (rng.random(n) >= NOT_REACHED_SHARE) & (conversation <= self.last)
            source = self.choose({name: SOURCE_MIX[name] for name in SOURCES}, n)
            self_channel = self.choose({name: SELF_CHANNELS[name] for name in CHANNELS}, n)
            other_channel = self.choose({name: OTHER_CHANNELS[name] for name in CHANNELS}, n)
            channel = np.where(source == SOURCES.index("self"), self_channel, other_channel)
            intro_parts.append(
                {
                    "who": who,
                    "received": received,
                    "conversation": conversation,
                    "talked": talked,
                    "source": source,
                    "channel": channel,
                }
            )
            started = conversation + np.where(
                rng.random(n) < 0.6, 0, rng.integers(1, 15, n, dtype=np.int64)
            )
            supported = talked & (rng.random(n) < SUPPORTED_SHARE) & (started <= self.last)
            connected_parts.append(
                {"who": who[talked & ~supported], "on": conversation[talked & ~supported]}
            )
            s_who, s_started = who[supported], started[supported]
            length = self.lognormal_days(PERIOD_MEDIAN_DAYS, PERIOD_SPREAD, s_who.size) + 7
            ended = s_started + length
            is_open = ended > self.last
            ending = self.choose({name: ENDING_MIX[name] for name in ENDINGS}, s_who.size)
            period_parts.append(
                {
                    "who": s_who,
                    "started": s_started,
                    "ended": ended,
                    "open": is_open,
                    "ending": ending,
                }
            )
            alive = ending != ENDINGS.index("died")
            back = ~is_open & alive & (rng.random(s_who.size) < RETURN_SHARE)
            gap = self.lognormal_days(RETURN_GAP_MEDIAN_DAYS, 0.7, s_who.size) + 1
            again = back & (ended + gap <= self.last)
            who, received = s_who[again], (ended + gap)[again]
            if who.size == 0 or round_number == ROUNDS - 1:
                break

        frames["introductions_in"] = self.introductions_in(intro_parts, person_keys)
        periods = {
            name: np.concatenate([p[name] for p in period_parts]) for name in period_parts[0]
        }
        order = np.lexsort((periods["who"], periods["started"]))
        periods = {name: values[order] for name, values in periods.items()}
        n_periods = periods["who"].size
        period_keys = self.keys("support_periods", n_periods)
        frames["support_periods"] = pl.DataFrame(
            {
                "period_key": period_keys,
                "person_key": person_keys.gather(periods["who"]),
                "started_on": _dates(periods["started"]),
                "ended_on": _dates(periods["ended"], periods["open"]),
                "ending": _missing(_named(ENDINGS, periods["ending"]), periods["open"]),
            }
        )
        # The last day anything can happen in a period: its end, or the end of the extract.
        limit = np.where(periods["open"], self.last, periods["ended"])
        frames["goals"], frames["goal_scores"] = self.goals(
            periods, limit, person_keys, period_keys
        )
        frames["measures"], frames["measure_items"] = self.measures(
            periods, limit, person_keys, period_keys
        )
        connected = {
            name: np.concatenate([p[name] for p in connected_parts]) for name in ("who", "on")
        }
        frames["introductions_out"] = self.introductions_out(periods, limit, connected, person_keys)
        frames["spend"] = self.spend(len(person_keys))
        return {
            name: frames[name].select(SCHEMA[name].names).cast(SCHEMA[name].schema)
            for name in TABLES
        }

    def introductions_in(self, parts: list[dict[str, Any]], person_keys: pl.Series) -> pl.DataFrame:
        rows = {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}
        order = np.lexsort((rows["who"], rows["received"]))
        rows = {name: values[order] for name, values in rows.items()}
        n = rows["who"].size
        return pl.DataFrame(
            {
                "introduction_key": self.keys("introductions_in", n),
                "person_key": person_keys.gather(rows["who"]),
                "received_on": _dates(rows["received"]),
                "source": _named(SOURCES, rows["source"]),
                "channel": _named(CHANNELS, rows["channel"]),
                "first_conversation_on": _dates(rows["conversation"], ~rows["talked"]),
            }
        )

    def goals(
        self,
        periods: dict[str, Any],
        limit: Ints,
        person_keys: pl.Series,
        period_keys: pl.Series,
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        rng = self.rng
        n_periods = limit.size
        values, _ = _mix(GOALS_PER_PERIOD)
        count = np.where(
            rng.random(n_periods) < GOAL_SHARE,
            np.array(values)[self.choose(GOALS_PER_PERIOD, n_periods)],
            0,
        )
        period = np.repeat(np.arange(n_periods), count)
        n = period.size
        started = periods["started"][period]
        set_on = np.minimum(
            started + np.floor(rng.exponential(10.0, n)).astype(np.int64), limit[period]
        )
        domains, _ = _mix(GOAL_DOMAIN_MIX)
        goal_keys = self.keys("goals", n)
        goals = pl.DataFrame(
            {
                "goal_key": goal_keys,
                "person_key": person_keys.gather(periods["who"][period]),
                "period_key": period_keys.gather(period),
                "domain": _named(domains, self.choose(GOAL_DOMAIN_MIX, n)),
                "set_on": _dates(set_on),
            }
        )
        later, _ = _mix(LATER_SCORES)
        planned = np.where(
            rng.random(n) < SCORED_ONCE_SHARE, 1, np.array(later)[self.choose(LATER_SCORES, n)]
        )
        goal = np.repeat(np.arange(n), planned)
        step = np.arange(goal.size) - np.repeat(np.cumsum(planned) - planned, planned)
        low, high = SCORE_INTERVAL_DAYS
        interval = np.where(step == 0, 0, rng.integers(low, high + 1, goal.size))
        scored_on = set_on[goal] + _cumsum_within(interval, planned)
        kept = scored_on <= limit[period[goal]]
        baseline = np.clip(np.rint(rng.normal(3.0, 1.8, n)), 0, 10)
        drift = rng.normal(1.0, 1.2, n)
        score = np.clip(
            np.rint(
                baseline[goal] + drift[goal] * step + rng.normal(0, 0.8, goal.size) * (step > 0)
            ),
            GOAL_SCALE[0],
            GOAL_SCALE[1],
        ).astype(np.int64)
        scores = pl.DataFrame(
            {
                "goal_key": goal_keys.gather(goal[kept]),
                "scored_on": _dates(scored_on[kept]),
                "score": score[kept],
            }
        )
        return goals, scores

    def measures(
        self,
        periods: dict[str, Any],
        limit: Ints,
        person_keys: pl.Series,
        period_keys: pl.Series,
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        rng = self.rng
        n_periods = limit.size
        started = periods["started"]
        measured = rng.random(n_periods) < MEASURED_SHARE
        wellbeing = self.choose(WELLBEING_MIX, n_periods)
        gets = {
            "reqol10": measured & (wellbeing == 0),
            "swemwbs": measured & (wellbeing == 1),
            "dialog": measured & (rng.random(n_periods) < DIALOG_SHARE),
        }
        phq_gad = measured & (rng.random(n_periods) < PHQ_GAD_SHARE)
        gets["phq9"] = gets["gad7"] = phq_gad
        start_on = np.minimum(
            started + np.floor(rng.exponential(5.0, n_periods)).astype(np.int64), limit
        )
        review_on = started + 90 + rng.integers(0, 22, n_periods)  # before any end measure
        reviewed = (limit - started >= 120) & (rng.random(n_periods) < REVIEW_SHARE)
        end_on = np.maximum(periods["ended"] - rng.integers(0, 8, n_periods), start_on)
        finished = ~periods["open"] & (rng.random(n_periods) < END_MEASURE_SHARE)
        occasions = {
            "start": (np.ones(n_periods, dtype=bool), start_on, 0.0),
            "review": (reviewed, review_on, 0.5),
            "end": (finished, end_on, 1.0),
        }
        wellbeing_start = rng.normal(0.0, 1.0, n_periods)
        gain = rng.normal(MEAN_GAIN, GAIN_SPREAD, n_periods)

        parts = []
        for instrument_index, instrument in enumerate(INSTRUMENTS):
            for timepoint_index, timepoint in enumerate(TIMEPOINTS):
                held, on, progress = occasions[timepoint]
                period = np.flatnonzero(gets[instrument] & held)
                parts.append(
                    (
                        period,
                        np.full(period.size, instrument_index),
                        np.full(period.size, timepoint_index),
                        on[period],
                        wellbeing_start[period] + gain[period] * progress,
                    )
                )
        period, instrument_of, timepoint_of, administered, latent = (
            np.concatenate([part[i] for part in parts]) for i in range(5)
        )
        order = np.lexsort((instrument_of, timepoint_of, period))
        period, instrument_of, timepoint_of, administered, latent = (
            a[order] for a in (period, instrument_of, timepoint_of, administered, latent)
        )
        n = period.size
        latent = latent + rng.normal(0.0, 0.3, n)
        measure_keys = self.keys("measures", n)
        names = list(INSTRUMENTS)
        measures = pl.DataFrame(
            {
                "measure_key": measure_keys,
                "person_key": person_keys.gather(periods["who"][period]),
                "period_key": period_keys.gather(period),
                "instrument": _named(names, instrument_of),
                "administered_on": _dates(administered),
                "timepoint": _named(TIMEPOINTS, timepoint_of),
            }
        )

        # One row an item, in the instrument's order.
        sizes = np.array([INSTRUMENTS[name].items for name in names])
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        centre = np.concatenate([RESPONSES[name].centre for name in names])
        polarity = np.concatenate([RESPONSES[name].polarity for name in names])
        loading = np.array([RESPONSES[name].loading for name in names])
        noise = np.array([RESPONSES[name].noise for name in names])
        low = np.array([INSTRUMENTS[name].low for name in names])
        high = np.array([INSTRUMENTS[name].high for name in names])
        count = sizes[instrument_of]
        measure = np.repeat(np.arange(n), count)
        item = np.arange(measure.size) - np.repeat(np.cumsum(count) - count, count) + 1
        inst = instrument_of[measure]
        at = offsets[inst] + item - 1
        raw = (
            centre[at]
            + polarity[at] * loading[inst] * latent[measure]
            + rng.normal(0.0, 1.0, measure.size) * noise[inst]
        )
        value = np.clip(np.rint(raw), low[inst], high[inst]).astype(np.int64)
        skips = rng.random(n) < MEASURES_WITH_SKIPS_SHARE
        forced = np.floor(rng.random(n) * count).astype(np.int64) + 1
        skipped = skips[measure] & (
            (rng.random(measure.size) < SKIP_CHANCE) | (item == forced[measure])
        )
        # "Do you need more help with this?": only where the instrument asks it, and not for an
        # item left unanswered.
        asks = np.array([INSTRUMENTS[name].asks_more_help for name in names])[inst]
        help_rng = self.more_help_rng
        asked = asks & (help_rng.random(n) >= MORE_HELP_NOT_ASKED_SHARE)[measure] & ~skipped
        chance = np.zeros(high.max() + 1)
        chance[list(MORE_HELP_BY_RATING)] = list(MORE_HELP_BY_RATING.values())
        more_help = np.zeros(measure.size, dtype=bool)
        more_help[asked] = help_rng.random(int(asked.sum())) < chance[value[asked]]
        items = pl.DataFrame(
            {
                "measure_key": measure_keys.gather(measure),
                "item": item.astype(np.int64),
                "value": _missing(pl.Series(value), skipped),
                "need_more_help": _missing(pl.Series(more_help), ~asked),
            }
        )
        return measures, items

    def introductions_out(
        self,
        periods: dict[str, Any],
        limit: Ints,
        connected: dict[str, Ints],
        person_keys: pl.Series,
    ) -> pl.DataFrame:
        rng = self.rng
        n_periods = limit.size
        per_period = rng.poisson(WARM_PER_PERIOD, n_periods)
        period = np.repeat(np.arange(n_periods), per_period)
        started = periods["started"][period]
        window = np.minimum(limit[period] - started, 180) + 1
        made_in_period = started + np.floor(rng.random(period.size) * window).astype(np.int64)
        per_connected = 1 + rng.poisson(WARM_WITHOUT_PERIOD - 1, connected["who"].size)
        person = np.concatenate(
            [periods["who"][period], np.repeat(connected["who"], per_connected)]
        )
        made = np.concatenate(
            [
                made_in_period,
                np.minimum(
                    np.repeat(connected["on"], per_connected)
                    + rng.integers(0, 8, int(per_connected.sum())),
                    self.last,
                ),
            ]
        )
        order = np.lexsort((person, made))
        person, made = person[order], made[order]
        n = person.size
        lands = rng.random(n) < LAND_SHARE
        landed_on = made + self.lognormal_days(LAND_MEDIAN_DAYS, 0.8, n)
        landed = lands & (landed_on <= self.last)
        stalled = ~lands & (made + STALLED_AFTER_DAYS <= self.last)
        outcome = np.where(landed, 0, np.where(stalled, 1, 2))
        kinds, _ = _mix(KIND_MIX)
        return pl.DataFrame(
            {
                "warm_introduction_key": self.keys("introductions_out", n),
                "person_key": person_keys.gather(person),
                "made_on": _dates(made),
                "organisation_kind": _named(kinds, self.choose(KIND_MIX, n)),
                "landed_on": _dates(landed_on, ~landed),
                "outcome": _named(OUTCOMES, outcome),
            }
        )

    def spend(self, people: int) -> pl.DataFrame:
        first = _EPOCH + dt.timedelta(days=self.first)
        last = _EPOCH + dt.timedelta(days=self.last)
        years = range(
            first.year if first.month >= 4 else first.year - 1,
            (last.year if last.month >= 4 else last.year - 1) + 1,
        )
        scale = people / PEOPLE_PER_BUDGET
        rows: list[tuple[str, str, str, float, float]] = []
        for index, year in enumerate(years):
            for name, sector, budget, change in ORGANISATIONS:
                planned = round(budget * scale * (1 + change) ** index)
                spent = round(planned * float(self.rng.normal(1.0, 0.03)))
                rows.append(
                    (f"{year}-{(year + 1) % 100:02d}", name, sector, float(planned), float(spent))
                )
        return pl.DataFrame(
            rows,
            schema=["financial_year", "organisation", "sector", "budget_gbp", "spend_gbp"],
            orient="row",
        )


def _cumsum_within(values: Ints, counts: Ints) -> Ints:
    """The running total of `values` within each consecutive group of `counts` rows."""
    total = np.cumsum(values)
    ends = np.cumsum(counts)
    before = np.concatenate([[0], total[ends[:-1] - 1]]) if counts.size else np.zeros(0, np.int64)
    return total - np.repeat(before, counts)
