"""Migration 0009 copies each service's taxonomy terms into what the search reads
(`Service.search_terms`), so that a site's existing entries are found by what they help with."""

from __future__ import annotations

import pytest
from django.utils import timezone

from livingwell.network.services import built_in_taxonomies_ensure
from livingwell.network.taxonomies import LIFE_DOMAINS_TAXONOMY, SUPPORT_KINDS_TAXONOMY
from tests.migrations import migrate_to, migrate_to_the_latest

BEFORE = [("network", "0008_places_on_services_at_locations")]
AFTER = [("network", "0009_search_terms")]


@pytest.mark.django_db(transaction=True)
def test_each_services_terms_are_copied_for_the_search() -> None:
    built_in_taxonomies_ensure()  # a test that empties the tables may have gone before
    apps = migrate_to(BEFORE)
    try:
        Organisation = apps.get_model("network", "Organisation")
        Service = apps.get_model("network", "Service")
        ServiceTerm = apps.get_model("network", "ServiceTerm")
        organisation = Organisation.objects.create(name="Acre Lane Peer Group", kind="peer-support")
        helps = Service.objects.create(
            organisation=organisation, name="Tuesday group", last_modified=timezone.now()
        )
        bare = Service.objects.create(
            organisation=organisation, name="Nothing said yet", last_modified=timezone.now()
        )
        money = LIFE_DOMAINS_TAXONOMY.term_id("money")
        peer = SUPPORT_KINDS_TAXONOMY.term_id("peer-support")
        ServiceTerm.objects.create(service=helps, taxonomy_term_id=money)
        ServiceTerm.objects.create(service=helps, taxonomy_term_id=peer)
        apps = migrate_to(AFTER)
        After = apps.get_model("network", "Service")
        assert After.objects.get(pk=helps.pk).search_terms == {
            str(money): "money",
            str(peer): "peer-support",
        }
        assert After.objects.get(pk=bare.pk).search_terms == {}
    finally:
        apps.get_model("network", "Service").objects.all().delete()
        apps.get_model("network", "Organisation").objects.all().delete()
        migrate_to_the_latest()
