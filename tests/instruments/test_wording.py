"""Item wording: PHQ-9 and GAD-7 ship; a site loads the licensed wording of the others."""

from __future__ import annotations

from pathlib import Path

import pytest

import livingwell.instruments.wording as wording_module
from livingwell.instruments import REGISTRY, WordingError, load_wording


def documented_example() -> str:
    """The example file in the wording module's docstring, so the documentation cannot drift."""
    doc = wording_module.__doc__ or ""
    return doc.split("```toml\n", 1)[1].split("```", 1)[0]


def licensed_file(
    tmp_path: Path,
    key: str,
    *,
    items: int | None = None,
    extra: str = "",
    licence: str = "Licensed to Northtown NHS Foundation Trust, licence NT-0001",
) -> Path:
    instrument = REGISTRY[key]
    options = ", ".join(
        f'{{ value = {v}, label = "Option {v}" }}'
        for v in range(instrument.item_min, instrument.item_max + 1)
    )
    lines = [
        f'instrument = "{key}"',
        f'licence = "{licence}"',
        'stem = "The stem as worded in the licensed copy"',
        f"response_options = [{options}]",
        extra,
    ]
    for number in range(1, (instrument.items if items is None else items) + 1):
        lines += ["[[items]]", f'text = "Item {number}"']
    path = tmp_path / f"{key}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_phq9_and_gad7_wording_ships_with_the_package() -> None:
    phq9, gad7 = load_wording("phq9"), load_wording("gad7")
    assert len(phq9.items) == 9
    assert len(gad7.items) == 7
    assert phq9.items[0] == "Little interest or pleasure in doing things"
    assert gad7.items[0] == "Feeling nervous, anxious or on edge"
    assert [option.label for option in phq9.response_options] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]
    assert "No permission required" in phq9.licence


@pytest.mark.parametrize(
    ("key", "label"), [("reqol10", "ReQoL-10"), ("swemwbs", "SWEMWBS"), ("dialog", "DIALOG")]
)
def test_licensed_wording_is_refused_until_the_site_loads_it(key: str, label: str) -> None:
    with pytest.raises(
        WordingError, match=f"This site has not loaded the licensed wording of {label}"
    ):
        load_wording(key)


def test_the_documented_example_loads_once_its_items_are_filled_in(tmp_path: Path) -> None:
    example = documented_example()
    assert 'instrument = "dialog"' in example
    rest = "".join(f'[[items]]\ntext = "Item {n}"\n' for n in range(2, 12))
    path = tmp_path / "dialog.toml"
    path.write_text(example + rest, encoding="utf-8")
    dialog = load_wording("dialog", path)
    assert len(dialog.items) == 11
    assert [option.value for option in dialog.response_options] == list(range(1, 8))
    assert dialog.more_help_question is not None
    assert dialog.licence.startswith("Licensed to Northtown")


def test_a_site_file_for_reqol_can_give_the_physical_health_item_its_own_options(
    tmp_path: Path,
) -> None:
    path = licensed_file(tmp_path, "reqol10", items=10)
    own = ", ".join(f'{{ value = {v}, label = "Physical {v}" }}' for v in range(5))
    with path.open("a", encoding="utf-8") as file:
        file.write(f'[[items]]\ntext = "Item 11"\nresponse_options = [{own}]\n')
    reqol = load_wording("reqol10", path)
    assert reqol.options_for(11)[0].label == "Physical 0"
    assert reqol.options_for(1)[0].label == "Option 0"


def test_a_file_with_the_wrong_number_of_items_is_refused(tmp_path: Path) -> None:
    path = licensed_file(tmp_path, "swemwbs", items=6)
    with pytest.raises(WordingError, match="SWEMWBS has 7 items; the file has 6"):
        load_wording("swemwbs", path)


def test_response_options_must_match_the_instruments_scale(tmp_path: Path) -> None:
    path = licensed_file(tmp_path, "dialog")
    text = path.read_text(encoding="utf-8").replace('{ value = 7, label = "Option 7" }', "")
    path.write_text(text.replace(", ]", "]"), encoding="utf-8")
    with pytest.raises(WordingError, match=r"one option for each value 1 to 7, in order"):
        load_wording("dialog", path)


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    extra = 'colour = "blue"\nmore_help_question = "?"'
    path = licensed_file(tmp_path, "reqol10", items=3, extra=extra, licence="  ")
    with pytest.raises(WordingError) as raised:
        load_wording("reqol10", path)
    problems = raised.value.problems
    assert "unknown key: colour" in problems
    assert "licence must be some text" in problems
    assert "more_help_question is for DIALOG only" in problems
    assert "ReQoL-10 has 11 items; the file has 3" in problems


def test_a_file_for_another_instrument_is_refused(tmp_path: Path) -> None:
    path = licensed_file(tmp_path, "gad7")
    with pytest.raises(WordingError, match="the file is for 'gad7', not 'phq9'"):
        load_wording("phq9", path)


def test_a_missing_or_broken_file_is_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(WordingError, match="There is no wording file at"):
        load_wording("dialog", tmp_path / "nowhere.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("instrument = ", encoding="utf-8")
    with pytest.raises(WordingError, match="is not valid TOML"):
        load_wording("dialog", broken)
    with pytest.raises(WordingError, match="There is no instrument called 'core10'"):
        load_wording("core10")
