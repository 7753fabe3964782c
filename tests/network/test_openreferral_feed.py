"""The Open Referral UK 3.0 read API: every answer validates against the UK profile's compiled schemas,
its pages' headers agree with each other, it is open to anyone (CORS), and a bad parameter is a 400
that says what to send."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from django.test import Client

from livingwell.network.models import Service, TaxonomyTerm
from livingwell.network.taxonomies import LIFE_DOMAINS_TAXONOMY

SCHEMAS = Path(__file__).parent / "open_referral_uk" / "compiled"
pytestmark = pytest.mark.django_db


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.json").read_text())
    return loaded


def valid(item: Any, name: str) -> None:
    validator = jsonschema.Draft7Validator(schema(name), format_checker=jsonschema.FormatChecker())
    problems = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(item)
    ]
    assert problems == [], problems[:5]


def no_nulls(value: Any, where: str = "") -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            no_nulls(v, f"{where}.{k}")
    elif isinstance(value, list):
        for n, v in enumerate(value):
            no_nulls(v, f"{where}[{n}]")
    else:
        assert value is not None, f"null at {where}"


def get(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert response["Access-Control-Allow-Origin"] == "*"
    body = json.loads(response.content)
    no_nulls(body)
    return body


HEADER = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty")


def walk_pages(client: Client, url: str, per_page: int) -> list[dict[str, Any]]:
    """Every page of a list, checking each page's header against the others and the contents."""
    pages = []
    first = get(client, f"{url}?per_page={per_page}&page=1")
    total = first["total_items"]
    expected_pages = max(1, math.ceil(total / per_page))
    for n in range(1, expected_pages + 1):
        page = get(client, f"{url}?per_page={per_page}&page={n}")
        assert set(HEADER) <= set(page), page.keys()
        assert page["total_items"] == total
        assert page["total_pages"] == expected_pages
        assert page["page_number"] == n
        assert page["size"] == len(page["contents"]) == min(per_page, total - (n - 1) * per_page)
        assert page["first_page"] is (n == 1)
        assert page["last_page"] is (n == expected_pages)
        assert page["empty"] is (page["size"] == 0)
        pages.append(page)
    return pages


def test_every_service_in_the_list_and_whole_validates_against_the_uk_profile(
    client: Client, directory: int
) -> None:
    pages = walk_pages(client, "/openreferral/services", per_page=7)
    items = [item for page in pages for item in page["contents"]]
    assert len(items) == directory == Service.objects.count()
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        valid(item, "service_list")
    assert Service.objects.exclude(introductions_to="").exists()
    for item in items[:15]:
        whole = get(client, f"/openreferral/services/{item['id']}")
        valid(whole, "service")
        # Who takes introductions is for the team, not the open feed.
        assert "introductions_to" not in whole
        assert "introductions_to" not in item
        assert whole["organization"]["id"] == item["organization_id"]
        assert whole["service_at_locations"], "every synthetic service has a place"
        address = whole["service_at_locations"][0]["location"]["addresses"][0]
        assert address["country"] == "GB"
        assert address["state_province"]


def test_the_other_lists_validate_and_page_consistently(client: Client, directory: int) -> None:
    for url, name in (
        ("/openreferral/service_at_locations", "service_at_location_list"),
        ("/openreferral/organizations", "organization_list"),
    ):
        for page in walk_pages(client, url, per_page=25):
            for item in page["contents"]:
                valid(item, name)
    terms = [
        t
        for page in walk_pages(client, "/openreferral/taxonomy_terms", 20)
        for t in page["contents"]
    ]
    assert len(terms) == TaxonomyTerm.objects.count()
    taxonomies = walk_pages(client, "/openreferral/taxonomies", 2)
    assert {t["name"] for p in taxonomies for t in p["contents"]} >= {"Living Well life domains"}
    one = get(client, f"/openreferral/taxonomies/{LIFE_DOMAINS_TAXONOMY.id}")
    assert {t["term"] for t in one["taxonomy_terms"]} >= {"housing", "belonging"}


def test_a_page_past_the_end_is_empty_not_an_error(client: Client, directory: int) -> None:
    page = get(client, "/openreferral/services?page=999")
    assert page["contents"] == []
    assert page["empty"] is True
    assert page["size"] == 0
    assert page["page_number"] == 999
    assert page["last_page"] is True


def test_filters_combine_as_and(client: Client, directory: int) -> None:
    housing = LIFE_DOMAINS_TAXONOMY.term_id("housing")
    found = get(client, f"/openreferral/services?taxonomy_term_id={housing}&per_page=500")
    ids = {s["id"] for s in found["contents"]}
    assert ids
    assert ids == {
        str(i)
        for i in Service.objects.filter(terms__taxonomy_term_id=housing).values_list(
            "id", flat=True
        )
    }
    on_saturday = get(
        client, f"/openreferral/services?taxonomy_term_id={housing}&day=SA&per_page=500"
    )
    assert {s["id"] for s in on_saturday["contents"]} < ids or on_saturday["total_items"] == 0
    words = get(client, "/openreferral/services?search=garden&per_page=500")
    assert words["total_items"] > 0
    texts = Service.objects.filter(id__in=[s["id"] for s in words["contents"]]).values_list(
        "search_text", flat=True
    )
    assert all("garden" in text.lower() for text in texts)  # "Gardens" too: English stems


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("page=0", "page"),
        ("page=two", "page"),
        ("per_page=100000", "per_page"),
        ("taxonomy_term_id=not-a-uuid", "taxonomy_term_id"),
        ("organization_id=%27%3B+drop+table", "organization_id"),
        ("day=someday", "day"),
        ("start_time=25:00", "start_time"),
        ("minimum_age=-3", "minimum_age"),
        ("modified_after=yesterday", "modified_after"),
    ],
)
def test_a_bad_parameter_is_a_400_that_says_what_to_send(
    client: Client, directory: int, query: str, named: str
) -> None:
    response = client.get(f"/openreferral/services?{query}")
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    body = json.loads(response.content)
    assert named in body["detail"]["problems"]
    assert "should" in body["message"]


def test_an_unknown_service_is_a_404_in_words(client: Client, directory: int) -> None:
    for key in ("3fa85f64-5717-4562-b3fc-2c963f66afa6", "nonsense"):
        response = client.get(f"/openreferral/services/{key}")
        assert response.status_code == 404
        assert json.loads(response.content)["message"] == "There is no service with that id."


def test_the_index_names_the_profile_and_the_feed_is_in_the_projects_openapi(
    client: Client, directory: int
) -> None:
    assert get(client, "/openreferral/")["version"] == "HSDS-UK-3.0"
    openapi = json.loads(client.get("/api/openapi.json").content)
    assert "/openreferral/services" in openapi["paths"]
    assert "/openreferral/services/{service_id}" in openapi["paths"]
    params = {p["name"] for p in openapi["paths"]["/openreferral/services"]["get"]["parameters"]}
    assert {"page", "per_page", "search", "taxonomy_term_id", "day"} <= params


def test_proximity_is_a_circle_round_the_postcode(client: Client, directory: int) -> None:
    from livingwell.network.geography import distance_km
    from livingwell.network.models import ServiceAtLocation
    from livingwell.network.selectors import postcode_point

    point = postcode_point("SW9 1AB")
    assert point is not None
    found = get(
        client, "/openreferral/service_at_locations?postcode=SW9 1AB&proximity=1500&per_page=500"
    )
    ids = {item["id"] for item in found["contents"]}
    away = {
        str(pk): distance_km(point[0], point[1], lat, lon)
        for pk, lat, lon in ServiceAtLocation.objects.values_list(
            "pk", "location__latitude", "location__longitude"
        )
        if lat is not None and lon is not None
    }
    within = {pk for pk, km in away.items() if km <= 1.49}
    outside = {pk for pk, km in away.items() if km >= 1.51}
    assert within
    assert within <= ids
    assert not ids & outside
