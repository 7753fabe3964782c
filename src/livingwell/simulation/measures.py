"""From what happened in one replication (events and stays, week by week) to the monthly measures.

Reported week `w` is simulated week `warm_up_weeks + w`, in month `floor(w * 12 / 52)`; stocks are taken
at the last week of each month. The measures are defined in docs/simulation-model.md.
"""

from __future__ import annotations

import numpy as np

from livingwell.simulation.episodes import BoolArray, Episodes, FloatArray, IntArray, Record
from livingwell.simulation.parameters import Parameters
from livingwell.simulation.results import MEASURES, STOCKS, Replication

SERVICES = ("primary_care", "secondary_care", "living_well")  # being "in a service"


class Calendar:
    """Weeks and months of the reported horizon."""

    def __init__(self, params: Parameters) -> None:
        self.first = params.warm_up_weeks
        self.weeks = params.weeks
        self.months = params.months
        self.simulated = self.first + self.weeks
        self.month_of: IntArray = (np.arange(self.weeks, dtype=np.int64) * 12) // 52
        self.last_week: IntArray = np.append(
            np.flatnonzero(np.diff(self.month_of)), self.weeks - 1
        ).astype(np.int64)

    def reported(self, week: IntArray) -> BoolArray:
        return (week >= self.first) & (week < self.simulated)

    def month(self, week: IntArray) -> IntArray:
        """The month of reported weeks."""
        return self.month_of[week - self.first]

    def count(self, week: IntArray, weights: FloatArray | None = None) -> FloatArray:
        """Events (weighted or not) by month; events outside the horizon are left out."""
        inside = self.reported(week)
        return np.bincount(
            self.month(week[inside]),
            weights=None if weights is None else weights[inside],
            minlength=self.months,
        ).astype(np.float64)

    def monthly_sum(self, weekly: FloatArray) -> FloatArray:
        """A weekly series (over simulated weeks) summed by month."""
        return np.bincount(
            self.month_of, weights=weekly[self.first : self.simulated], minlength=self.months
        ).astype(np.float64)

    def at_month_end(self, weekly: FloatArray) -> FloatArray:
        return weekly[self.first + self.last_week].astype(np.float64)

    def occupancy(self, begin: IntArray, end: IntArray) -> FloatArray:
        """How many stays [begin, end) cover each simulated week."""
        size = self.simulated + 1
        begin = np.clip(begin, 0, self.simulated)
        end = np.clip(end, 0, self.simulated)
        change = np.bincount(begin, minlength=size) - np.bincount(end, minlength=size)
        return np.cumsum(change)[: self.simulated].astype(np.float64)


def coverage(
    person: IntArray,
    begin: IntArray,
    end: IntArray,
    query_person: IntArray,
    query_week: IntArray,
    weeks: int,
) -> tuple[FloatArray, BoolArray]:
    """People in at least one stay, week by week; and whether each (person, week) asked about is.

    One sort of +1 at each stay's first week, -1 after its last, and the questions (after the stays'
    changes in the same week): the running sum within a person is how many stays cover that week.
    """
    span = weeks + 1
    begin = np.clip(begin, 0, weeks)
    end = np.clip(end, 0, weeks)
    stays = person.size
    keys = np.concatenate(
        [person * span + begin, person * span + end, query_person * span + query_week]
    )
    keys = keys * 2
    keys[2 * stays :] += 1
    step = np.concatenate(
        [np.ones(stays, np.int64), -np.ones(stays, np.int64), np.zeros(query_person.size, np.int64)]
    )
    order = np.argsort(keys, kind="stable")
    level = np.cumsum(step[order])
    before = np.concatenate([[0], level[:-1]])
    week = (keys[order] // 2) % span
    rising = (before == 0) & (level > 0)
    falling = (before > 0) & (level == 0)
    change = np.bincount(week[rising], minlength=span) - np.bincount(week[falling], minlength=span)
    in_any = np.cumsum(change)[:weeks].astype(np.float64)
    covered = np.empty(query_person.size, dtype=np.bool_)
    is_query = order >= 2 * stays
    covered[order[is_query] - 2 * stays] = level[is_query] > 0
    return in_any, covered


def _quantiles_by_month(
    month: IntArray, value: IntArray, months: int, quantiles: tuple[float, ...]
) -> list[FloatArray]:
    """Quantiles (linear interpolation) of the values in each month; NaN for a month with none."""
    order = np.lexsort((value, month))
    sorted_value = value[order].astype(np.float64)
    counts = np.bincount(month, minlength=months)
    first = np.cumsum(counts) - counts
    some = counts > 0
    result = []
    for quantile in quantiles:
        out = np.full(months, np.nan)
        position = first[some] + quantile * (counts[some] - 1)
        low = np.floor(position).astype(np.int64)
        high = np.ceil(position).astype(np.int64)
        fraction = position - low
        out[some] = sorted_value[low] + (sorted_value[high] - sorted_value[low]) * fraction
        result.append(out)
    return result


def _concat(parts: list[IntArray]) -> IntArray:
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)


def monthly_measures(params: Parameters, episodes: Episodes, record: Record) -> Replication:
    """Every measure by month, and its total, for one configuration in one replication."""
    calendar = Calendar(params)
    weeks = calendar.simulated
    monthly: dict[str, FloatArray] = {}
    totals: dict[str, float] = {}

    monthly["asked"] = calendar.count(record.asked)
    monthly["helped"] = calendar.count(_concat(record.helped))
    monthly["referrals"] = calendar.count(_concat(record.referrals))
    turned_back = _concat(record.turned_back)
    monthly["turned_back"] = calendar.count(turned_back)
    bounces = _concat(record.bounces)
    monthly["bounces"] = calendar.count(bounces)
    monthly["secondary_care_assessments"] = calendar.count(_concat(record.assessments))

    wait_week, wait = _concat(record.wait_week), _concat(record.wait)
    inside = calendar.reported(wait_week)
    wait_month, wait = calendar.month(wait_week[inside]), wait[inside]
    monthly["wait_median"], monthly["wait_p90"] = _quantiles_by_month(
        wait_month, wait, calendar.months, (0.5, 0.9)
    )
    entries = np.bincount(wait_month, minlength=calendar.months)
    with np.errstate(invalid="ignore", divide="ignore"):
        monthly["wait_mean"] = np.bincount(
            wait_month, weights=wait.astype(np.float64), minlength=calendar.months
        ) / np.where(entries > 0, entries, np.nan)
    if wait.size:
        totals["wait_median"], totals["wait_p90"] = (
            float(q) for q in np.quantile(wait.astype(np.float64), [0.5, 0.9])
        )
        totals["wait_mean"] = float(wait.mean())
    else:
        totals["wait_median"] = totals["wait_p90"] = totals["wait_mean"] = float("nan")

    # Stays in services, and who is in one when a crisis may happen
    stays = {
        kind: tuple(_concat([stay[i] for stay in record.service.get(kind, [])]) for i in range(3))
        for kind in (*SERVICES, "voluntary_community")
    }
    in_service_person = _concat([stays[kind][0] for kind in SERVICES])
    in_service_begin = _concat([stays[kind][1] for kind in SERVICES])
    in_service_end = _concat([stays[kind][2] for kind in SERVICES])
    may_be_in_service = episodes.crisis_asker >= 0
    in_any, covered = coverage(
        in_service_person,
        in_service_begin,
        in_service_end,
        episodes.crisis_asker[may_be_in_service],
        episodes.crisis_week[may_be_in_service],
        weeks,
    )
    threshold = np.ones(episodes.crisis_week.size)
    threshold[np.flatnonzero(may_be_in_service)[covered]] = params.crisis_risk_in_service
    crisis = episodes.crisis_v < threshold
    crisis_week = episodes.crisis_week[crisis]
    admitted = episodes.crisis_u_admit[crisis] < params.admission_given_crisis
    bed_days = np.where(admitted, episodes.crisis_bed_days[crisis], 0).astype(np.float64)
    monthly["crisis_contacts"] = calendar.count(crisis_week)
    monthly["admissions"] = calendar.count(crisis_week[admitted])
    monthly["bed_days"] = calendar.count(crisis_week, bed_days)

    in_need = calendar.occupancy(episodes.start, episodes.end)
    waiting = record.waiting
    monthly["in_need"] = calendar.at_month_end(in_need)
    monthly["in_service"] = calendar.at_month_end(in_any)
    monthly["waiting"] = calendar.at_month_end(
        calendar.occupancy(_concat([w[1] for w in waiting]), _concat([w[2] for w in waiting]))
    )
    monthly["unmet_need"] = monthly["in_need"] - monthly["in_service"]

    def weekly(kind: str) -> FloatArray:
        return calendar.occupancy(stays[kind][1], stays[kind][2])

    monthly["cost_primary_care"] = calendar.monthly_sum(weekly("primary_care")) * (
        params.cost_gp_contact / params.gp_contact_every_weeks
    )
    monthly["cost_secondary_care"] = calendar.monthly_sum(weekly("secondary_care")) * (
        params.cmht_contacts_per_week * params.cost_cmht_contact
    )
    monthly["cost_living_well"] = calendar.monthly_sum(weekly("living_well")) * (
        params.key_worker_contacts_per_week * params.cost_key_worker_contact
    )
    monthly["cost_voluntary_community"] = (
        calendar.monthly_sum(weekly("voluntary_community")) * params.cost_vcs_per_week
        + calendar.count(_concat(record.vcs_introductions)) * params.cost_warm_introduction_vcs
    )
    monthly["cost_crisis"] = monthly["crisis_contacts"] * params.cost_crisis_contact
    monthly["cost_inpatient"] = monthly["bed_days"] * params.cost_bed_day
    monthly["cost_total"] = np.sum(
        [
            monthly[name]
            for name in (
                "cost_primary_care",
                "cost_secondary_care",
                "cost_living_well",
                "cost_voluntary_community",
                "cost_crisis",
                "cost_inpatient",
            )
        ],
        axis=0,
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        monthly["cost_per_person_helped"] = monthly["cost_total"] / monthly["helped"]

    for name in MEASURES:
        if name in totals:
            continue
        if name in STOCKS:
            totals[name] = float(monthly[name].mean())
        elif name != "cost_per_person_helped":
            totals[name] = float(monthly[name].sum())
    totals["cost_per_person_helped"] = (
        totals["cost_total"] / totals["helped"] if totals["helped"] else float("nan")
    )

    # Who bounced, and how often (people who asked in the horizon; bounces in the horizon)
    people = episodes.a_end.size
    turned_back_person = _concat(record.turned_back_person)
    totals["people_turned_back"] = float(
        np.unique(turned_back_person[calendar.reported(turned_back)]).size
    )
    bounce_person = _concat(record.bounce_person)
    per_person = np.bincount(bounce_person[calendar.reported(bounces)], minlength=people)
    asked_in_horizon = record.asked_person[calendar.reported(record.asked)]
    times = np.minimum(per_person[asked_in_horizon], 3)
    share = np.bincount(times, minlength=4) / max(asked_in_horizon.size, 1)
    for count, name in enumerate(("bounced_0", "bounced_1", "bounced_2", "bounced_3_or_more")):
        totals[name] = float(share[count]) if asked_in_horizon.size else float("nan")
    totals["bounces_per_person_asked"] = (
        totals["bounces"] / totals["asked"] if totals["asked"] else float("nan")
    )
    return Replication(monthly=monthly, totals=totals)
