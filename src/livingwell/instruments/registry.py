"""Every instrument, by the learning extract's instrument name."""

from __future__ import annotations

from livingwell.instruments.dialog import DIALOG
from livingwell.instruments.instrument import Instrument
from livingwell.instruments.phq9_gad7 import GAD7, PHQ9
from livingwell.instruments.reqol import REQOL10
from livingwell.instruments.swemwbs import SWEMWBS

REGISTRY: dict[str, Instrument] = {
    instrument.key: instrument for instrument in (REQOL10, SWEMWBS, DIALOG, PHQ9, GAD7)
}


def instrument_for(key: str) -> Instrument:
    """The instrument with this extract name, or a `KeyError` naming the ones there are."""
    try:
        return REGISTRY[key]
    except KeyError:
        known = ", ".join(REGISTRY)
        raise KeyError(
            f"There is no instrument called {key!r}; the instruments are {known}"
        ) from None
