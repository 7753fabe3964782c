"""An organisation's kind is a kind the directory holds, not a kind of introducer (issue 10)."""

from __future__ import annotations

import pytest

from livingwell.codes.introductions import AGENCY_KINDS
from livingwell.codes.organisations import ORGANISATION_KINDS
from livingwell.network.models import Organisation
from tests.migrations import migrate_to, migrate_to_the_latest

BEFORE = [("network", "0001_initial")]
AFTER = [("network", "0002_organisation_kinds_of_the_directory")]


def test_the_model_offers_the_directory_kinds() -> None:
    offered = dict(Organisation._meta.get_field("kind").choices or [])
    assert offered == ORGANISATION_KINDS
    assert "community-place" in offered
    assert "police" not in offered  # an introducer, not a place to be connected to


@pytest.mark.django_db(transaction=True)
def test_each_earlier_kind_becomes_a_directory_kind_and_back() -> None:
    apps = migrate_to(BEFORE)
    Old = apps.get_model("network", "Organisation")
    for kind in AGENCY_KINDS:
        Old.objects.create(name=f"An organisation ({kind})", kind=kind)
    try:
        apps = migrate_to(AFTER)
        New = apps.get_model("network", "Organisation")
        kinds = dict(New.objects.values_list("name", "kind"))
        assert set(kinds.values()) <= set(ORGANISATION_KINDS)
        assert kinds["An organisation (secondary-care)"] == "nhs-hospital"
        assert kinds["An organisation (voluntary-sector)"] == "voluntary-community"
        assert kinds["An organisation (talking-therapies)"] == "nhs-talking-therapies"
        apps = migrate_to(BEFORE)
        Back = apps.get_model("network", "Organisation")
        assert set(Back.objects.values_list("kind", flat=True)) <= set(AGENCY_KINDS)
    finally:
        apps.get_model("network", "Organisation").objects.all().delete()
        migrate_to_the_latest()
