"""Item wording: PHQ-9 and GAD-7 ship with Living Well; a site loads the licensed ones it may use.

The wording of ReQoL-10, SWEMWBS and DIALOG is licensed to each site by its owners, so Living Well
ships only their scoring. A site that holds a licence writes the wording it is licensed to use into
a TOML file and loads it with `load_wording`; without that file, asking for the wording is refused
with a message saying so. The scoring never needs the wording.

The file (UTF-8 TOML) has these keys, and no others:

```toml
instrument = "dialog"          # the extract's instrument name: reqol10, swemwbs, dialog, phq9, gad7
licence = "Licensed to Northtown NHS Foundation Trust, licence NT-0001, 2025 to 2028"
source = "DIALOG, English, as supplied by the licence holder"
stem = "The question above the items, as worded in the licensed copy"
more_help_question = "The 'more help' question, as worded in the licensed copy"  # DIALOG only

# One option for every value of the instrument's scale, in order (DIALOG 1 to 7, ReQoL 0 to 4,
# SWEMWBS 1 to 5, PHQ-9 and GAD-7 0 to 3). The values are the ones the extract records.
response_options = [
    { value = 1, label = "Option 1 as worded in the licensed copy" },
    { value = 2, label = "Option 2 as worded in the licensed copy" },
    { value = 3, label = "Option 3 as worded in the licensed copy" },
    { value = 4, label = "Option 4 as worded in the licensed copy" },
    { value = 5, label = "Option 5 as worded in the licensed copy" },
    { value = 6, label = "Option 6 as worded in the licensed copy" },
    { value = 7, label = "Option 7 as worded in the licensed copy" },
]

# One [[items]] table per item, in the published order (DIALOG 11, ReQoL-10 11 with the physical
# health item last, SWEMWBS 7, PHQ-9 9, GAD-7 7). An item whose answers read differently from the
# rest (ReQoL's physical health item) gives its own response_options, with the same values.
[[items]]
text = "Item 1 as worded in the licensed copy"
# ... and so on, one [[items]] table for each item.
```

`licence` must say under what licence the site holds the wording (for PHQ-9 and GAD-7, that no
permission is needed). Every problem in a file is reported at once, in a `WordingError`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from livingwell.instruments.errors import WordingError
from livingwell.instruments.instrument import Instrument
from livingwell.instruments.registry import REGISTRY
from livingwell.instruments.wordings import SHIPPED

KEYS = {
    "instrument",
    "licence",
    "source",
    "stem",
    "response_options",
    "items",
    "more_help_question",
}
REQUIRED = ("instrument", "licence", "stem", "response_options", "items")
ITEM_KEYS = {"text", "response_options"}


@dataclass(frozen=True)
class ResponseOption:
    value: int
    label: str


@dataclass(frozen=True)
class Wording:
    """An instrument's wording: its stem, its items in published order and its response options."""

    instrument: str
    stem: str
    items: tuple[str, ...]
    response_options: tuple[ResponseOption, ...]
    licence: str
    source: str = ""
    item_response_options: Mapping[int, tuple[ResponseOption, ...]] = field(default_factory=dict)
    more_help_question: str | None = None

    def options_for(self, item: int) -> tuple[ResponseOption, ...]:
        """The response options of item `item` (1-based)."""
        return self.item_response_options.get(item, self.response_options)


PLACEHOLDER = "Placeholder wording"


def placeholder_wording(instrument_key: str) -> Wording:
    """Wording that says plainly it is a placeholder, for a demo or a test site that holds no
    licence: every question reads "Placeholder for question 3 of 11 of ReQoL-10", and every answer
    gives only the value the extract records. Never for use with people."""
    instrument = REGISTRY[instrument_key]
    options = tuple(
        ResponseOption(value, f"Answer {value} (placeholder)")
        for value in range(instrument.item_min, instrument.item_max + 1)
    )
    return Wording(
        instrument=instrument_key,
        stem=(
            f"{PLACEHOLDER}: this site has not loaded the licensed wording of {instrument.label}, "
            "so these are not its real questions. Do not use them with people."
        ),
        items=tuple(
            f"Placeholder for question {n} of {instrument.items} of {instrument.label}"
            for n in range(1, instrument.items + 1)
        ),
        response_options=options,
        licence=f"{PLACEHOLDER}: not the licensed wording",
        more_help_question="Do you need more help with this? (placeholder)"
        if instrument_key == "dialog"
        else None,
    )


def load_wording(instrument_key: str, path: str | Path | None = None) -> Wording:
    """The wording of an instrument: from the site's file at `path`, or the shipped PHQ-9 or GAD-7.

    Refuses (`WordingError`) a licensed instrument without a file, an unknown instrument, and a file
    with problems, listing every problem.
    """
    instrument = REGISTRY.get(instrument_key)
    if instrument is None:
        raise WordingError(
            f"There is no instrument called {instrument_key!r}; the instruments are "
            + ", ".join(REGISTRY)
        )
    if path is None:
        if instrument_key in SHIPPED:
            return wording_from_mapping(instrument_key, SHIPPED[instrument_key])
        raise WordingError(
            f"This site has not loaded the licensed wording of {instrument.label}. Its wording is "
            "licensed to each site by its owners, so Living Well does not ship it: a site that "
            "holds a licence loads the wording from its own file (see "
            "livingwell.instruments.wording for the format). Scoring does not need the wording."
        )
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WordingError(f"There is no wording file at {file}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise WordingError(f"The wording file {file} is not valid TOML: {error}") from None
    return wording_from_mapping(instrument_key, data)


def wording_from_mapping(instrument_key: str, data: Mapping[str, Any]) -> Wording:
    """A `Wording` from a mapping of the file's shape, checked against the instrument."""
    instrument = REGISTRY[instrument_key]
    problems: list[str] = []
    unknown = sorted(set(data) - KEYS)
    if unknown:
        problems.append(f"unknown key{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}")
    problems += [f"{key} is missing" for key in REQUIRED if key not in data]
    if data.get("instrument", instrument_key) != instrument_key:
        problems.append(f"the file is for {data.get('instrument')!r}, not {instrument_key!r}")
    for key in ("licence", "stem", "source", "more_help_question"):
        if key in data and not _text(data[key]):
            problems.append(f"{key} must be some text")
    if "more_help_question" in data and instrument_key != "dialog":
        problems.append("more_help_question is for DIALOG only")
    options = _options("response_options", data.get("response_options"), instrument, problems)
    items: list[str] = []
    item_options: dict[int, tuple[ResponseOption, ...]] = {}
    raw_items = data.get("items")
    if raw_items is not None:
        if not isinstance(raw_items, list):
            problems.append("items must be a list of [[items]] tables")
        else:
            if len(raw_items) != instrument.items:
                problems.append(
                    f"{instrument.label} has {instrument.items} items; the file has {len(raw_items)}"
                )
            for number, raw in enumerate(raw_items, start=1):
                if not isinstance(raw, Mapping):
                    problems.append(f"item {number} must be a table with text")
                    continue
                extra = sorted(set(raw) - ITEM_KEYS)
                if extra:
                    problems.append(f"item {number} has unknown keys: {', '.join(extra)}")
                if not _text(raw.get("text")):
                    problems.append(f"item {number} needs its text")
                items.append(str(raw.get("text", "")).strip())
                if "response_options" in raw:
                    item_options[number] = _options(
                        f"item {number} response_options",
                        raw["response_options"],
                        instrument,
                        problems,
                    )
    if problems:
        raise WordingError(
            f"The {instrument.label} wording cannot be used: " + "; ".join(problems),
            problems=problems,
        )
    return Wording(
        instrument=instrument_key,
        stem=str(data["stem"]).strip(),
        items=tuple(items),
        response_options=options,
        licence=str(data["licence"]).strip(),
        source=str(data.get("source", "")).strip(),
        item_response_options=item_options,
        more_help_question=(
            str(data["more_help_question"]).strip() if "more_help_question" in data else None
        ),
    )


def _options(
    where: str, raw: object, instrument: Instrument, problems: list[str]
) -> tuple[ResponseOption, ...]:
    if raw is None:
        return ()
    expected = list(range(instrument.item_min, instrument.item_max + 1))
    scale = f"{instrument.item_min} to {instrument.item_max}"
    if not isinstance(raw, list) or not all(isinstance(option, Mapping) for option in raw):
        problems.append(f"{where} must be a list of {{ value = ..., label = ... }}")
        return ()
    options: list[ResponseOption] = []
    for option in raw:
        value, label = option.get("value"), option.get("label")
        if isinstance(value, bool) or not isinstance(value, int) or not _text(label):
            problems.append(f"{where}: each option needs a whole-number value and a label")
            return ()
        options.append(ResponseOption(value, str(label).strip()))
    if [option.value for option in options] != expected:
        problems.append(
            f"{where} must give one option for each value {scale}, in order "
            f"({instrument.label}'s scale); it gives {[option.value for option in options]}"
        )
    return tuple(options)


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
