"""What a person types, understood: everyday phrases to needs, typos forgiven, nothing unsafe."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from livingwell.network.geography import distance_km, postcode_written
from livingwell.network.opening import open_at, times_words
from livingwell.network.words import understand


def test_a_parent_worried_about_drugs_is_understood_as_drugs_family_and_caring() -> None:
    got = understand("my son is using drugs")
    assert got.phrases == ("my son", "using drugs")
    assert set(got.kinds) >= {"drug-alcohol", "family-support", "carers-support"}
    assert set(got.domains) == {"relationships", "caring", "substances"}
    assert got.words == ()


def test_everyday_words_find_needs_with_or_without_apostrophes_and_capitals() -> None:
    assert understand("I can't sleep").phrases == ("cant sleep",)
    assert understand("Rent ARREARS").kinds == ("housing-advice", "debt-advice", "welfare-rights")
    assert understand("lonely").domains == ("belonging",)


def test_a_typo_in_a_known_word_is_forgiven_and_said() -> None:
    got = understand("lonley")
    assert got.phrases == ("lonely",)
    assert got.typos == {"lonley": "lonely"}
    assert understand("anxeity").phrases == ("anxiety",)


def test_other_words_are_kept_to_look_for_and_short_words_are_not_guessed_at() -> None:
    got = understand("Tony barber Acre Lane")
    assert got.phrases == ("barber",)
    assert got.words == ("tony", "acre", "lane")
    assert understand("cat").typos == {}


def test_any_script_and_any_length_is_safe() -> None:
    assert understand("").empty
    assert understand("'; DROP TABLE network_service; --").words == (
        "drop",
        "table",
        "network",
        "service",
    )
    assert understand("Dzień dobry, szukam pomocy").words == ("dzień", "dobry", "szukam", "pomocy")
    assert len(understand("help " * 10_000).words) == 0
    assert len(understand(" ".join(f"w{i}" for i in range(500))).words) == 12


def test_postcodes_are_written_the_standard_way_or_refused() -> None:
    assert postcode_written(" sw98ab ") == "SW9 8AB"
    assert postcode_written("SE11 4AA") == "SE11 4AA"
    assert postcode_written("EC1A1BB") == "EC1A 1BB"
    assert postcode_written("not a postcode") is None
    assert postcode_written("SW9") is None


def test_distance_along_the_ground() -> None:
    # One degree of latitude is about 111.2 km everywhere.
    assert abs(distance_km(51.0, 0.0, 52.0, 0.0) - 111.2) < 0.1
    assert distance_km(51.46, -0.11, 51.46, -0.11) == 0


@dataclass
class Times:
    byday: str
    opens_at: dt.time | None
    closes_at: dt.time | None
    freq: str = "WEEKLY"
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    description: str = ""


def test_open_now_is_the_right_day_between_the_times_and_in_force() -> None:
    tuesday_11am = dt.datetime(2026, 12, 1, 11, 0, tzinfo=dt.UTC)
    weekdays = Times("MO,TU,WE,TH,FR", dt.time(10), dt.time(16))
    assert open_at([weekdays], tuesday_11am)
    assert not open_at([weekdays], tuesday_11am.replace(hour=16))  # closes at 4pm
    assert not open_at([weekdays], dt.datetime(2026, 12, 5, 11, 0, tzinfo=dt.UTC))  # a Saturday
    assert not open_at(
        [Times("TU", dt.time(10), dt.time(16), valid_to=dt.date(2026, 11, 30))], tuesday_11am
    )
    assert not open_at([Times("TU", dt.time(10), dt.time(16), freq="MONTHLY")], tuesday_11am)


def test_opening_times_in_words() -> None:
    today = dt.date(2026, 12, 1)
    assert times_words([Times("MO,TU,WE,TH,FR", dt.time(10), dt.time(16))], today) == [
        "Monday to Friday, 10am to 4pm"
    ]
    assert times_words(
        [Times("SA", dt.time(9, 30), dt.time(12)), Times("MO,TH", dt.time(18), dt.time(20))], today
    ) == ["Mondays and Thursdays, 6pm to 8pm", "Saturdays, 9:30am to midday"]
