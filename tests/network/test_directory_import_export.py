"""`livingwell directory import` and `export`: Open Referral UK 3.0 in and out, all or nothing, the
same feed twice never duplicating, and export, import into an empty directory, export again giving
the same data."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from livingwell.network.models import (
    EntryChange,
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTerm,
    Taxonomy,
    TaxonomyTerm,
)

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).parent / "open_referral_uk" / "examples"


def command(*args: str) -> str:
    out = io.StringIO()
    call_command("directory", *args, stdout=out)
    return out.getvalue()


def empty_the_directory() -> None:
    EntryChange.objects.all().delete()
    Service.objects.all().delete()
    Location.objects.all().delete()
    TaxonomyTerm.objects.filter(parent__isnull=False).delete()
    TaxonomyTerm.objects.all().delete()
    Taxonomy.objects.all().delete()
    Organisation.objects.all().delete()


def test_export_import_into_an_empty_directory_and_export_again_is_the_same_data(
    directory: int, tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    command("export", str(first))
    empty_the_directory()
    assert Service.objects.count() == 0
    command("import", str(first))
    second = tmp_path / "second.json"
    command("export", str(second))
    assert json.loads(first.read_text()) == json.loads(second.read_text())
    # And each imported service at a place knows where it is, for the search near a postcode.
    placed = ServiceAtLocation.objects.filter(location__latitude__isnull=False)
    assert placed.exists()
    assert not placed.filter(latitude__isnull=True).exists()


def test_the_csv_package_goes_out_and_back_the_same(directory: int, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    command("export", str(first))
    package = tmp_path / "package"
    command("export", str(package), "--csv")
    assert {p.name for p in package.iterdir()} >= {
        "services.csv",
        "organizations.csv",
        "datapackage.json",
    }
    empty_the_directory()
    command("import", str(package))
    second = tmp_path / "second.json"
    command("export", str(second))
    assert json.loads(first.read_text()) == json.loads(second.read_text())


def test_importing_the_same_feed_again_updates_and_never_duplicates(
    directory: int, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.json"
    command("export", str(feed))
    counts = (Service.objects.count(), Schedule.objects.count(), ServiceTerm.objects.count())
    data = json.loads(feed.read_text())
    data["services"][0]["name"] = "A new name"
    data["services"][0]["schedules"] = data["services"][0].get("schedules", [])[:0]
    feed.write_text(json.dumps(data))
    command("import", str(feed))
    command("import", str(feed))
    assert Service.objects.count() == counts[0]
    assert Service.objects.get(id=data["services"][0]["id"]).name == "A new name"
    assert ServiceTerm.objects.count() == counts[2]
    assert Schedule.objects.count() <= counts[1]
    assert EntryChange.objects.filter(what="imported").count() == 2 * counts[0]


def test_the_standards_own_full_service_example_is_imported_once_its_one_fault_is_put_right(
    tmp_path: Path,
) -> None:
    example = EXAMPLES / "service_full.json"
    with pytest.raises(CommandError) as refused:
        command("import", str(example))
    # Its one taxonomy term names a parent term that is nowhere.
    assert str(refused.value).splitlines()[1:] == [
        "[0].attributes[0].taxonomy_term, parent_id: 0bc248fa-dc27-4650-9ba4-8f1a24ef16a2 is not a "
        "taxonomy term in the feed or the directory"
    ]
    data = json.loads(example.read_text())
    del data["attributes"][0]["taxonomy_term"]["parent_id"]
    fixed = tmp_path / "service_full.json"
    fixed.write_text(json.dumps(data))
    command("import", str(fixed))
    service = Service.objects.get()
    assert service.name == "Community Counselling"
    assert service.at_locations.count() >= 1


def test_a_bad_feed_is_refused_whole_saying_where_and_what_and_nothing_is_imported(
    directory: int, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.json"
    command("export", str(feed))
    before = Service.objects.count()
    data = json.loads(feed.read_text())
    data["services"][0]["name"] = "Changed, but the feed is refused"
    data["services"][3]["minimum_age"] = "eighteen"
    data["services"][5]["service_at_locations"][0]["location"]["addresses"][0].pop("postal_code")
    data["services"][7]["organization_id"] = "not-a-uuid"
    feed.write_text(json.dumps(data))
    with pytest.raises(CommandError) as refused:
        command("import", str(feed))
    words = str(refused.value)
    assert words.startswith("Nothing was imported. 3 problems")
    assert "services[3], minimum_age: 'eighteen' is not a whole number from 0 to 999" in words
    assert (
        "services[5].service_at_locations[0].location.addresses[0], postal_code: is missing"
        in words
    )
    assert "services[7], organization_id: 'not-a-uuid' is not a UUID" in words
    assert Service.objects.count() == before
    assert not Service.objects.filter(name__startswith="Changed").exists()


def test_a_csv_feed_that_points_at_nothing_is_refused_with_the_file_and_row(tmp_path: Path) -> None:
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "organizations.csv").write_text(
        "id,name,description\nd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,Riverside Advice,Advice\n"
    )
    (folder / "services.csv").write_text(
        "id,organization_id,name,status\n"
        "ac148810-d857-441c-9679-408f346de14b,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,Debt advice,active\n"
        "bc148810-d857-441c-9679-408f346de14b,00000000-0000-4000-8000-000000000000,Food bank,open\n"
    )
    with pytest.raises(CommandError) as refused:
        command("import", str(folder))
    assert (
        "services.csv, row 3, status: 'open' is not one of active, defunct, inactive, temporarily closed"
        in str(refused.value)
    )
    (folder / "services.csv").write_text(
        "id,organization_id,name,status\n"
        "bc148810-d857-441c-9679-408f346de14b,00000000-0000-4000-8000-000000000000,Food bank,active\n"
    )
    with pytest.raises(CommandError) as refused:
        command("import", str(folder))
    assert (
        "services.csv, row 2, organization_id: 00000000-0000-4000-8000-000000000000 is not a "
        "organization in the feed or the directory"
    ) in str(refused.value)
    assert Service.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_a_file_that_is_not_a_feed_is_refused(tmp_path: Path) -> None:
    for text, says in (
        ("{not json", "is not JSON"),
        ('{"people": []}', "is not an Open Referral UK feed"),
    ):
        path = tmp_path / "feed.json"
        path.write_text(text)
        with pytest.raises(CommandError, match=says):
            command("import", str(path))
