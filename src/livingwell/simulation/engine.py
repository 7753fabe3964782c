"""The NumPy engine: episodes of need through a mechanistic or a relational system, week by week.

Each replication draws its episodes once, from its own child of `SeedSequence(seed)`, and runs every
configuration asked for on the same draws (common random numbers). Everything about an episode that does
not depend on the system is drawn up front and vectorised; only the capacity-limited lists (the CMHT list,
the key-worker list) are walked week by week. The rules are in docs/simulation-model.md.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from livingwell.simulation.episodes import EMPTY, BoolArray, Episodes, FloatArray, IntArray, Record
from livingwell.simulation.measures import monthly_measures
from livingwell.simulation.parameters import Configuration, Parameters
from livingwell.simulation.results import Comparison, Replication, Results

# One random stream per purpose, in this order. Add new purposes at the end only: a stream's place in
# this tuple is its spawn key, so adding one does not shift the draws of the others.
STREAMS = (
    "arrivals",
    "severity",
    "duration",
    "asks_after",
    "u_ask",
    "u_gp",
    "u_triage",
    "u_return",
    "u_vcs",
    "u_secondary",
    "crisis_weeks",
    "crisis_outcomes",
)


def replication_seeds(seed: int, replications: int) -> list[np.random.SeedSequence]:
    """The seed sequence of each replication: `SeedSequence(seed).spawn(replications)`."""
    return np.random.SeedSequence(seed).spawn(replications)


def _streams(seed: np.random.SeedSequence) -> dict[str, np.random.Generator]:
    """One generator per purpose, the children of the replication's seed sequence."""
    return {
        name: np.random.Generator(
            np.random.PCG64(
                np.random.SeedSequence(
                    entropy=seed.entropy,
                    spawn_key=(*seed.spawn_key, index),
                    pool_size=seed.pool_size,
                )
            )
        )
        for index, name in enumerate(STREAMS)
    }


def draw_episodes(params: Parameters, seed: np.random.SeedSequence) -> Episodes:
    """Every random draw of one replication, vectorised over episodes."""
    rng = _streams(seed)
    weeks = params.warm_up_weeks + params.weeks
    counts = rng["arrivals"].poisson(params.new_episodes_per_week, size=weeks)
    n = int(counts.sum())
    start = np.repeat(np.arange(weeks, dtype=np.int64), counts)
    mild, moderate, _ = params.severity_shares
    u_severity = rng["severity"].random(n)
    severity = (u_severity >= mild).astype(np.int64) + (u_severity >= mild + moderate)
    duration = geometric(rng["duration"], 1.0 / params.mean_episode_weeks, n)
    end = start + duration
    p_asks_after = 1.0 / np.asarray(params.mean_weeks_before_asking, dtype=np.float64)
    asks_after = geometric(rng["asks_after"], p_asks_after[severity], n)
    u_ask = rng["u_ask"].random(n)

    most_ask = np.maximum(
        ask_probability(params, Configuration.MECHANISTIC),
        ask_probability(params, Configuration.RELATIONAL),
    )
    ask_week = start + asks_after
    asker = np.flatnonzero(
        (asks_after < duration) & (ask_week < weeks) & (u_ask < most_ask[severity])
    )
    n_askers = asker.size
    decisions = params.max_bounces + 1

    crisis = _crisis_weeks(params, rng["crisis_weeks"], start, end, severity, weeks)
    n_crisis = crisis[0].size
    outcomes = rng["crisis_outcomes"]
    crisis_v = outcomes.random(n_crisis)
    crisis_u_admit = outcomes.random(n_crisis)
    crisis_bed_days = geometric(outcomes, 1.0 / params.mean_length_of_stay_days, n_crisis)
    asker_of_episode = np.full(n, -1, dtype=np.int64)
    asker_of_episode[asker] = np.arange(n_askers, dtype=np.int64)

    return Episodes(
        weeks=weeks,
        start=start,
        end=end,
        severity=severity,
        asker=asker,
        a_severity=severity[asker],
        a_end=end[asker],
        a_ask_week=ask_week[asker],
        a_u_ask=u_ask[asker],
        a_u_gp=rng["u_gp"].random(n_askers),
        a_u_triage=rng["u_triage"].random((n_askers, decisions)),
        a_u_return=rng["u_return"].random((n_askers, decisions)),
        a_u_vcs=rng["u_vcs"].random(n_askers),
        a_u_secondary=rng["u_secondary"].random(n_askers),
        crisis_episode=crisis[0],
        crisis_week=crisis[1],
        crisis_v=crisis_v,
        crisis_u_admit=crisis_u_admit,
        crisis_bed_days=crisis_bed_days,
        crisis_asker=asker_of_episode[crisis[0]],
    )


def geometric(rng: np.random.Generator, p: float | FloatArray, size: int) -> IntArray:
    """Geometric draws on 1, 2, 3, ... with success probability `p` (mean 1 / p), by inversion."""
    with np.errstate(divide="ignore"):
        log_fail = np.log1p(-np.asarray(p, dtype=np.float64))
        return 1 + np.floor(np.log1p(-rng.random(size)) / log_fail).astype(np.int64)


def ask_probability(params: Parameters, configuration: Configuration) -> FloatArray:
    """The probability of asking for help, by severity, in a configuration."""
    asks = np.asarray(params.asks_for_help, dtype=np.float64)
    if configuration is Configuration.RELATIONAL:
        return np.minimum(1.0, asks * params.open_door_uplift)
    return asks


def _crisis_weeks(
    params: Parameters,
    rng: np.random.Generator,
    start: IntArray,
    end: IntArray,
    severity: IntArray,
    weeks: int,
) -> tuple[IntArray, IntArray]:
    """The reported weeks in need with `u_crisis < weekly_crisis_risk`, by geometric gaps.

    Only reported weeks matter, so each episode's gaps start at the later of its start and the
    horizon's: the weeks are independent, so where the count starts changes nothing but the work.
    """
    risk = np.asarray(params.weekly_crisis_risk, dtype=np.float64)[severity]
    first = np.maximum(start, params.warm_up_weeks)
    last = np.minimum(end, weeks)
    episode = np.flatnonzero((risk > 0) & (first < last))
    week = first[episode] - 1
    last = last[episode]
    found_episode: list[IntArray] = []
    found_week: list[IntArray] = []
    while episode.size:
        week = week + geometric(rng, risk[episode], episode.size)
        inside = week < last
        episode, week, last = episode[inside], week[inside], last[inside]
        found_episode.append(episode)
        found_week.append(week)
    if not found_episode:
        return EMPTY, EMPTY
    return np.concatenate(found_episode), np.concatenate(found_week)


class WaitingList:
    """A first-in, first-out list for a capacity-limited service, and its places.

    Plain Python: a week moves a few dozen people at most, too few for NumPy calls to pay. Every stay
    on the list is a slot, in the order people joined: `person`, `returns` (re-referrals or returns
    so far), `joined` (week) and `entry` (the week they got a place, or -1). `freed[week]` counts
    the places freed in a week by people leaving.
    """

    def __init__(self, *, capacity: int, weeks: int, max_service_weeks: int) -> None:
        self.person: list[int] = []
        self.returns: list[int] = []
        self.joined: list[int] = []
        self.entry: list[int] = []
        self.waiting: deque[int] = deque()
        self.free = capacity
        self.freed = [0] * (weeks + max_service_weeks + 2)

    def join(self, person: list[int], returns: list[int], week: int) -> None:
        """People join the back of the list, in this order."""
        count = len(person)
        self.waiting.extend(range(len(self.person), len(self.person) + count))
        self.person.extend(person)
        self.returns.extend(returns)
        self.joined.extend([week] * count)
        self.entry.extend([-1] * count)

    def admit(self, week: int, end: list[int]) -> list[int]:
        """Fill free places from the front of the list; people whose need has ended leave it."""
        free = self.free + self.freed[week]
        waiting = self.waiting
        if not (free and waiting):
            self.free = free
            return []
        person, entry = self.person, self.entry
        admitted = []
        while free and waiting:
            slot = waiting.popleft()
            if end[person[slot]] > week:
                entry[slot] = week
                admitted.append(slot)
                free -= 1
        self.free = free
        return admitted

    def stays(self) -> tuple[IntArray, IntArray]:
        """(person, first week) of every place given."""
        entry = np.asarray(self.entry, dtype=np.int64)
        given = entry >= 0
        return np.asarray(self.person, dtype=np.int64)[given], entry[given]

    def waiting_intervals(self, end: IntArray) -> tuple[IntArray, IntArray, IntArray]:
        """(person, from, to) of every stay on the list: to the place, or to the end of need."""
        person = np.asarray(self.person, dtype=np.int64)
        entry = np.asarray(self.entry, dtype=np.int64)
        to = np.where(entry >= 0, entry, end[person])
        return person, np.asarray(self.joined, dtype=np.int64), to


@dataclass
class _Log:
    """Events found inside the weekly loop, one at a time, as plain lists."""

    referrals: list[int] = field(default_factory=list)
    turned_back: list[int] = field(default_factory=list)
    turned_back_person: list[int] = field(default_factory=list)
    bounces: list[int] = field(default_factory=list)
    bounce_person: list[int] = field(default_factory=list)
    assessments: list[int] = field(default_factory=list)

    def into(self, record: Record) -> None:
        for name in (
            "referrals",
            "turned_back",
            "turned_back_person",
            "bounces",
            "bounce_person",
            "assessments",
        ):
            getattr(record, name).append(np.asarray(getattr(self, name), dtype=np.int64))


class _Triage:
    """Triage at the single point of access, and the re-referrals after a rejection."""

    def __init__(self, params: Parameters, episodes: Episodes) -> None:
        acceptance = np.asarray(params.triage_acceptance, dtype=np.float64)
        self.accepted = episodes.a_u_triage < acceptance[episodes.a_severity][:, np.newaxis]
        self.back = episodes.a_u_return < params.rejected_return_to_gp
        self.params = params
        self.episodes = episodes

    def first_referrals(
        self, person: IntArray, week: IntArray, record: Record
    ) -> tuple[IntArray, IntArray, IntArray]:
        """Referrals made in `week`, vectorised: (person, week, returns) of those who join the list."""
        e, params = self.episodes, self.params
        returns = np.zeros(person.size, dtype=np.int64)
        joined: list[tuple[IntArray, IntArray, IntArray]] = []
        while person.size:
            record.referrals.append(week)
            accepted = self.accepted[person, returns]
            joined.append((person[accepted], week[accepted], returns[accepted]))
            rejected = ~accepted
            person, week, returns = person[rejected], week[rejected], returns[rejected]
            record.turned_back.append(week)
            record.turned_back_person.append(person)
            again = week + params.re_referral_weeks
            back = (
                (returns < params.max_bounces)
                & self.back[person, np.minimum(returns, params.max_bounces)]
                & (again < e.a_end[person])
                & (again < e.weeks)
            )
            person, week, returns = person[back], again[back], returns[back] + 1
            record.bounces.append(week)
            record.bounce_person.append(person)
        return (
            np.concatenate([j[0] for j in joined]) if joined else EMPTY,
            np.concatenate([j[1] for j in joined]) if joined else EMPTY,
            np.concatenate([j[2] for j in joined]) if joined else EMPTY,
        )

    def referral(
        self, person: int, week: int, returns: int, end: list[int], log: _Log
    ) -> tuple[int, int] | None:
        """One re-referral, in the weekly loop: (week, returns) when the person joins the list."""
        accepted, back, params = self.accepted, self.back, self.params
        while True:
            log.referrals.append(week)
            if accepted.item(person, returns):
                return week, returns
            log.turned_back.append(week)
            log.turned_back_person.append(person)
            again = week + params.re_referral_weeks
            if not (
                returns < params.max_bounces
                and back.item(person, returns)
                and again < end[person]
                and again < self.episodes.weeks
            ):
                return None
            week, returns = again, returns + 1
            log.bounces.append(week)
            log.bounce_person.append(person)


class _Calendar:
    """Who joins a list in which week: the first joins known up front, later ones added as they come."""

    def __init__(self, person: IntArray, week: IntArray, returns: IntArray, weeks: int) -> None:
        order = np.argsort(week, kind="stable")
        self.person: list[int] = person[order].tolist()
        self.returns: list[int] = returns[order].tolist()
        self.bounds: list[int] = np.searchsorted(week[order], np.arange(weeks + 1)).tolist()
        self.later: dict[int, tuple[list[int], list[int]]] = {}

    def add(self, person: int, week: int, returns: int) -> None:
        people, their_returns = self.later.setdefault(week, ([], []))
        people.append(person)
        their_returns.append(returns)

    def joining(self, week: int) -> tuple[list[int], list[int]] | None:
        """(people, their returns so far) joining in this week, in order; None if nobody."""
        low, high = self.bounds[week], self.bounds[week + 1]
        later = self.later.pop(week, None)
        if high == low:
            return later
        first = (self.person[low:high], self.returns[low:high])
        if later is None:
            return first
        return first[0] + later[0], first[1] + later[1]


def _first_places(person: IntArray, begin: IntArray) -> BoolArray:
    """Which of these places are the person's first in the episode."""
    order = np.argsort(begin, kind="stable")
    _, first_index = np.unique(person[order], return_index=True)
    first = np.zeros(person.size, dtype=np.bool_)
    first[order[first_index]] = True
    return first


def _run_mechanistic(params: Parameters, e: Episodes) -> Record:
    record = Record()
    asks = ask_probability(params, Configuration.MECHANISTIC)
    askers = np.flatnonzero(e.a_u_ask < asks[e.a_severity])
    record.asked = e.a_ask_week[askers]
    record.asked_person = askers
    gp_refers = np.asarray(params.gp_refers, dtype=np.float64)
    in_primary_care = e.a_u_gp[askers] >= gp_refers[e.a_severity[askers]]
    gp_person = askers[in_primary_care]
    record.helped.append(e.a_ask_week[gp_person])
    record.stay("primary_care", gp_person, e.a_ask_week[gp_person], e.a_end[gp_person])

    triage = _Triage(params, e)
    referred = askers[~in_primary_care]
    joined = triage.first_referrals(referred, e.a_ask_week[referred], record)
    record.assessments.append(joined[1])
    calendar = _Calendar(*joined, weeks=e.weeks)
    cmht = WaitingList(
        capacity=params.care_coordinators * params.caseload_per_coordinator,
        weeks=e.weeks,
        max_service_weeks=params.max_service_weeks,
    )
    end = e.a_end.tolist()
    back = e.a_u_return < params.re_referral_after_discharge
    limit, again_after, max_bounces = (
        params.max_service_weeks,
        params.re_referral_weeks,
        params.max_bounces,
    )
    log = _Log()
    weeks, freed, people, their_returns = e.weeks, cmht.freed, cmht.person, cmht.returns
    for week in range(weeks):
        joining = calendar.joining(week)
        if joining is not None:
            cmht.join(*joining, week)
        for slot in cmht.admit(week, end):
            person = people[slot]
            need_ends = end[person]
            leave = week + limit
            if leave >= need_ends:
                freed[need_ends] += 1
                continue
            freed[leave] += 1
            # Discharged while still in need: back to the GP, and perhaps referred again.
            returns = their_returns[slot]
            again = leave + again_after
            if returns < max_bounces and back.item(person, returns) and again < need_ends:
                if again >= weeks:
                    continue
                log.bounces.append(again)
                log.bounce_person.append(person)
                join = triage.referral(person, again, returns + 1, end, log)
                if join is not None:
                    calendar.add(person, *join)
                    log.assessments.append(join[0])
    log.into(record)

    placed, begin = cmht.stays()
    record.stay("secondary_care", placed, begin, np.minimum(e.a_end[placed], begin + limit))
    first = _first_places(placed, begin)
    record.helped.append(begin[first])
    record.wait_week.append(begin[first])
    record.wait.append(begin[first] - e.a_ask_week[placed[first]])
    record.waiting.append(cmht.waiting_intervals(e.a_end))
    return record


def _run_relational(params: Parameters, e: Episodes) -> Record:
    record = Record()
    asks = ask_probability(params, Configuration.RELATIONAL)
    askers = np.flatnonzero(e.a_u_ask < asks[e.a_severity])
    record.asked = e.a_ask_week[askers]
    record.asked_person = askers
    calendar = _Calendar(
        askers, e.a_ask_week[askers], np.zeros(askers.size, np.int64), weeks=e.weeks
    )
    key_workers = WaitingList(
        capacity=params.key_workers * params.caseload_per_key_worker,
        weeks=e.weeks,
        max_service_weeks=params.max_service_weeks,
    )
    cmht = WaitingList(
        capacity=params.care_coordinators * params.caseload_per_coordinator,
        weeks=e.weeks,
        max_service_weeks=params.max_service_weeks,
    )
    end = e.a_end.tolist()
    needs_secondary = np.asarray(params.needs_secondary_care, dtype=np.float64)
    secondary = (e.a_u_secondary < needs_secondary[e.a_severity]).tolist()
    back = e.a_u_return < params.re_referral_after_discharge
    had_key_worker = [False] * len(end)
    limit, again_after, max_bounces = (
        params.max_service_weeks,
        params.re_referral_weeks,
        params.max_bounces,
    )
    weeks, kw_freed, cmht_freed = e.weeks, key_workers.freed, cmht.freed
    kw_people, kw_returns, cmht_people = key_workers.person, key_workers.returns, cmht.person
    for week in range(weeks):
        joining = calendar.joining(week)
        if joining is not None:
            key_workers.join(*joining, week)
        for slot in key_workers.admit(week, end):
            person = kw_people[slot]
            need_ends = end[person]
            if not had_key_worker[person]:
                had_key_worker[person] = True
                if secondary[person]:
                    cmht.join([person], [0], week)
            leave = week + limit
            if leave >= need_ends:
                kw_freed[need_ends] += 1
                continue
            kw_freed[leave] += 1
            # Support ended while still in need: easy back through the front door.
            returns = kw_returns[slot]
            again = leave + again_after
            if (
                returns < max_bounces
                and back.item(person, returns)
                and again < need_ends
                and again < weeks
            ):
                calendar.add(person, again, returns + 1)
        for slot in cmht.admit(week, end):
            cmht_freed[min(end[cmht_people[slot]], week + limit)] += 1

    placed, begin = key_workers.stays()
    record.stay("living_well", placed, begin, np.minimum(e.a_end[placed], begin + limit))
    first = _first_places(placed, begin)
    new, new_begin = placed[first], begin[first]
    record.helped.append(new_begin)
    record.wait_week.append(new_begin)
    record.wait.append(new_begin - e.a_ask_week[new])
    introduced = e.a_u_vcs[new] < params.warm_introduction_vcs
    record.vcs_introductions.append(new_begin[introduced])
    record.stay(
        "voluntary_community", new[introduced], new_begin[introduced], e.a_end[new[introduced]]
    )
    record.assessments.append(np.asarray(cmht.joined, dtype=np.int64))
    cmht_person, cmht_begin = cmht.stays()
    record.stay(
        "secondary_care",
        cmht_person,
        cmht_begin,
        np.minimum(e.a_end[cmht_person], cmht_begin + limit),
    )
    record.waiting.append(key_workers.waiting_intervals(e.a_end))
    record.waiting.append(cmht.waiting_intervals(e.a_end))
    return record


RUNNERS = {
    Configuration.MECHANISTIC: _run_mechanistic,
    Configuration.RELATIONAL: _run_relational,
}


def run_replication(
    params: Parameters,
    seed: np.random.SeedSequence,
    configurations: Sequence[Configuration],
) -> dict[Configuration, Replication]:
    """One replication: draw the episodes once, run each configuration on them, measure by month."""
    episodes = draw_episodes(params, seed)
    return {
        configuration: monthly_measures(params, episodes, RUNNERS[configuration](params, episodes))
        for configuration in configurations
    }


def _replication_task(
    task: tuple[Parameters, np.random.SeedSequence, tuple[Configuration, ...]],
) -> dict[Configuration, Replication]:
    return run_replication(*task)


def _run(
    params: Parameters,
    configurations: tuple[Configuration, ...],
    seed: int,
    replications: int,
    processes: int,
) -> list[dict[Configuration, Replication]]:
    if replications < 1:
        raise ValueError("replications must be at least 1")
    tasks = [(params, child, configurations) for child in replication_seeds(seed, replications)]
    processes = max(1, min(processes, replications))
    if processes == 1:
        return [_replication_task(task) for task in tasks]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with context.Pool(processes) as pool:
        return pool.map(_replication_task, tasks, chunksize=1)


def simulate(
    params: Parameters,
    *,
    configuration: Configuration | str,
    seed: int,
    replications: int,
    processes: int = 1,
) -> Results:
    """Run one configuration; the same seed gives the same results, whatever `processes`."""
    chosen = Configuration(configuration)
    runs = _run(params, (chosen,), seed, replications, processes)
    return Results.from_replications(params, chosen, seed, [run[chosen] for run in runs])


def compare(params: Parameters, seed: int, replications: int, *, processes: int = 1) -> Comparison:
    """Run both configurations on the same episodes (the same seeds), with their difference."""
    both = (Configuration.MECHANISTIC, Configuration.RELATIONAL)
    runs = _run(params, both, seed, replications, processes)
    return Comparison(
        mechanistic=Results.from_replications(
            params, both[0], seed, [run[both[0]] for run in runs]
        ),
        relational=Results.from_replications(params, both[1], seed, [run[both[1]] for run in runs]),
    )
