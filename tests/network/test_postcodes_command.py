"""`livingwell postcodes`: a postcode directory in the ONS format, from the CSV or the zip a site
downloads, loaded whole or not at all."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from livingwell.network.models import Postcode
from livingwell.synthetic import directory as synthetic

pytestmark = pytest.mark.django_db
ROWS = [("SW9 1AB", 51.47, -0.11), ("SW9 1AD", 51.471, -0.112), ("SE5 2AB", 51.474, -0.09)]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("postcodes", *args, stdout=out)
    return out.getvalue()


def test_the_ons_csv_is_loaded_leaving_out_ended_postcodes_and_those_with_no_grid_reference(
    tmp_path: Path,
) -> None:
    text = synthetic.onspd_csv(ROWS)
    text += "SW9 9AA,SW9  9AA,SW9 9AA,198001,202101,E99999999,E09000022,51.46,-0.1\n"
    text += "SW9 9AB,SW9  9AB,SW9 9AB,198001,,E99999999,E09000022,99.999999,0.000000\n"
    path = tmp_path / "ONSPD.csv"
    path.write_text(text)
    assert "Loaded 3 postcodes" in run(str(path))
    assert sorted(Postcode.objects.values_list("postcode", flat=True)) == sorted(r[0] for r in ROWS)


def test_the_zip_as_downloaded_is_read_and_a_local_authority_can_be_chosen(tmp_path: Path) -> None:
    path = tmp_path / "ONSPD_NOV_2026_UK.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Documents/readme.csv", "a,b\n1,2\n")
        archive.writestr("Data/ONSPD_NOV_2026_UK.csv", synthetic.onspd_csv(ROWS * 20))
    assert "Loaded 60 postcodes" in run(str(path), "--local-authority", "E09000022")
    assert Postcode.objects.count() == 3  # the same postcodes again replace what is held
    assert "Loaded 0 postcodes" in run(str(path), "--local-authority", "E09000008")


def test_a_file_that_is_not_a_postcode_directory_is_refused_and_nothing_is_loaded(
    tmp_path: Path,
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("name,phone\nAda,07700900000\n")
    with pytest.raises(CommandError, match="no pcds, lat, long column"):
        run(str(path))
    bad = tmp_path / "bad.csv"
    bad.write_text(synthetic.onspd_csv(ROWS) + "XX,XX,SW9 1ZZ,198001,,E9,E09000022,north,west\n")
    with pytest.raises(CommandError, match=r"line 5: the latitude 'north'.*Nothing was loaded"):
        run(str(bad))
    assert Postcode.objects.count() == 0


def test_the_synthetic_boroughs_postcodes_for_a_demo() -> None:
    run("--synthetic")
    assert Postcode.objects.count() == len(synthetic.postcodes())
    assert not Postcode.objects.filter(postcode="SW9 9ZZ").exists()
