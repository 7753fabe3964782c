"""Changes to the network: the directory's entries, each kept with who made it and when.

Who may change what is decided in `network.selectors.editable_organisations` (a partner's members
their own organisation, staff any); these functions are handed what that allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from livingwell.codes.organisations import ORGANISATION_KINDS
from livingwell.network.models import (
    Address,
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
from livingwell.network.taxonomies import (
    BUILT_IN,
    LIFE_DOMAINS_TAXONOMY,
    SUPPORT_KINDS_TAXONOMY,
)


def built_in_taxonomies_ensure() -> None:
    """The directory's own taxonomies and terms exist (a migration makes them; this is for a database
    emptied since, as tests and imports into an empty instance do)."""
    for built_in in BUILT_IN:
        taxonomy, _ = Taxonomy.objects.get_or_create(
            id=built_in.id,
            defaults={"name": built_in.name, "description": built_in.description, "version": "1"},
        )
        known = set(TaxonomyTerm.objects.filter(taxonomy=taxonomy).values_list("id", flat=True))
        TaxonomyTerm.objects.bulk_create(
            [
                TaxonomyTerm(
                    id=built_in.term_id(code),
                    taxonomy=taxonomy,
                    code=code,
                    name=name,
                    description=name,
                )
                for code, name in built_in.terms.items()
                if built_in.term_id(code) not in known
            ]
        )


def places_locate(service_ids: Iterable[Any] | None = None) -> int:
    """Copy each place's coordinates onto its services at that place (all of them, or those of
    `service_ids`), for the search near a postcode."""
    from django.db.models import OuterRef, Subquery

    rows = ServiceAtLocation.objects.all()
    if service_ids is not None:
        rows = rows.filter(service_id__in=list(service_ids))
    place = Location.objects.filter(pk=OuterRef("location_id"))
    return rows.update(
        latitude=Subquery(place.values("latitude")[:1]),
        longitude=Subquery(place.values("longitude")[:1]),
    )


def search_text_of(service: Service) -> str:
    """The words search reads for a service: its own, its organisation's, its terms' and its places'.
    Reads what is prefetched on `service` when it is."""
    parts: list[str] = [
        service.name,
        service.description,
        service.who_for,
        service.organisation.name,
        ORGANISATION_KINDS.get(service.organisation.kind, ""),
    ]  # not who takes introductions: only the team sees that, and anyone can search
    parts += [t.taxonomy_term.name for t in service.terms.all()]
    for at in service.at_locations.all():
        location = at.location
        parts.append(location.name)
        parts += [f"{a.address_1} {a.city} {a.postal_code}" for a in location.addresses.all()]
    parts += [lang.name for lang in service.languages.all()]
    return "\n".join(p for p in parts if p)


def _free(service: Service) -> bool:
    options = list(service.cost_options.all())
    return not options or all(o.amount is None or o.amount == 0 for o in options)


def services_reindex(services: Iterable[Service]) -> int:
    """Write what the search reads of each service (its words, its taxonomy terms and whether it is
    free) from what it holds now."""
    ids = [s.id for s in services]
    rows = list(
        Service.objects.filter(id__in=ids)
        .select_related("organisation")
        .prefetch_related(
            "terms__taxonomy_term", "at_locations__location__addresses", "languages", "cost_options"
        )
    )
    for service in rows:
        service.search_text = search_text_of(service)
        service.search_terms = {
            str(link.taxonomy_term_id): link.taxonomy_term.code for link in service.terms.all()
        }
        service.free = _free(service)
    Service.objects.bulk_update(rows, ["search_text", "search_terms", "free"], batch_size=500)
    return len(rows)


def _by_name(user: Any) -> str:
    member = getattr(user, "organisation_member", None)
    if member is not None:
        return str(member.description)
    staff = getattr(user, "staff_member", None)
    if staff is not None:
        return str(getattr(staff, "name", "") or user.get_username())
    return str(user.get_username())


def _record(
    *,
    organisation: Organisation,
    service: Service | None,
    what: str,
    by: Any,
    fields: dict[str, Any],
    at: dt.datetime,
) -> EntryChange:
    return EntryChange.objects.create(
        organisation=organisation,
        service=service,
        what=what,
        by=by if getattr(by, "pk", None) else None,
        by_name=_by_name(by) if getattr(by, "pk", None) else str(by),
        at=at,
        fields=fields,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return sorted(str(v) for v in value)
    return value


@dataclass(frozen=True)
class OpeningTime:
    """One line of a service's weekly opening times, as the form gives it."""

    days: tuple[str, ...]  # "MO", "TU", ...
    opens_at: dt.time
    closes_at: dt.time


def _opening_times(service: Service) -> list[OpeningTime]:
    return [
        OpeningTime(tuple(s.byday.split(",")), s.opens_at, s.closes_at)
        for s in service.schedules.filter(freq="WEEKLY").order_by("id")
        if s.opens_at and s.closes_at
    ]


def _terms(service: Service, taxonomy_id: Any) -> list[str]:
    return sorted(
        service.terms.filter(taxonomy_term__taxonomy_id=taxonomy_id).values_list(
            "taxonomy_term__code", flat=True
        )
    )


def _set_terms(service: Service, taxonomy_id: Any, term_ids: list[Any]) -> None:
    service.terms.filter(taxonomy_term__taxonomy_id=taxonomy_id).exclude(
        taxonomy_term_id__in=term_ids
    ).delete()
    have = set(service.terms.values_list("taxonomy_term_id", flat=True))
    ServiceTerm.objects.bulk_create(
        [ServiceTerm(service=service, taxonomy_term_id=t) for t in term_ids if t not in have]
    )


SERVICE_FIELDS = (
    "name",
    "description",
    "who_for",
    "url",
    "email",
    "status",
    "fees",
    "minimum_age",
    "maximum_age",
    "warm_introductions",
    "introductions_to",
    "walk_in",
)


@dataclass(frozen=True)
class ServiceDetails:
    """What the directory's form for a service holds."""

    name: str
    description: str = ""
    who_for: str = ""
    url: str = ""
    email: str = ""
    status: str = "active"
    fees: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    warm_introductions: bool = False
    introductions_to: str = ""
    walk_in: bool = False
    domains: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    opening_times: tuple[OpeningTime, ...] = ()


def service_change(
    *, actor: Any, service: Service, details: ServiceDetails, checked: bool = True
) -> EntryChange | None:
    """Change a service to `details`, keeping what changed with who and when. Saving a service
    also says its entry was checked today (the person saving it has just read it all), unless
    `checked` is False. Nothing changed and not checked: nothing is written."""
    for domain in details.domains:
        LIFE_DOMAINS_TAXONOMY.term_id(domain)  # a key we do not know is refused, not stored
    for kind in details.kinds:
        SUPPORT_KINDS_TAXONOMY.term_id(kind)
    now = timezone.now()
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        before: dict[str, Any] = {f: getattr(service, f) for f in SERVICE_FIELDS}
        before["domains"] = _terms(service, LIFE_DOMAINS_TAXONOMY.id)
        before["kinds"] = _terms(service, SUPPORT_KINDS_TAXONOMY.id)
        before["opening_times"] = [
            f"{','.join(o.days)} {o.opens_at:%H:%M}-{o.closes_at:%H:%M}"
            for o in _opening_times(service)
        ]
        after: dict[str, Any] = {f: getattr(details, f) for f in SERVICE_FIELDS}
        after["domains"] = sorted(details.domains)
        after["kinds"] = sorted(details.kinds)
        after["opening_times"] = [
            f"{','.join(o.days)} {o.opens_at:%H:%M}-{o.closes_at:%H:%M}"
            for o in details.opening_times
        ]
        changes = {
            name: [_plain(before[name]), _plain(after[name])]
            for name in after
            if _plain(before[name]) != _plain(after[name])
        }
        if not changes and not checked:
            return None
        update = [f for f in SERVICE_FIELDS if f in changes]
        for name in update:
            setattr(service, name, after[name])
        if changes:
            service.last_modified = now
            update.append("last_modified")
        if checked:
            service.last_checked_at = now
            service.last_checked_by = actor if getattr(actor, "pk", None) else None
            service.last_checked_by_name = (
                _by_name(actor) if service.last_checked_by else str(actor)
            )
            update += ["last_checked_at", "last_checked_by", "last_checked_by_name"]
        service.save(update_fields=update)
        if "domains" in changes:
            _set_terms(
                service,
                LIFE_DOMAINS_TAXONOMY.id,
                [LIFE_DOMAINS_TAXONOMY.term_id(d) for d in details.domains],
            )
        if "kinds" in changes:
            _set_terms(
                service,
                SUPPORT_KINDS_TAXONOMY.id,
                [SUPPORT_KINDS_TAXONOMY.term_id(k) for k in details.kinds],
            )
        if "opening_times" in changes:
            service.schedules.filter(freq="WEEKLY").delete()
            Schedule.objects.bulk_create(
                [
                    Schedule(
                        service=service,
                        freq="WEEKLY",
                        interval=1,
                        byday=",".join(o.days),
                        opens_at=o.opens_at,
                        closes_at=o.closes_at,
                    )
                    for o in details.opening_times
                ]
            )
        services_reindex([service])
        return _record(
            organisation=service.organisation,
            service=service,
            what=EntryChange.What.CHANGED if changes else EntryChange.What.CHECKED,
            by=actor,
            fields=changes,
            at=now,
        )


def service_check(*, actor: Any, service: Service) -> EntryChange:
    """Say the entry was read and is still true."""
    change = service_change(actor=actor, service=service, details=details_of(service), checked=True)
    if change is None:  # pragma: no cover (checked is always written)
        raise RuntimeError("a check wrote nothing")
    return change


def details_of(service: Service) -> ServiceDetails:
    return ServiceDetails(
        **{f: getattr(service, f) for f in SERVICE_FIELDS},
        domains=tuple(_terms(service, LIFE_DOMAINS_TAXONOMY.id)),
        kinds=tuple(_terms(service, SUPPORT_KINDS_TAXONOMY.id)),
        opening_times=tuple(_opening_times(service)),
    )


@dataclass(frozen=True)
class CommunityAsset:
    """A community place a person has told the team about, in their words."""

    name: str  # "Tony's barbers"
    what_they_said: str  # "Tony lets people talk while he cuts their hair"
    street: str  # "Acre Lane"
    postcode: str = ""  # "SW2 5AB", when someone knows it
    contact_name: str = ""  # "Tony"
    phone: str = ""
    domains: tuple[str, ...] = ("belonging",)


def community_asset_add(
    *,
    actor: Any,
    asset: CommunityAsset,
    city: str,
    county: str,
    coordinates: tuple[float, float] | None,
) -> Service:
    """Add a community place to the directory in one step: an organisation of kind
    "community-place", its one service (open to walk in; a warm introduction goes to the contact
    named) and its place. It is checked today by whoever adds it."""
    now = timezone.now()
    for domain in asset.domains:
        LIFE_DOMAINS_TAXONOMY.term_id(domain)
    with transaction.atomic():
        built_in_taxonomies_ensure()
        name = asset.name.strip()
        taken = set(
            Organisation.objects.filter(name__istartswith=name).values_list("name", flat=True)
        )
        unique = name
        n = 2
        while unique in taken:
            unique = f"{name} ({asset.street.strip() or n})" if n == 2 else f"{name} ({n})"
            n += 1
        organisation = Organisation.objects.create(
            name=unique, kind="community-place", description=asset.what_they_said
        )
        service = Service.objects.create(
            organisation=organisation,
            name=name,
            description=asset.what_they_said,
            walk_in=True,
            warm_introductions=bool(asset.contact_name),
            introductions_to=asset.contact_name,
            last_modified=now,
            last_checked_at=now,
            last_checked_by=actor,
            last_checked_by_name=_by_name(actor),
        )
        latitude, longitude = coordinates if coordinates else (None, None)
        location = Location.objects.create(
            organisation=organisation, name=name, latitude=latitude, longitude=longitude
        )
        Address.objects.create(
            location=location,
            address_1=asset.street.strip(),
            city=city,
            state_province=county,
            postal_code=asset.postcode,
        )
        ServiceAtLocation.objects.create(
            service=service, location=location, latitude=latitude, longitude=longitude
        )
        if asset.phone:
            service.phones.create(number=asset.phone, description=asset.contact_name)
        ServiceTerm.objects.bulk_create(
            [
                ServiceTerm(service=service, taxonomy_term_id=LIFE_DOMAINS_TAXONOMY.term_id(d))
                for d in asset.domains
            ]
            + [
                ServiceTerm(
                    service=service,
                    taxonomy_term_id=SUPPORT_KINDS_TAXONOMY.term_id("community-place"),
                )
            ]
        )
        services_reindex([service])
        _record(
            organisation=organisation,
            service=service,
            what=EntryChange.What.ADDED,
            by=actor,
            fields={"name": [None, name], "description": [None, asset.what_they_said]},
            at=now,
        )
    return service


def postcodes_load(rows: Iterable[tuple[str, float, float]], *, batch: int = 5000) -> int:
    """Load postcodes and their centres (postcode as written, latitude, longitude), replacing any
    already held with the same postcode. Returns how many were loaded."""
    from livingwell.network.models import Postcode

    loaded = 0
    # One row for each postcode in a batch (the database refuses to change a row twice in one go);
    # a postcode given twice keeps its last centre.
    chunk: dict[str, Postcode] = {}
    with transaction.atomic():
        for postcode, latitude, longitude in rows:
            chunk[postcode] = Postcode(postcode=postcode, latitude=latitude, longitude=longitude)
            loaded += 1
            if len(chunk) >= batch:
                _postcodes_save(list(chunk.values()))
                chunk = {}
        _postcodes_save(list(chunk.values()))
    return loaded


def _postcodes_save(chunk: list[Any]) -> None:
    from livingwell.network.models import Postcode

    if not chunk:
        return
    Postcode.objects.bulk_create(
        chunk,
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=["latitude", "longitude"],
    )


def synthetic_directory_load(
    organisations: Iterable[Any], *, city: str, county: str, now: dt.datetime | None = None
) -> int:
    """Load the synthetic borough's directory (`livingwell.synthetic.directory`) in bulk. An
    organisation already held (by its directory id: a partner) gets the services; the others are
    made. Returns how many services it loaded."""
    from livingwell.network.models import Accessibility, CostOption, Language, Phone

    now = now or timezone.now()
    built_in_taxonomies_ensure()
    organisations = list(organisations)
    held = {
        o.directory_id: o
        for o in Organisation.objects.filter(directory_id__in=[o.id for o in organisations])
    }
    taken = set(
        Organisation.objects.filter(name__in=[o.name for o in organisations]).values_list(
            "name", flat=True
        )
    )
    made: list[Organisation] = []
    rows: dict[type[Any], list[Any]] = {
        model: []
        for model in (
            Service,
            Location,
            Address,
            Accessibility,
            ServiceAtLocation,
            Schedule,
            ServiceTerm,
            Language,
            CostOption,
            Phone,
        )
    }
    for o in organisations:
        org = held.get(o.id)
        if org is None:
            org = Organisation(
                name=f"{o.name} (directory)" if o.name in taken else o.name,
                kind=o.kind,
                description=o.description,
                website=o.website,
                directory_id=o.id,
            )
            made.append(org)
        for s in o.services:
            checked = now - dt.timedelta(days=s.checked_days_ago)
            service = Service(
                id=s.id,
                organisation=org,
                name=s.name,
                description=s.description,
                who_for=s.who_for,
                email=s.email,
                warm_introductions=s.warm_introductions,
                introductions_to=s.introductions_to,
                walk_in=s.walk_in,
                free=s.cost is None,
                last_modified=checked,
                last_checked_at=checked,
                last_checked_by_name="The directory's first load",
            )
            rows[Service].append(service)
            for place in s.locations:
                location = Location(
                    id=place.id,
                    organisation=org,
                    name=place.name,
                    latitude=place.latitude,
                    longitude=place.longitude,
                    step_free=place.step_free,
                    transport=place.transport,
                )
                rows[Location].append(location)
                rows[Address].append(
                    Address(
                        location=location,
                        address_1=place.street,
                        city=city,
                        state_province=county,
                        postal_code=place.postcode,
                    )
                )
                rows[Accessibility].append(
                    Accessibility(
                        location=location,
                        description="Step-free access"
                        if place.step_free
                        else "Steps at the entrance",
                    )
                )
                rows[ServiceAtLocation].append(
                    ServiceAtLocation(
                        service=service,
                        location=location,
                        latitude=place.latitude,
                        longitude=place.longitude,
                    )
                )
            rows[Schedule] += [
                Schedule(
                    service=service,
                    freq="WEEKLY",
                    interval=1,
                    byday=x.byday,
                    opens_at=x.opens_at,
                    closes_at=x.closes_at,
                )
                for x in s.schedules
            ]
            rows[ServiceTerm] += [
                ServiceTerm(service=service, taxonomy_term_id=LIFE_DOMAINS_TAXONOMY.term_id(d))
                for d in s.domains
            ] + [
                ServiceTerm(service=service, taxonomy_term_id=SUPPORT_KINDS_TAXONOMY.term_id(k))
                for k in s.kinds
            ]
            rows[Language] += [Language(service=service, code=c, name=n) for c, n in s.languages]
            if s.cost is not None:
                rows[CostOption].append(
                    CostOption(
                        service=service,
                        option="Each session",
                        amount=s.cost,
                        amount_description=f"£{s.cost:.0f} a session",
                    )
                )
            rows[Phone].append(Phone(service=service, number=s.phone))
    with transaction.atomic():
        Organisation.objects.bulk_create(made, batch_size=2000)
        for model, table in rows.items():
            model.objects.bulk_create(table, batch_size=2000)
        loaded = [s.id for s in rows[Service]]
        for start in range(0, len(loaded), 500):
            services_reindex(Service(id=i) for i in loaded[start : start + 500])
    return len(loaded)
