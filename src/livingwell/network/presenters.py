"""What the directory's pages say of a service: plain words for its times, place, cost and ways in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from livingwell.codes.needs import LANGUAGES, SUPPORT_KINDS
from livingwell.codes.plan import LIFE_DOMAINS
from livingwell.core.presenters import long_date
from livingwell.network import geography, opening
from livingwell.network.models import Address, Location, Service
from livingwell.network.selectors import Found, check_after
from livingwell.network.taxonomies import LIFE_DOMAINS_TAXONOMY, SUPPORT_KINDS_TAXONOMY


def _addresses(service: Service) -> list[Address]:
    return [a for at in service.at_locations.all() for a in at.location.addresses.all()]


def address_words(address: Address) -> str:
    return ", ".join(p for p in (address.address_1, address.city, address.postal_code) if p)


def _schedules(service: Service) -> list[object]:
    schedules: list[object] = list(service.schedules.all())
    for at in service.at_locations.all():
        schedules += list(at.schedules.all())
    return schedules


@dataclass
class ServiceCard:
    """One service in a list of results."""

    id: str
    name: str
    organisation: str
    description: str
    where: str
    distance: str
    open_now: bool
    free: bool
    times: list[str]
    warm_introductions: bool = False
    walk_in: bool = False


def card(found: Found, *, today: dt.date) -> ServiceCard:
    s = found.service
    places = _addresses(s)
    return ServiceCard(
        id=str(s.id),
        name=s.name,
        organisation=s.organisation.name,
        description=s.description,
        where=address_words(places[0]) if places else "",
        distance=f"{geography.distance_words(found.km)} away" if found.km is not None else "",
        open_now=found.open_now,
        free=s.free,
        times=opening.times_words(_schedules(s), today),  # type: ignore[arg-type]
        warm_introductions=s.warm_introductions,
        walk_in=s.walk_in,
    )


STEP_FREE = "Step-free access"


def _accessibility(location: Location) -> list[str]:
    """What a place says of its access, without repeating the page's line about steps."""
    said = {STEP_FREE.casefold(), "steps at the entrance"}
    return [
        a.description
        for a in location.accessibility.all()
        if a.description and a.description.strip(" .").casefold() not in said
    ]


@dataclass
class Place:
    name: str
    address: str
    transport: str
    step_free: bool
    accessibility: list[str]


@dataclass
class ServicePage:
    """A service whole, as its page says it."""

    id: str
    name: str
    organisation: str
    description: str
    who_for: str
    helps_with: list[str]
    kinds: list[str]
    places: list[Place]
    times: list[str]
    open_now: bool
    cost: list[str]
    free: bool
    languages: list[str]
    phones: list[str]
    email: str
    website: str
    walk_in: bool
    warm_introductions: bool
    introductions_to: str
    alert: str
    checked: str
    out_of_date: bool
    minimum_age: int | None
    maximum_age: int | None


def page(s: Service, *, for_team: bool = False, now: dt.datetime | None = None) -> ServicePage:
    """The service's page; who takes introductions only `for_team` (the form says only the team
    sees it)."""
    now = timezone.localtime(now or timezone.now())
    codes: dict[object, list[str]] = {}  # a taxonomy's id: its terms' codes on this service
    for t in s.terms.all():
        codes.setdefault(t.taxonomy_term.taxonomy_id, []).append(t.taxonomy_term.code)
    schedules = _schedules(s)
    places = [
        Place(
            name=at.location.name,
            address="; ".join(address_words(a) for a in at.location.addresses.all()),
            transport=at.location.transport,
            step_free=at.location.step_free,
            accessibility=_accessibility(at.location),
        )
        for at in s.at_locations.all()
    ]
    cost = [
        c.amount_description or (f"£{c.amount:.2f}" if c.amount is not None else c.option)
        for c in s.cost_options.all()
    ]
    phones = [p.number for p in s.phones.all()] + [
        p.number for c in s.contacts.all() for p in c.phones.all()
    ]
    return ServicePage(
        id=str(s.id),
        name=s.name,
        organisation=s.organisation.name,
        description=s.description,
        who_for=s.who_for,
        helps_with=[
            LIFE_DOMAINS[c] for c in codes.get(LIFE_DOMAINS_TAXONOMY.id, []) if c in LIFE_DOMAINS
        ],
        kinds=[
            SUPPORT_KINDS[c] for c in codes.get(SUPPORT_KINDS_TAXONOMY.id, []) if c in SUPPORT_KINDS
        ],
        places=places,
        times=opening.times_words(schedules, now.date()),  # type: ignore[arg-type]
        open_now=opening.open_at(schedules, now.replace(tzinfo=None)),  # type: ignore[arg-type]
        cost=[c for c in cost if c],
        free=s.free,
        languages=[lang.name or LANGUAGES.get(lang.code, lang.code) for lang in s.languages.all()],
        phones=list(dict.fromkeys(phones)),
        email=s.email,
        website=s.url or s.organisation.website,
        walk_in=s.walk_in,
        warm_introductions=s.warm_introductions,
        introductions_to=s.introductions_to if for_team else "",
        alert=s.alert,
        checked=long_date(s.last_checked_at),
        out_of_date=s.last_checked_at is None or s.last_checked_at < now - check_after(),
        minimum_age=s.minimum_age,
        maximum_age=s.maximum_age,
    )
