"""A SimPy twin of the whole-system simulator, written from docs/simulation-model.md.

It exists to cross-check the NumPy engine (test_simpy_twin.py): the two must agree within sampling
error, not draw for draw. Every episode of need is a SimPy process; the CMHT and key-worker lists
are `simpy.Resource`s (first in, first out, capacity = places). Time is in weeks. Within a week,
need and support end (freeing places) at `week + 0`; then people ask, are re-referred or come back,
and join a list at `week + 0.5`, taking a free place at once if there is one. Crises, costs and
month-end counts are tallied from each episode's record once the run is over.

It follows the document's "Precise rules" too: among them, new episodes a week are
Poisson(adults x (1 - prevalence) x weekly_incidence); the run starts with nobody in need,
`warm_up_years` before the reported horizon; waits run from asking to a first CMHT place or key
worker; a return through the front door is not a bounce but counts towards `max_bounces`; a person
joins the CMHT list (relational) only with their first key worker; bed days count in the month of
the admission. Its random draws are its own: `u_triage` and `u_return` are drawn as decisions come.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import simpy
from numpy.typing import NDArray

from livingwell.simulation.parameters import Configuration, Parameters

SECTORS = (
    "primary_care",
    "secondary_care",
    "living_well",
    "voluntary_community",
    "crisis",
    "inpatient",
)
COUNTS = ("asked", "helped", "turned_back", "bounces", "crisis_contacts", "bed_days")

JOIN = 0.5
"""When, within a week, people ask and join lists: after the week's places have been freed."""

Request = simpy.resources.resource.Request
Process = Generator[simpy.Event, object, None]
Waiting = Generator[simpy.Event, object, Request | None]
Serving = Generator[simpy.Event, object, bool]


@dataclass
class Episode:
    """One episode of need: the same draws in both configurations of a replication."""

    start: int
    end: int  # the first week no longer in need
    severity: int
    ask_week: int | None  # None: never asks in this configuration
    u_gp: float
    u_vcs: float
    u_secondary: float
    spells: list[tuple[str, int, int]] = field(default_factory=list)  # service, weeks [from, to)
    vcs_from: int | None = None  # week of the warm introduction to community support
    first_entry: int | None = None
    comebacks: int = 0  # re-referrals (mechanistic) or returns (relational), for `max_bounces`


@dataclass
class TwinReplication:
    """One replication: arrays by month of the reported horizon, and the waits of those helped.

    Flows count events in the month they happen (bed days in the month of the admission); unmet
    need is the people in need and in no service in the last week of each month.
    """

    asked: NDArray[np.int64]
    helped: NDArray[np.int64]
    turned_back: NDArray[np.int64]
    bounces: NDArray[np.int64]
    unmet_need: NDArray[np.int64]
    crisis_contacts: NDArray[np.int64]
    bed_days: NDArray[np.int64]
    cost: dict[str, NDArray[np.float64]]
    waits: list[int]  # weeks from asking to a first CMHT place or key worker, in the horizon
    bounces_per_person: list[int]  # re-referrals of each person who asked in the horizon

    @property
    def total_cost(self) -> NDArray[np.float64]:
        """Cost of all sectors, by month."""
        total: NDArray[np.float64] = np.sum([self.cost[sector] for sector in SECTORS], axis=0)
        return total

    def total(self, measure: str) -> float:
        """`measure` over the horizon: its sum, but the mean over months of `unmet_need`.

        `mean_wait` is the mean of the waits (nan if none); `total_cost` is all sectors' costs.
        """
        if measure == "mean_wait":
            return float(np.mean(self.waits)) if self.waits else float("nan")
        if measure == "unmet_need":
            return float(self.unmet_need.mean())
        if measure in SECTORS:
            return float(self.cost[measure].sum())
        if measure == "total_cost":
            return float(self.total_cost.sum())
        return float(getattr(self, measure).sum())


@dataclass
class TwinResults:
    """The replications of one configuration."""

    configuration: str
    replications: list[TwinReplication]

    def totals(self, measure: str) -> NDArray[np.float64]:
        """Per replication, `measure` over the horizon (see `TwinReplication.total`)."""
        return np.array([r.total(measure) for r in self.replications])

    def monthly(self, measure: str) -> NDArray[np.float64]:
        """A count, `unmet_need`, `total_cost` or a sector's cost: (replications, months)."""
        return np.array(
            [
                r.cost[measure] if measure in SECTORS else getattr(r, measure)
                for r in self.replications
            ],
            dtype=np.float64,
        )


def simulate_twin(
    params: Parameters, *, configuration: str, seed: int, replications: int
) -> TwinResults:
    """Run the model with SimPy; replication `r` uses `SeedSequence(seed).spawn(replications)[r]`."""
    config = Configuration(configuration)
    sequences = np.random.SeedSequence(seed).spawn(replications)
    return TwinResults(
        configuration=config.value,
        replications=[_Replication(params, config, sequence).run() for sequence in sequences],
    )


def _geometric(
    rng: np.random.Generator, mean: float | NDArray[np.float64], size: int
) -> NDArray[np.int64]:
    """Whole numbers at least 1 with the given mean."""
    return rng.geometric(1.0 / np.asarray(mean, dtype=float), size=size)


class _Replication:
    """One replication of one configuration: the episodes, the SimPy environment and the tallies."""

    def __init__(
        self, params: Parameters, config: Configuration, sequence: np.random.SeedSequence
    ) -> None:
        self.p = params
        self.config = config
        episodes_seq, decisions_seq, crisis_seq = sequence.spawn(3)
        self.decisions = np.random.default_rng(decisions_seq)
        self.crisis_rng = np.random.default_rng(crisis_seq)
        self.warm_up = params.warm_up_weeks
        self.total_weeks = params.warm_up_weeks + params.weeks
        self.episodes = self._draw_episodes(np.random.default_rng(episodes_seq))
        self.env = simpy.Environment()
        cmht_places = params.care_coordinators * params.caseload_per_coordinator
        key_worker_places = params.key_workers * params.caseload_per_key_worker
        self.cmht = simpy.Resource(self.env, capacity=cmht_places) if cmht_places else None
        self.key_workers = (
            simpy.Resource(self.env, capacity=key_worker_places) if key_worker_places else None
        )
        weeks = self.total_weeks
        self.weekly = {name: np.zeros(weeks, dtype=np.int64) for name in COUNTS}
        self.waits: list[int] = []

    # Episodes, drawn before the run -------------------------------------------------------------

    def _draw_episodes(self, rng: np.random.Generator) -> list[Episode]:
        p = self.p
        # The adults not in need times their weekly incidence (docs, "Time and people").
        new = rng.poisson(p.adults * (1 - p.prevalence) * p.weekly_incidence, size=self.total_weeks)
        starts = np.repeat(np.arange(self.total_weeks), new)
        n = starts.size
        severity = rng.choice(3, size=n, p=np.asarray(p.severity_shares) / sum(p.severity_shares))
        duration = _geometric(rng, p.mean_episode_weeks, n)
        asks_after = _geometric(rng, np.asarray(p.mean_weeks_before_asking)[severity], n)
        u_ask, u_gp, u_vcs, u_secondary = rng.random((4, n))
        ask_probability = np.asarray(p.asks_for_help)[severity]
        if self.config is Configuration.RELATIONAL:
            ask_probability = np.minimum(1.0, ask_probability * p.open_door_uplift)
        asks = (asks_after < duration) & (u_ask < ask_probability)
        return [
            Episode(
                start=int(starts[i]),
                end=int(starts[i] + duration[i]),
                severity=int(severity[i]),
                ask_week=int(starts[i] + asks_after[i]) if asks[i] else None,
                u_gp=float(u_gp[i]),
                u_vcs=float(u_vcs[i]),
                u_secondary=float(u_secondary[i]),
            )
            for i in range(n)
        ]

    # The run ------------------------------------------------------------------------------------

    def run(self) -> TwinReplication:
        episode_process = (
            self._mechanistic if self.config is Configuration.MECHANISTIC else self._relational
        )
        for episode in self.episodes:
            self.env.process(episode_process(episode))
        self.env.run(until=self.total_weeks)
        return self._tally()

    def _count(self, name: str, week: int) -> None:
        if week < self.total_weeks:
            self.weekly[name][week] += 1

    def _enter(self, episode: Episode, week: int, *, waited: bool = True) -> None:
        """The person enters a service: helped, the first time; a wait, if it was from a list."""
        if episode.first_entry is None:
            episode.first_entry = week
            self._count("helped", week)
            if waited and week >= self.warm_up and episode.ask_week is not None:
                self.waits.append(week - episode.ask_week)

    def _take_place(self, resource: simpy.Resource | None, episode: Episode) -> Waiting:
        """Wait first in, first out for a place; None if the need ends first."""
        if resource is None:  # no places at all
            yield self.env.timeout(episode.end - self.env.now)
            return None
        request = resource.request()
        if request.triggered:  # a free place
            return request
        yield request | self.env.timeout(episode.end - self.env.now)
        if not request.triggered:
            request.cancel()
            return None
        if self.env.now >= episode.end:  # a place came free the very week the need ended
            resource.release(request)
            return None
        return request

    def _serve(
        self, service: str, resource: simpy.Resource, request: Request, episode: Episode
    ) -> Serving:
        """Support from this week until the need ends or `max_service_weeks`; True if in need."""
        entry = int(self.env.now)
        leaves = min(episode.end, entry + self.p.max_service_weeks)
        episode.spells.append((service, entry, leaves))
        yield self.env.timeout(leaves - self.env.now)
        resource.release(request)
        return leaves < episode.end

    def _again_after(self, episode: Episode, probability: float) -> Serving:
        """Come back `re_referral_weeks` later with a probability, if still in need.

        At most `max_bounces` times. A re-referral (mechanistic) is a bounce; a return through the
        front door (relational) is not.
        """
        if self.decisions.random() >= probability or episode.comebacks >= self.p.max_bounces:
            return False
        week = int(self.env.now) + self.p.re_referral_weeks
        if week >= episode.end:
            return False
        yield self.env.timeout(week + JOIN - self.env.now)
        episode.comebacks += 1
        if self.config is Configuration.MECHANISTIC:
            self._count("bounces", week)
        return True

    def _asks(self, episode: Episode) -> Process:
        """Wait until the week the person asks, and count it."""
        assert episode.ask_week is not None
        yield self.env.timeout(episode.ask_week + JOIN)
        self._count("asked", episode.ask_week)

    def _mechanistic(self, episode: Episode) -> Process:
        """GP, single point of access, triage, the CMHT list; bounces back to the GP."""
        if episode.ask_week is None:
            return
        yield from self._asks(episode)
        p, severity = self.p, episode.severity
        if episode.u_gp >= p.gp_refers[severity]:  # managed in primary care while in need
            episode.spells.append(("primary_care", episode.ask_week, episode.end))
            self._enter(episode, episode.ask_week, waited=False)
            return
        while True:
            if self.decisions.random() < p.triage_acceptance[severity]:
                request = yield from self._take_place(self.cmht, episode)
                if request is None:
                    return
                self._enter(episode, int(self.env.now))
                assert self.cmht is not None
                in_need = yield from self._serve("secondary_care", self.cmht, request, episode)
                if not in_need:
                    return
                again = yield from self._again_after(episode, p.re_referral_after_discharge)
            else:
                self._count("turned_back", int(self.env.now))
                again = yield from self._again_after(episode, p.rejected_return_to_gp)
            if not again:
                return

    def _relational(self, episode: Episode) -> Process:
        """The open front door, the key-worker list, the CMHT without a referral; easy back."""
        if episode.ask_week is None:
            return
        yield from self._asks(episode)
        p, severity = self.p, episode.severity
        while True:
            request = yield from self._take_place(self.key_workers, episode)
            if request is None:
                return
            week = int(self.env.now)
            if episode.first_entry is None:  # the first key worker
                if episode.u_vcs < p.warm_introduction_vcs:
                    episode.vcs_from = week
                if episode.u_secondary < p.needs_secondary_care[severity]:
                    self.env.process(self._secondary_care(episode))
            self._enter(episode, week)
            assert self.key_workers is not None
            in_need = yield from self._serve("living_well", self.key_workers, request, episode)
            if not in_need:
                return
            again = yield from self._again_after(episode, p.re_referral_after_discharge)
            if not again:
                return

    def _secondary_care(self, episode: Episode) -> Process:
        """The CMHT, joined when the person first gets a key worker: its list, then its care."""
        request = yield from self._take_place(self.cmht, episode)
        if request is not None:
            assert self.cmht is not None
            yield from self._serve("secondary_care", self.cmht, request, episode)

    # Tallies ------------------------------------------------------------------------------------

    def _tally(self) -> TwinReplication:
        """Costs, crises, bed days and month-end unmet need from the episodes' records, by month."""
        p, weeks = self.p, self.total_weeks
        weekly_cost_of = {
            "primary_care": p.cost_gp_contact / p.gp_contact_every_weeks,
            "secondary_care": p.cmht_contacts_per_week * p.cost_cmht_contact,
            "living_well": p.key_worker_contacts_per_week * p.cost_key_worker_contact,
        }
        cost: dict[str, NDArray[np.float64]] = {sector: np.zeros(weeks + 1) for sector in SECTORS}
        in_need = np.zeros(weeks + 1, dtype=np.int64)
        in_service = np.zeros(weeks + 1, dtype=np.int64)
        introductions = np.zeros(weeks + 1)
        crises: list[int] = []
        for episode in self.episodes:
            end = min(episode.end, weeks)
            in_need[episode.start] += 1
            in_need[end] -= 1
            for service, first, last in episode.spells:
                cost[service][first] += weekly_cost_of[service]
                cost[service][min(last, weeks)] -= weekly_cost_of[service]
            if episode.vcs_from is not None:
                introductions[episode.vcs_from] += p.cost_warm_introduction_vcs
                cost["voluntary_community"][episode.vcs_from] += p.cost_vcs_per_week
                cost["voluntary_community"][end] -= p.cost_vcs_per_week
            served = _union(episode.spells, episode.start, end)
            for first, last in served:
                in_service[first] += 1
                in_service[last] -= 1
            crises.extend(self._crises(episode, served, end))
        for sector in ("primary_care", "secondary_care", "living_well", "voluntary_community"):
            cost[sector] = np.cumsum(cost[sector])
        cost["voluntary_community"] += introductions
        unmet = np.cumsum(in_need) - np.cumsum(in_service)

        crisis_weeks = np.asarray(crises, dtype=np.int64)
        admitted = self.crisis_rng.random(crisis_weeks.size) < p.admission_given_crisis
        stays = _geometric(self.crisis_rng, p.mean_length_of_stay_days, int(admitted.sum()))
        self.weekly["crisis_contacts"] = np.bincount(crisis_weeks, minlength=weeks)[:weeks]
        self.weekly["bed_days"] = np.bincount(
            crisis_weeks[admitted], weights=stays, minlength=weeks
        ).astype(np.int64)[:weeks]
        cost["crisis"] = self.weekly["crisis_contacts"].astype(np.float64) * p.cost_crisis_contact
        cost["inpatient"] = self.weekly["bed_days"].astype(np.float64) * p.cost_bed_day

        month = (np.arange(p.weeks) * 12) // 52
        horizon = slice(self.warm_up, weeks)

        def by_month(weekly: NDArray[Any]) -> NDArray[Any]:
            return np.bincount(month, weights=weekly[horizon], minlength=p.months)

        month_ends = self.warm_up + np.searchsorted(month, np.arange(p.months), side="right") - 1
        return TwinReplication(
            **{name: by_month(self.weekly[name]).round().astype(np.int64) for name in COUNTS},
            unmet_need=unmet[month_ends],
            cost={sector: by_month(cost[sector][:weeks]) for sector in SECTORS},
            waits=self.waits,
            bounces_per_person=[
                e.comebacks if self.config is Configuration.MECHANISTIC else 0
                for e in self.episodes
                if e.ask_week is not None and self.warm_up <= e.ask_week < weeks
            ],
        )

    def _crises(self, episode: Episode, served: list[tuple[int, int]], end: int) -> list[int]:
        """The weeks of this person's crisis contacts: a weekly risk, lower while in a service."""
        risk = self.p.weekly_crisis_risk[episode.severity]
        weeks: list[int] = []
        edges = [episode.start, *[w for spell in served for w in spell], end]
        for i in range(len(edges) - 1):
            first, last = edges[i], edges[i + 1]
            in_service = i % 2 == 1
            n = last - first
            if n <= 0:
                continue
            k = int(
                self.crisis_rng.binomial(
                    n, risk * self.p.crisis_risk_in_service if in_service else risk
                )
            )
            if k:
                weeks.extend((first + self.crisis_rng.choice(n, size=k, replace=False)).tolist())
        return weeks


def _union(spells: list[tuple[str, int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The weeks in a service, as sorted disjoint [from, to) intervals within [start, end)."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted((max(a, start), min(b, end)) for _, a, b in spells):
        if last <= first:
            continue
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
