"""A small synthetic directory on the synthetic borough's postcodes, for the directory's tests."""

from __future__ import annotations

import pytest

from livingwell.network.services import postcodes_load, synthetic_directory_load
from livingwell.synthetic import directory as synthetic


@pytest.fixture
def postcodes() -> int:
    return postcodes_load(synthetic.postcodes())


@pytest.fixture
def directory(postcodes: int) -> int:
    """About 60 services of every kind, in about 50 organisations."""
    return synthetic_directory_load(
        synthetic.directory(services=60), city=synthetic.CITY, county=synthetic.COUNTY
    )
