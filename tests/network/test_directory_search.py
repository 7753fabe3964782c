"""The directory's search, as a person without an account uses it: everyday words, a postcode, open
now, free, language and step-free; the nearest, open, free and recently checked first."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo

import pytest

from livingwell.network.models import Language, Schedule, Service
from livingwell.network.selectors import Found, Search, directory_search
from livingwell.network.services import details_of, service_change
from livingwell.network.taxonomies import SUPPORT_KINDS_TAXONOMY
from livingwell.synthetic import directory as synthetic

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
TUESDAY_11AM = dt.datetime(2026, 12, 1, 11, 0, tzinfo=LONDON)
NEAR = "SW9 1AB"


def kinds_of(service: Service) -> set[str]:
    return {
        t.taxonomy_term.code
        for t in service.terms.select_related("taxonomy_term")
        if t.taxonomy_term.taxonomy_id == SUPPORT_KINDS_TAXONOMY.id
    }


def test_lonely_near_a_postcode_finds_peer_support_and_company_nearest_first(
    directory: int,
) -> None:
    results = directory_search(
        Search(words="lonely", postcode=NEAR, within_miles=5), now=TUESDAY_11AM
    )
    assert results.problems == {}
    assert results.found
    for found in results.found:
        assert kinds_of(found.service) & {"peer-support", "befriending", "social-group"}
        assert found.km is not None
        assert found.km <= 5 * 1.609344
    scores = [f.score for f in results.found]
    assert scores == sorted(scores, reverse=True)


def test_a_postcode_that_is_not_there_is_said_not_shown_as_nothing_near(directory: int) -> None:
    results = directory_search(Search(words="lonely", postcode="sw99zz"), now=TUESDAY_11AM)
    assert results.problems == {
        "postcode": "We could not find SW9 9ZZ. Check it, or search without a postcode."
    }
    assert results.found == []
    nonsense = directory_search(Search(postcode="<script>"), now=TUESDAY_11AM)
    assert "We could not find <script>" in nonsense.problems["postcode"]


def test_open_now_finds_only_what_is_open_now(directory: int) -> None:
    results = directory_search(Search(open_now=True), now=TUESDAY_11AM)
    assert results.total > 0
    for found in results.found:
        schedules = Schedule.objects.filter(service=found.service)
        assert any(
            "TU" in s.byday and s.opens_at <= dt.time(11) < s.closes_at  # type: ignore[operator]
            for s in schedules
        )
        assert found.open_now
    everything = directory_search(Search(), now=TUESDAY_11AM)
    assert everything.total == Service.objects.count() > results.total


def test_free_language_and_step_free_each_narrow_the_search(directory: int) -> None:
    everything = directory_search(Search(), now=TUESDAY_11AM).total
    free = directory_search(Search(free=True), now=TUESDAY_11AM)
    assert 0 < free.total < everything
    assert all(f.service.free for f in free.found)
    spoken = Language.objects.exclude(code="en").values_list("code", flat=True).first()
    assert spoken
    in_it = directory_search(Search(language=spoken), now=TUESDAY_11AM)
    assert 0 < in_it.total < everything
    step_free = directory_search(Search(step_free=True), now=TUESDAY_11AM)
    assert 0 < step_free.total < everything


def test_a_typo_still_finds_support(directory: int) -> None:
    typed = directory_search(Search(words="lonley"), now=TUESDAY_11AM)
    meant = directory_search(Search(words="lonely"), now=TUESDAY_11AM)
    assert typed.understood.typos == {"lonley": "lonely"}
    assert [f.service.id for f in typed.found] == [f.service.id for f in meant.found]


def test_words_the_vocabulary_does_not_know_are_looked_for_in_the_entries(directory: int) -> None:
    name = Service.objects.order_by("name").first()
    assert name is not None
    word = name.organisation.name.split()[0]
    results = directory_search(Search(words=word), now=TUESDAY_11AM)
    assert name.id in {f.service.id for f in results.found} or results.total > 20


def test_the_same_search_on_a_bigger_page_number_is_the_last_page(directory: int) -> None:
    results = directory_search(Search(), page=999, now=TUESDAY_11AM)
    assert results.page == results.pages
    assert results.found


def test_search_text_of_any_script_or_length_is_safe(directory: int) -> None:
    for words in ("'; DROP TABLE network_service; --", "助けて", "x" * 5000, "%_\\"):
        results = directory_search(Search(words=words), now=TUESDAY_11AM)
        assert results.problems == {}
    assert Service.objects.count() == directory
    assert synthetic.CITY == "London"


def every_page(search: Search, now: dt.datetime) -> dict[object, Found]:
    """What a search finds on all its pages, by service."""
    first = directory_search(search, now=now)
    found = list(first.found)
    for page in range(2, first.pages + 1):
        found += directory_search(search, page=page, now=now).found
    return {f.service.pk: f for f in found}


def test_what_an_entry_helps_with_is_searched_as_soon_as_it_is_changed(directory: int) -> None:
    def near(domain: str) -> dict[object, Found]:
        return every_page(Search(domains=(domain,), postcode=NEAR, within_miles=2), TUESDAY_11AM)

    service = next(iter(near("money").values())).service
    assert service.pk not in near("housing")
    details = dataclasses.replace(details_of(service), domains=("housing",))
    service_change(actor="a test", service=service, details=details)
    assert service.pk in near("housing")
    assert service.pk not in near("money")


def test_near_a_postcode_a_service_open_at_one_of_its_places_is_open_and_ranked_so(
    directory: int,
) -> None:
    def near(now: dt.datetime) -> dict[object, Found]:
        return every_page(Search(postcode=NEAR, within_miles=1), now)

    closed = [f for f in near(TUESDAY_11AM).values() if not f.open_now]
    assert closed, "nothing near is closed, so this measures nothing"
    before = closed[-1]
    service = before.service
    Schedule.objects.filter(service=service).delete()
    at = service.at_locations.first()
    assert at is not None
    Schedule.objects.create(
        service_at_location=at,
        freq="WEEKLY",
        byday="TU",
        opens_at=dt.time(10),
        closes_at=dt.time(12),
    )
    now = near(TUESDAY_11AM)[service.pk]
    assert now.open_now
    assert now.score == pytest.approx(before.score + 1.0)  # a point for being open now
    assert not near(TUESDAY_11AM.replace(hour=19))[service.pk].open_now
