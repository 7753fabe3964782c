"""The simulator's parameters: each with its default, its bounds, its unit and where it comes from.

A site overrides any of them in a TOML (or, with PyYAML installed, YAML) scenario file:

    adults = 250000
    triage_acceptance = [0.25, 0.5, 0.8]   # mild, moderate, severe

An unknown name or an out-of-range value is refused with a `ScenarioError` listing every problem at
once. The model itself is described in docs/simulation-model.md. Pure Python: no Django, no NumPy.
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib.util
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Self

Severity3 = tuple[float, float, float]
"""A value per severity of need: mild, moderate, severe."""

SEVERITIES = ("mild", "moderate", "severe")

# Sources, cited once and referred to by the fields below.
APMS_2014 = (
    "McManus S, Bebbington P, Jenkins R, Brugha T (eds) (2016) Mental health and wellbeing in "
    "England: Adult Psychiatric Morbidity Survey 2014. Leeds: NHS Digital"
)
APMS_SEVERE = (
    "APMS 2014 found severe symptoms (CIS-R score 18 or more) in about 8% of adults (10% of women, "
    "6% of men), about half of those with a common mental disorder"
)
HEALEY_2021 = (
    "Healey A, Melaugh A, Demetriou L, Power T, Sevdalis N, Pritchard M, Goulding L (2021) "
    "Preventing unnecessary referrals into specialist mental health services: an interrupted "
    "time-series evaluation of a new primary care-linked mental health service. Mental Health "
    "Review Journal 26(4), doi:10.1108/MHRJ-10-2020-0071"
)
STRATEGY_UNIT_2020 = (
    "The Strategy Unit (2020) Modelling the mental health surge (system dynamics model of "
    "referrals, from the Mental Health Services Data Set)"
)
PSSRU_2013 = (
    "Curtis L (2013) Unit Costs of Health and Social Care 2013, PSSRU, University of Kent: £45 for "
    "an 11.7-minute GP surgery consultation (2012/13 prices)"
)
PSSRU_2014 = (
    "Curtis L (2014) Unit Costs of Health and Social Care 2014, PSSRU, University of Kent, p.218: "
    "£128 per face-to-face contact with a community mental health team for adults (2013/14 prices)"
)
LAMBETH_400 = (
    "Hutchinson L (2017) Lambeth Living Well Network, IDEAS Alliance: around 400 people a month "
    "accessed early support through the Living Well Network"
)
BED_DAYS = (
    "Lambeth Living Well Network Alliance Progress Report 2021-22 (Lambeth Together): an average of "
    "88.1 acute inpatient beds in use"
)
BRIEF = "as given in the Living Well brief; not checked against the source here"
ASSUMPTION = "Assumption (no published source): "
CALIBRATED = "Calibrated: "


class Configuration(StrEnum):
    """The two ways a place can arrange its system (docs/simulation-model.md)."""

    MECHANISTIC = "mechanistic"
    RELATIONAL = "relational"


class ScenarioError(ValueError):
    """A scenario the simulator cannot run; `.problems` lists every problem, in plain English."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"- {problem}" for problem in self.problems)
        count = len(self.problems)
        super().__init__(f"The scenario has {count} problem{'s' if count != 1 else ''}:\n{lines}")


def _about(low: float, high: float, unit: str, source: str) -> dict[str, Any]:
    """A parameter's metadata: its bounds, its unit and its source."""
    return {"bounds": (low, high), "unit": unit, "source": source}


@dataclass(frozen=True)
class Parameters:
    """Every number the model uses. Per-severity values are 3-tuples: mild, moderate, severe."""

    # The place and the horizon
    adults: int = field(
        default=300_000,
        metadata=_about(
            1,
            50_000_000,
            "adults",
            "A borough of about 300,000 adults, the size of Lambeth (" + BRIEF + ")",
        ),
    )
    years: int = field(
        default=10,
        metadata=_about(1, 50, "years", "The horizon of the Living Well brief's benchmark"),
    )
    warm_up_years: int = field(
        default=3,
        metadata=_about(
            0,
            20,
            "years",
            ASSUMPTION + "years simulated before the horizon and not reported, so that the horizon "
            "starts with the need already in the population (95% of its steady level after three "
            "mean episodes) and the waiting lists already formed, as in a place that changes a "
            "running system",
        ),
    )

    # Need
    prevalence: float = field(
        default=0.17,
        metadata=_about(
            0.0,
            0.9,
            "share of adults in need at any time",
            APMS_2014 + ": one adult in six (17%) had a common mental disorder",
        ),
    )
    mean_episode_weeks: float = field(
        default=52.0,
        metadata=_about(
            1.0,
            520.0,
            "weeks",
            ASSUMPTION + "a year, within the range of mean durations of episodes of depression and "
            "anxiety in population cohorts (median a few months, with a long tail; not checked "
            "against a source here)",
        ),
    )
    severity_shares: Severity3 = field(
        default=(0.5, 0.4, 0.1),
        metadata=_about(
            0.0,
            1.0,
            "share of episodes (mild, moderate, severe; they add up to 1)",
            ASSUMPTION
            + "half mild and half moderate or severe, after "
            + APMS_SEVERE
            + "; about one "
            "episode in ten severe enough for secondary care",
        ),
    )
    mean_weeks_before_asking: Severity3 = field(
        default=(12.0, 8.0, 4.0),
        metadata=_about(
            1.0,
            520.0,
            "weeks from the start of need",
            ASSUMPTION + "people ask sooner when need is greater",
        ),
    )
    asks_for_help: Severity3 = field(
        default=(0.02, 0.1, 0.45),
        metadata=_about(
            0.0,
            1.0,
            "probability of asking a GP for help beyond routine primary care, before the need ends",
            CALIBRATED
            + "with gp_refers and triage_acceptance, so that for 300,000 adults the mechanistic "
            "system makes about 356 referrals and 203 secondary care assessments a month, the "
            "counterfactual without the Hub in "
            + HEALEY_2021
            + ", and the relational one supports about "
            "400 people a month ("
            + LAMBETH_400
            + "). Far fewer than the 37% of people with a common "
            "mental disorder in treatment ("
            + APMS_2014
            + "): most of that treatment (GP prescribing, "
            "NHS Talking Therapies) is the same in both configurations and outside this model",
        ),
    )

    # The mechanistic system: GP, single point of access, triage, CMHT
    gp_refers: Severity3 = field(
        default=(0.4, 0.7, 0.95),
        metadata=_about(
            0.0,
            1.0,
            "probability that the GP refers to the single point of access",
            CALIBRATED + "see asks_for_help; GPs refer the more severe more often",
        ),
    )
    gp_contact_every_weeks: float = field(
        default=4.0,
        metadata=_about(
            1.0,
            52.0,
            "weeks between GP contacts while managed in primary care",
            ASSUMPTION + "a GP review about once a month",
        ),
    )
    triage_acceptance: Severity3 = field(
        default=(0.15, 0.4, 0.7),
        metadata=_about(
            0.0,
            1.0,
            "probability that triage accepts a referral (the threshold)",
            CALIBRATED + "so that about 0.57 of referrals are accepted, as in Lambeth without the "
            "Hub ("
            + HEALEY_2021
            + "); England's CMHTs accept about 0.76 ("
            + STRATEGY_UNIT_2020
            + "; "
            + BRIEF
            + ")",
        ),
    )
    rejected_return_to_gp: float = field(
        default=0.3,
        metadata=_about(
            0.0,
            1.0,
            "probability that a person turned back is referred again",
            ASSUMPTION
            + "of the order of the re-referral shares in "
            + STRATEGY_UNIT_2020
            + " ("
            + BRIEF
            + ")",
        ),
    )
    re_referral_weeks: int = field(
        default=8,
        metadata=_about(
            1,
            104,
            "weeks",
            ASSUMPTION + "about two months between being turned back or discharged and coming back",
        ),
    )
    max_bounces: int = field(
        default=5,
        metadata=_about(
            0,
            50,
            "re-referrals (or returns) per episode",
            ASSUMPTION + "a cap that is rarely reached",
        ),
    )
    care_coordinators: int = field(
        default=30,
        metadata=_about(
            0,
            100_000,
            "full-time care coordinators in the CMHTs",
            CALIBRATED + "900 places, just above what 203 assessments a month need, so that the "
            "mechanistic CMHT list has a median wait of a few weeks",
        ),
    )
    caseload_per_coordinator: int = field(
        default=30,
        metadata=_about(
            1,
            200,
            "people per full-time care coordinator",
            "About 30 people per full-time care coordinator (" + BRIEF + ")",
        ),
    )
    cmht_contacts_per_week: float = field(
        default=1.0,
        metadata=_about(
            0.0,
            14.0,
            "contacts a week",
            ASSUMPTION + "about one contact a week with the CMHT while in its care",
        ),
    )
    max_service_weeks: int = field(
        default=26,
        metadata=_about(
            1,
            1040,
            "weeks",
            ASSUMPTION + "support (CMHT or key worker) ends after six months if need has not",
        ),
    )
    re_referral_after_discharge: float = field(
        default=0.3,
        metadata=_about(
            0.0,
            1.0,
            "probability of coming back after an ending while still in need",
            ASSUMPTION
            + "of the order of the re-referral shares in "
            + STRATEGY_UNIT_2020
            + " ("
            + BRIEF
            + ")",
        ),
    )

    # Crisis and admission
    weekly_crisis_risk: Severity3 = field(
        default=(0.0002, 0.001, 0.012),
        metadata=_about(
            0.0,
            1.0,
            "probability of a crisis contact a week, in need and in no service",
            ASSUMPTION
            + "chosen so that, with admission_given_crisis and mean_length_of_stay_days, the "
            "mechanistic system uses about 100 beds for 300,000 adults, of the order of Lambeth's ("
            + BED_DAYS
            + ")",
        ),
    )
    crisis_risk_in_service: float = field(
        default=0.5,
        metadata=_about(
            0.0,
            1.0,
            "multiplier of the weekly crisis risk while in a service",
            ASSUMPTION + "support halves the risk of a crisis",
        ),
    )
    admission_given_crisis: float = field(
        default=0.25,
        metadata=_about(
            0.0,
            1.0,
            "probability that a crisis contact leads to an admission",
            ASSUMPTION + "about one crisis contact in four ends in an admission",
        ),
    )
    mean_length_of_stay_days: float = field(
        default=35.0,
        metadata=_about(
            1.0,
            365.0,
            "bed days",
            ASSUMPTION + "about five weeks, of the order of adult acute lengths of stay in England",
        ),
    )

    # The relational system: the open front door, key workers, warm introductions
    open_door_uplift: float = field(
        default=1.3,
        metadata=_about(
            1.0,
            10.0,
            "multiplier of the probability of asking",
            ASSUMPTION + "an open door that anyone can come through brings people who would not "
            "have asked a GP",
        ),
    )
    key_workers: int = field(
        default=90,
        metadata=_about(
            0,
            100_000,
            "full-time key workers",
            CALIBRATED
            + "2,700 places, enough for the people who come to the front door (about 450 a "
            "month with the defaults) to wait little; " + LAMBETH_400,
        ),
    )
    caseload_per_key_worker: int = field(
        default=30,
        metadata=_about(
            1,
            200,
            "people per full-time key worker",
            ASSUMPTION + "the same caseload as a care coordinator (30, " + BRIEF + ")",
        ),
    )
    key_worker_contacts_per_week: float = field(
        default=1.0,
        metadata=_about(
            0.0,
            14.0,
            "contacts a week",
            ASSUMPTION + "about one contact a week with the key worker",
        ),
    )
    warm_introduction_vcs: float = field(
        default=0.5,
        metadata=_about(
            0.0,
            1.0,
            "probability of a warm introduction to voluntary and community support",
            ASSUMPTION + "half of the people supported are introduced to community support",
        ),
    )
    needs_secondary_care: Severity3 = field(
        default=(0.02, 0.1, 0.36),
        metadata=_about(
            0.0,
            1.0,
            "probability that a person with a key worker needs the CMHT too",
            CALIBRATED + "so that secondary care assessments fall by about 98 a month with the "
            "front door, as with the Lambeth Hub (" + HEALEY_2021 + ")",
        ),
    )

    # Unit costs (pounds)
    cost_gp_contact: float = field(
        default=45.0, metadata=_about(0.0, 10_000.0, "pounds per GP contact", PSSRU_2013)
    )
    cost_cmht_contact: float = field(
        default=128.0, metadata=_about(0.0, 10_000.0, "pounds per CMHT contact", PSSRU_2014)
    )
    cost_key_worker_contact: float = field(
        default=80.0,
        metadata=_about(
            0.0,
            10_000.0,
            "pounds per key worker contact",
            ASSUMPTION
            + "less than a CMHT contact ("
            + PSSRU_2014
            + "), as a key-worker team mixes "
            "practitioners with peer, support, housing and welfare-rights workers",
        ),
    )
    cost_warm_introduction_vcs: float = field(
        default=50.0,
        metadata=_about(
            0.0,
            10_000.0,
            "pounds per warm introduction",
            ASSUMPTION
            + "about half an hour of a key worker's time with the person and the receiving "
            "organisation",
        ),
    )
    cost_vcs_per_week: float = field(
        default=10.0,
        metadata=_about(
            0.0,
            10_000.0,
            "pounds a week while in need",
            ASSUMPTION + "grant-funded community support, spread over the people who use it",
        ),
    )
    cost_crisis_contact: float = field(
        default=250.0,
        metadata=_about(
            0.0,
            100_000.0,
            "pounds per crisis contact",
            ASSUMPTION
            + "of the order of a crisis resolution team contact in the PSSRU unit costs; "
            "not checked against the source here",
        ),
    )
    cost_bed_day: float = field(
        default=450.0,
        metadata=_about(
            0.0,
            100_000.0,
            "pounds per inpatient bed day",
            ASSUMPTION
            + "of the order of an adult acute mental health bed day in the PSSRU unit costs "
            "and NHS reference costs; not checked against the source here",
        ),
    )

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise ScenarioError(problems)

    # Derived quantities
    @property
    def weeks(self) -> int:
        """Weeks in the reported horizon."""
        return self.years * 52

    @property
    def months(self) -> int:
        """Months in the reported horizon."""
        return self.years * 12

    @property
    def warm_up_weeks(self) -> int:
        """Weeks simulated before the horizon and not reported."""
        return self.warm_up_years * 52

    @property
    def weekly_incidence(self) -> float:
        """New episodes a week per adult not in need: prevalence / (duration x (1 - prevalence))."""
        return self.prevalence / (self.mean_episode_weeks * (1.0 - self.prevalence))

    @property
    def new_episodes_per_week(self) -> float:
        """Mean new episodes a week: the adults not in need times the weekly incidence."""
        return self.adults * (1.0 - self.prevalence) * self.weekly_incidence

    def replace(self, **changes: Any) -> Self:
        """A copy with some values changed, checked like a scenario file."""
        unknown = [_unknown_name_problem(name) for name in changes if name not in FIELD_NAMES]
        if unknown:
            raise ScenarioError(unknown)
        return dataclasses.replace(self, **_coerced(changes))

    def as_dict(self) -> dict[str, Any]:
        """The values by name; 3-tuples as lists (for JSON and TOML)."""
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in ((f.name, getattr(self, f.name)) for f in dataclasses.fields(self))
        }

    def described(self) -> list[dict[str, Any]]:
        """Every parameter with its value, unit, bounds and source, in the order declared."""
        return [
            {
                "name": f.name,
                "value": self.as_dict()[f.name],
                "unit": f.metadata["unit"],
                "bounds": list(f.metadata["bounds"]),
                "source": f.metadata["source"],
            }
            for f in dataclasses.fields(self)
        ]


FIELDS: dict[str, dataclasses.Field[Any]] = {f.name: f for f in dataclasses.fields(Parameters)}
FIELD_NAMES = frozenset(FIELDS)
INTEGER_FIELDS = frozenset(name for name, f in FIELDS.items() if f.type in ("int", int))
SEVERITY_FIELDS = frozenset(name for name, f in FIELDS.items() if f.type in ("Severity3",))
FLOAT_FIELDS = frozenset(name for name, f in FIELDS.items() if f.type in ("float", float))


def _unknown_name_problem(name: str) -> str:
    nearest = difflib.get_close_matches(name, sorted(FIELD_NAMES), n=1, cutoff=0.6)
    hint = f": did you mean '{nearest[0]}'?" if nearest else ""
    return f"'{name}' is not a parameter of the model{hint}"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _coerced(values: Mapping[str, Any]) -> dict[str, Any]:
    """Lists become tuples and whole floats become ints where an int is wanted; nothing else."""
    coerced: dict[str, Any] = {}
    for name, value in values.items():
        if name in SEVERITY_FIELDS and isinstance(value, list | tuple):
            value = tuple(float(item) if _is_number(item) else item for item in value)
        elif name in FLOAT_FIELDS and _is_number(value):
            value = float(value)
        elif (
            name in INTEGER_FIELDS
            and isinstance(value, float)
            and math.isfinite(value)
            and value.is_integer()
        ):
            value = int(value)
        coerced[name] = value
    return coerced


def _value_problems(name: str, value: object) -> list[str]:
    low, high = FIELDS[name].metadata["bounds"]
    unit = FIELDS[name].metadata["unit"]
    if name in SEVERITY_FIELDS:
        if not (isinstance(value, tuple | list) and len(value) == 3):
            return [f"'{name}' must be three numbers (mild, moderate, severe), not {value!r}"]
        problems = []
        for severity, item in zip(SEVERITIES, value, strict=True):
            if not _is_number(item) or not math.isfinite(item):
                problems.append(f"'{name}' for {severity} must be a number, not {item!r}")
            elif not low <= item <= high:
                problems.append(
                    f"'{name}' for {severity} is {item}, outside {low} to {high} ({unit})"
                )
        return problems
    if name in INTEGER_FIELDS:
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"'{name}' must be a whole number, not {value!r}"]
    elif not _is_number(value) or not math.isfinite(value):  # type: ignore[arg-type]
        return [f"'{name}' must be a number, not {value!r}"]
    if not low <= value <= high:
        return [f"'{name}' is {value}, outside {low} to {high} ({unit})"]
    return []


def _problems(parameters: Parameters) -> list[str]:
    problems = []
    for name in FIELDS:
        problems.extend(_value_problems(name, getattr(parameters, name)))
    shares = parameters.severity_shares
    if not problems and abs(sum(shares) - 1.0) > 1e-6:
        problems.append(f"'severity_shares' must add up to 1, not {sum(shares):g}")
    return problems


def load_scenario(path: str | Path, base: Parameters | None = None) -> Parameters:
    """The parameters of a TOML or YAML scenario file: the defaults (or `base`) with its overrides.

    Top-level names are parameter names; a `[parameters]` table may hold them instead. Raises
    `ScenarioError` listing every problem, or `FileNotFoundError`.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    if suffix == ".toml":
        try:
            data: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ScenarioError([f"{path.name} is not valid TOML: {error}"]) from error
    elif suffix in (".yaml", ".yml"):
        data = _load_yaml(path, text)
    else:
        raise ScenarioError(
            [f"{path.name}: a scenario file must end in .toml (or .yaml / .yml, with PyYAML)"]
        )
    return scenario_from_mapping(data, base=base, origin=path.name)


def _load_yaml(path: Path, text: str) -> Any:
    if importlib.util.find_spec("yaml") is None:
        raise ScenarioError(
            [f"{path.name}: reading YAML needs PyYAML, which is not installed; use TOML instead"]
        )
    import yaml  # type: ignore[import-untyped, unused-ignore]

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ScenarioError([f"{path.name} is not valid YAML: {error}"]) from error


def scenario_from_mapping(
    data: object, *, base: Parameters | None = None, origin: str = "the scenario"
) -> Parameters:
    """The parameters from a mapping of names to values, every problem refused at once."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ScenarioError([f"{origin} must be a table of parameter names and values"])
    if set(data) == {"parameters"} and isinstance(data["parameters"], Mapping):
        data = data["parameters"]
    problems = [_unknown_name_problem(str(name)) for name in data if name not in FIELD_NAMES]
    values = _coerced({name: value for name, value in data.items() if name in FIELD_NAMES})
    for name, value in values.items():
        problems.extend(_value_problems(name, value))
    if problems:
        raise ScenarioError(problems)
    return dataclasses.replace(base or Parameters(), **values)


def to_toml(parameters: Parameters) -> str:
    """A scenario file (TOML) that loads back to the same parameters."""
    lines = []
    for name, value in parameters.as_dict().items():
        if isinstance(value, list):
            lines.append(f"{name} = [{', '.join(repr(float(item)) for item in value)}]")
        elif isinstance(value, float):
            lines.append(f"{name} = {value!r}")
        else:
            lines.append(f"{name} = {value}")
    return "\n".join(lines) + "\n"
