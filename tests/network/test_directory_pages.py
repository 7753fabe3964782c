"""The directory's pages, with no account: the search form keeps what was typed and explains what is
wrong, results speak plainly, and each service's page says how to get there and get in touch."""

from __future__ import annotations

import pytest
from django.test import Client

from livingwell.network.models import Service

pytestmark = pytest.mark.django_db


def test_the_search_page_opens_with_no_results_until_someone_searches(client: Client) -> None:
    page = client.get("/directory/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Find support near you" in text
    assert "places found" not in text


def test_lonely_near_a_postcode_lists_places_nearest_first_with_their_distance(
    client: Client, directory: int
) -> None:
    page = client.get("/directory/", {"q": "lonely", "postcode": "sw91ab", "within": "5"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "places found within 5 miles of SW9 1AB" in text
    assert "miles away" in text
    assert 'value="sw91ab"' in text  # what was typed is kept


def test_a_postcode_that_is_not_a_postcode_or_not_in_the_borough_is_explained(
    client: Client, directory: int
) -> None:
    page = client.get("/directory/", {"q": "debt", "postcode": "nowhere"}).content.decode()
    assert "There is a problem" in page
    assert "Enter a real postcode, like SW9 8AB" in page
    assert 'value="debt"' in page
    page = client.get("/directory/", {"q": "debt", "postcode": "SW9 9ZZ"}).content.decode()
    assert "We could not find SW9 9ZZ. Check it, or search without a postcode." in page
    assert "places found" not in page


def test_a_typo_is_forgiven_and_said(client: Client, directory: int) -> None:
    page = client.get("/directory/", {"q": "lonley"}).content.decode()
    assert "We searched for <strong>lonely</strong> (you typed lonley)" in page


def test_what_is_typed_is_escaped_and_bad_choices_are_explained(
    client: Client, directory: int
) -> None:
    page = client.get("/directory/", {"q": "<script>alert(1)</script>", "domain": "x"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in text
    assert "Choose from the list of what support can help with" in text


def test_a_services_page_says_what_it_offers_how_to_go_and_how_to_get_in_touch(
    client: Client, directory: int
) -> None:
    service = Service.objects.order_by("name").first()
    assert service is not None
    page = client.get(f"/directory/services/{service.id}/")
    text = page.content.decode()
    assert page.status_code == 200
    for heading in (
        "What it offers",
        "Who it is for",
        "When it is open",
        "Where it is",
        "How to get in touch",
    ):
        assert f"<h2>{heading}</h2>" in text
    assert 'href="tel:' in text
    assert "Last checked on" in text or "This may be out of date" in text


def test_a_service_that_is_not_there_is_page_not_found(client: Client, directory: int) -> None:
    assert (
        client.get("/directory/services/3fa85f64-5717-4562-b3fc-2c963f66afa6/").status_code == 404
    )
    assert client.get("/directory/services/nonsense/").status_code == 404


def test_when_more_match_than_are_ranked_the_page_says_so(
    client: Client, directory: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("livingwell.network.selectors.CANDIDATES", 5)
    page = client.get("/directory/", {"postcode": "SW9 1AB", "within": "10"}).content.decode()
    assert "More than 5 places found within 10 miles of SW9 1AB" in page
    assert "These are the nearest 5. Add words or choose options to narrow your search." in page


def test_what_a_place_says_of_its_access_is_on_the_page(client: Client, directory: int) -> None:
    service = Service.objects.order_by("name").first()
    assert service is not None
    location = service.at_locations.first().location  # type: ignore[union-attr]
    location.accessibility.create(description="Induction loop at the front desk")
    page = client.get(f"/directory/services/{service.id}/").content.decode()
    assert "<li>Induction loop at the front desk</li>" in page
