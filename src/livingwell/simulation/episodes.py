"""What one replication is made of, shared by the engine that fills it and the measures that read it:
`Episodes` (the episodes of need and every draw) and `Record` (what happened in one configuration)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

EMPTY = np.empty(0, dtype=np.int64)


@dataclass
class Episodes:
    """One replication's episodes of need and every draw the systems read, shared by both.

    Arrays over all episodes: `start`, `end` (first week not in need), `severity`. The people who may ask
    (those whose `asks_after` falls within their need and whose `u_ask` is under the larger of the two
    configurations' probabilities) are "askers"; the arrays prefixed `a_` are over them only.
    """

    weeks: int
    start: IntArray
    end: IntArray
    severity: IntArray
    asker: IntArray  # index of each asker among all episodes
    a_severity: IntArray
    a_end: IntArray
    a_ask_week: IntArray
    a_u_ask: FloatArray
    a_u_gp: FloatArray
    a_u_triage: FloatArray  # (askers, max_bounces + 1)
    a_u_return: FloatArray  # (askers, max_bounces + 1)
    a_u_vcs: FloatArray
    a_u_secondary: FloatArray
    # The weeks in which a crisis may happen (u_crisis < weekly_crisis_risk), and what follows
    crisis_episode: IntArray
    crisis_week: IntArray
    crisis_v: FloatArray  # u_crisis / weekly_crisis_risk, uniform on [0, 1)
    crisis_u_admit: FloatArray
    crisis_bed_days: IntArray
    crisis_asker: IntArray  # the episode's index among askers, or -1


@dataclass
class Record:
    """What happened in one configuration, as events (weeks) and stays, over askers."""

    asked: IntArray = field(default_factory=lambda: EMPTY)
    asked_person: IntArray = field(default_factory=lambda: EMPTY)
    helped: list[IntArray] = field(default_factory=list)
    referrals: list[IntArray] = field(default_factory=list)
    turned_back: list[IntArray] = field(default_factory=list)
    turned_back_person: list[IntArray] = field(default_factory=list)
    bounces: list[IntArray] = field(default_factory=list)
    bounce_person: list[IntArray] = field(default_factory=list)
    assessments: list[IntArray] = field(default_factory=list)
    wait_week: list[IntArray] = field(default_factory=list)
    wait: list[IntArray] = field(default_factory=list)
    vcs_introductions: list[IntArray] = field(default_factory=list)
    # (person, from, to) by kind: "primary_care", "secondary_care", "living_well", "voluntary_community"
    service: dict[str, list[tuple[IntArray, IntArray, IntArray]]] = field(default_factory=dict)
    waiting: list[tuple[IntArray, IntArray, IntArray]] = field(default_factory=list)

    def stay(self, kind: str, person: IntArray, begin: IntArray, end: IntArray) -> None:
        self.service.setdefault(kind, []).append((person, begin, end))
