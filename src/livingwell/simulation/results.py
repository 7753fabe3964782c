"""Results across replications: per configuration, and the difference between them.

Every measure is a monthly array per replication, and a total per replication. Intervals are the mean and
the 2.5th and 97.5th percentiles across replications; the difference is taken replication by replication
(relational minus mechanistic, on the same episodes), so common random numbers narrow it.
"""

from __future__ import annotations

import csv
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from livingwell.simulation.parameters import Parameters

FloatArray = npt.NDArray[np.float64]

# Every monthly measure, with what it means (docs/simulation-model.md, "Measures").
MEASURES: dict[str, str] = {
    "asked": "people who asked for help",
    "helped": "people who entered a service for the first time in their episode of need",
    "referrals": "referrals triaged at the single point of access (mechanistic only)",
    "turned_back": "referrals turned back at triage",
    "bounces": "re-referrals after being turned back or discharged",
    "secondary_care_assessments": "people joining the CMHT list",
    "wait_median": "median weeks from asking to a CMHT place or a key worker",
    "wait_p90": "90th percentile of weeks from asking to a CMHT place or a key worker",
    "wait_mean": "mean weeks from asking to a CMHT place or a key worker",
    "in_need": "people in need at the end of the month",
    "in_service": "people in a service at the end of the month",
    "waiting": "people on a list at the end of the month",
    "unmet_need": "people in need and in no service at the end of the month",
    "crisis_contacts": "crisis contacts",
    "admissions": "admissions after a crisis contact",
    "bed_days": "inpatient bed days (counted in the month of the admission)",
    "cost_primary_care": "cost of GP care, pounds",
    "cost_secondary_care": "cost of CMHT care, pounds",
    "cost_living_well": "cost of key workers, pounds",
    "cost_voluntary_community": "cost of warm introductions and community support, pounds",
    "cost_crisis": "cost of crisis contacts, pounds",
    "cost_inpatient": "cost of bed days, pounds",
    "cost_total": "total cost, pounds",
    "cost_per_person_helped": "total cost over people helped, pounds",
}

# Totals that have no monthly series.
TOTAL_ONLY: dict[str, str] = {
    "people_turned_back": "people turned back at least once",
    "bounces_per_person_asked": "re-referrals per person who asked",
    "bounced_0": "share of people who asked who never bounced",
    "bounced_1": "share of people who asked who bounced once",
    "bounced_2": "share of people who asked who bounced twice",
    "bounced_3_or_more": "share of people who asked who bounced three times or more",
}

STOCKS = frozenset({"in_need", "in_service", "waiting", "unmet_need"})
WAITS = frozenset({"wait_median", "wait_p90", "wait_mean"})


@dataclass(frozen=True)
class Replication:
    """One replication of one configuration: each measure by month, and its total."""

    monthly: dict[str, FloatArray]
    totals: dict[str, float]


@dataclass(frozen=True)
class Interval:
    """The mean, and the 2.5th and 97.5th percentiles, across replications (NaN if no figure)."""

    mean: float
    low: float
    high: float

    def as_dict(self) -> dict[str, float | None]:
        return {key: _finite_or_none(value) for key, value in vars(self).items()}


def _finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _across(values: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Mean, 2.5th and 97.5th percentiles along the first axis, ignoring NaN (months with no one)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices give NaN, as they should
        mean = np.nanmean(values, axis=0)
        low, high = np.nanpercentile(values, [2.5, 97.5], axis=0)
    return mean, low, high


@dataclass(frozen=True)
class Results:
    """One configuration (or the difference) over replications.

    `monthly[measure]` has shape (replications, months); `totals[measure]` has shape (replications,).
    """

    configuration: str
    parameters: Parameters
    seed: int
    monthly: dict[str, FloatArray]
    totals: dict[str, FloatArray]

    @classmethod
    def from_replications(
        cls,
        parameters: Parameters,
        configuration: str,
        seed: int,
        replications: Sequence[Replication],
    ) -> Results:
        return cls(
            configuration=str(configuration),
            parameters=parameters,
            seed=seed,
            monthly={name: np.stack([r.monthly[name] for r in replications]) for name in MEASURES},
            totals={
                name: np.array([r.totals[name] for r in replications], dtype=np.float64)
                for name in (*MEASURES, *TOTAL_ONLY)
            },
        )

    @property
    def replications(self) -> int:
        return int(self.totals["asked"].size)

    @property
    def months(self) -> int:
        return int(self.monthly["asked"].shape[1])

    def monthly_interval(self, measure: str) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Mean, low and high of a measure, month by month."""
        return _across(self.monthly[measure])

    def total(self, measure: str) -> Interval:
        """The interval of a measure's total over the horizon."""
        mean, low, high = _across(self.totals[measure][:, np.newaxis])
        return Interval(float(mean[0]), float(low[0]), float(high[0]))

    def minus(self, other: Results) -> Results:
        """This minus `other`, replication by replication (the same seeds, the same episodes)."""
        return Results(
            configuration="difference",
            parameters=self.parameters,
            seed=self.seed,
            monthly={name: self.monthly[name] - other.monthly[name] for name in self.monthly},
            totals={name: self.totals[name] - other.totals[name] for name in self.totals},
        )

    def identical(self, other: Results) -> bool:
        """The same figures, to the last bit (NaN equal to NaN)."""
        return all(
            np.array_equal(mine[name], theirs[name], equal_nan=True)
            for mine, theirs in ((self.monthly, other.monthly), (self.totals, other.totals))
            for name in mine
        ) and set(self.totals) == set(other.totals)

    def csv_rows(self) -> list[tuple[int, str, str, float, float, float]]:
        rows = []
        for measure in MEASURES:
            mean, low, high = self.monthly_interval(measure)
            for month in range(self.months):
                rows.append(
                    (
                        month + 1,
                        measure,
                        self.configuration,
                        float(mean[month]),
                        float(low[month]),
                        float(high[month]),
                    )
                )
        return rows

    def summary(self) -> dict[str, dict[str, float | None]]:
        """Every total with its interval."""
        return {name: self.total(name).as_dict() for name in self.totals}

    def to_csv(self, path: str | Path) -> None:
        _write_csv(path, self.csv_rows())


@dataclass(frozen=True)
class Comparison:
    """Both configurations on the same episodes, and the difference (relational minus mechanistic)."""

    mechanistic: Results
    relational: Results

    @property
    def difference(self) -> Results:
        return self.relational.minus(self.mechanistic)

    @property
    def parameters(self) -> Parameters:
        return self.mechanistic.parameters

    def to_csv(self, path: str | Path) -> None:
        """Long format: month, measure, configuration, mean, low, high."""
        rows = [
            row
            for results in (self.mechanistic, self.relational, self.difference)
            for row in results.csv_rows()
        ]
        _write_csv(path, rows)

    def summary(self) -> dict[str, Any]:
        """Every total with its interval, per configuration and for the difference."""
        return {
            "seed": self.mechanistic.seed,
            "replications": self.mechanistic.replications,
            "months": self.mechanistic.months,
            "measures": {**MEASURES, **TOTAL_ONLY},
            "totals": {
                results.configuration: results.summary()
                for results in (self.mechanistic, self.relational, self.difference)
            },
        }


def _write_csv(path: str | Path, rows: list[tuple[int, str, str, float, float, float]]) -> None:
    with Path(path).open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["month", "measure", "configuration", "mean", "low", "high"])
        for month, measure, configuration, mean, low, high in rows:
            writer.writerow(
                [month, measure, configuration, *(_csv_number(v) for v in (mean, low, high))]
            )


def _csv_number(value: float) -> str:
    return "" if not math.isfinite(value) else f"{value:.10g}"
