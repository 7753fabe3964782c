"""Which questionnaires this site can offer, and in what words.

PHQ-9 and GAD-7 ship with their wording. ReQoL-10, DIALOG and SWEMWBS are licensed to each site by
their owners: a site that holds a licence puts its wording files in `LIVINGWELL_WORDING_DIR`, one
`<instrument>.toml` each (the format is in `livingwell.instruments.wording`). The demo and the tests
use placeholder wording that says on every page that it is a placeholder
(`LIVINGWELL_PLACEHOLDER_WORDING`). Without either, the questionnaire is not offered."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings

from livingwell.instruments import REGISTRY, Wording, load_wording, placeholder_wording


def wording_for(instrument_key: str) -> Wording | None:
    """The wording to ask `instrument_key` in, or None when this site cannot offer it. A wording file
    with problems stops the site at the first page that asks for it, with every problem listed."""
    return _wording(
        instrument_key, settings.LIVINGWELL_WORDING_DIR, settings.LIVINGWELL_PLACEHOLDER_WORDING
    )


@cache
def _wording(instrument_key: str, folder: str, placeholder: bool) -> Wording | None:
    if instrument_key not in REGISTRY:
        return None
    if folder:
        path = Path(folder) / f"{instrument_key}.toml"
        if path.is_file():
            return load_wording(instrument_key, path)
    if not REGISTRY[instrument_key].wording_licensed:
        return load_wording(instrument_key)
    if placeholder:
        return placeholder_wording(instrument_key)
    return None


def offered() -> list[str]:
    """The questionnaires this site can offer, in the registry's order."""
    return [key for key in REGISTRY if wording_for(key) is not None]
