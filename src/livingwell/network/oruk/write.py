"""The directory as Open Referral UK 3.0 JSON: each object as the UK profile's schema names it.

The standard's rules that shape this: no `null` anywhere (an empty field is left out), every id is a
UUID, dates are YYYY-MM-DD, times HH:MM:SS, `last_modified` carries its offset, and an address has a
county (`state_province`) and a country ("GB").

Beside the standard, a service carries `warm_introductions`, `introductions_to` and `walk_in` (how a
person gets in); what it helps with and what it is travel as taxonomy terms (`attributes`). Each
function reads what is prefetched (`network.selectors.SERVICE_FULL`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from livingwell.network.models import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    Language,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceTerm,
    Taxonomy,
    TaxonomyTerm,
)
from livingwell.network.taxonomies import ORGANISATION_KINDS_TAXONOMY

VERSION = "HSDS-UK-3.0"


def value_of(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "hex") and hasattr(value, "version"):  # a UUID
        return str(value)
    return value


def clean(fields: dict[str, Any]) -> dict[str, Any]:
    """`fields` without what is empty (None, "", []), every value in the standard's form."""
    return {k: value_of(v) for k, v in fields.items() if v is not None and v != "" and v != []}


def taxonomy(t: Taxonomy, *, terms: list[TaxonomyTerm] | None = None) -> dict[str, Any]:
    return clean(
        {
            "id": t.id,
            "name": t.name,
            "description": t.description,
            "uri": t.uri,
            "version": t.version,
            "taxonomy_terms": [taxonomy_term(term) for term in terms] if terms else None,
        }
    )


def taxonomy_term(term: TaxonomyTerm) -> dict[str, Any]:
    return clean(
        {
            "id": term.id,
            "name": term.name,
            "description": term.description,
            "parent_id": term.parent_id,
            "taxonomy_id": term.taxonomy_id,
            "term": term.code,
            "term_uri": term.term_uri,
        }
    )


def _attribute(link: ServiceTerm) -> dict[str, Any]:
    return clean(
        {
            "id": link.id,
            "link_id": link.service_id,
            "link_type": "service",
            "taxonomy_term_id": link.taxonomy_term_id,
            "taxonomy_term": taxonomy_term(link.taxonomy_term),
        }
    )


def organisation_attribute(o: Organisation) -> dict[str, Any]:
    """An organisation's kind, as a term of "Living Well kinds of organisation"."""
    term_id = ORGANISATION_KINDS_TAXONOMY.term_id(o.kind)
    return {
        # The link's own id, the same every time: made from the organisation's and the term's.
        "id": str(_link_id(o.directory_id, term_id)),
        "link_id": str(o.directory_id),
        "link_type": "organization",
        "taxonomy_term_id": str(term_id),
        "taxonomy_term": {
            "id": str(term_id),
            "name": ORGANISATION_KINDS_TAXONOMY.terms[o.kind],
            "description": ORGANISATION_KINDS_TAXONOMY.terms[o.kind],
            "taxonomy_id": str(ORGANISATION_KINDS_TAXONOMY.id),
            "term": o.kind,
        },
    }


def _link_id(a: uuid.UUID, b: Any) -> uuid.UUID:
    """A linking object's id, the same every time: made from the ids it links."""
    return uuid.uuid5(a, str(b))


def organisation(o: Organisation) -> dict[str, Any]:
    identifiers = []
    if o.ods_code:
        identifiers.append(("ods", "NHS ODS code", o.ods_code))
    if o.charity_number:
        identifiers.append(("charity", "Charity number", o.charity_number))
    return clean(
        {
            "id": o.directory_id,
            "name": o.name,
            "description": o.description or o.name,
            "email": o.email,
            "website": o.website,
            "organization_identifiers": [
                {
                    "id": str(_link_id(o.directory_id, scheme)),
                    "organization_id": str(o.directory_id),
                    "identifier_scheme": scheme,
                    "identifier_type": kind,
                    "identifier": value,
                }
                for scheme, kind, value in identifiers
            ],
            "attributes": [organisation_attribute(o)],
        }
    )


def _phone(p: Phone) -> dict[str, Any]:
    return clean(
        {
            "id": p.id,
            "contact_id": p.contact_id,
            "service_id": p.service_id,
            "location_id": p.location_id,
            "number": p.number,
            "extension": p.extension,
            "type": p.type,
            "description": p.description,
            "languages": [_language(lang) for lang in p.languages.all()],
        }
    )


def _language(lang: Language) -> dict[str, Any]:
    return clean(
        {
            "id": lang.id,
            "service_id": lang.service_id,
            "phone_id": lang.phone_id,
            "name": lang.name,
            "code": lang.code,
            "note": lang.note,
        }
    )


def _contact(c: Contact) -> dict[str, Any]:
    return clean(
        {
            "id": c.id,
            "service_id": c.service_id,
            "name": c.name,
            "title": c.title,
            "department": c.department,
            "email": c.email,
            "phones": [_phone(p) for p in c.phones.all()],
        }
    )


def _schedule(s: Schedule) -> dict[str, Any]:
    return clean(
        {
            "id": s.id,
            "service_id": s.service_id,
            "service_at_location_id": s.service_at_location_id,
            "valid_from": s.valid_from,
            "valid_to": s.valid_to,
            "dtstart": s.dtstart,
            "freq": s.freq,
            "interval": s.interval,
            "byday": s.byday,
            "bymonthday": s.bymonthday,
            "opens_at": s.opens_at,
            "closes_at": s.closes_at,
            "description": s.description,
            "schedule_link": s.schedule_link,
            "attending_type": s.attending_type,
            "notes": s.notes,
        }
    )


def _cost_option(c: CostOption) -> dict[str, Any]:
    return clean(
        {
            "id": c.id,
            "service_id": c.service_id,
            "valid_from": c.valid_from,
            "valid_to": c.valid_to,
            "option": c.option,
            "amount": c.amount,
            "currency": c.currency if c.amount is not None else None,
            "amount_description": c.amount_description,
        }
    )


def _service_area(a: ServiceArea) -> dict[str, Any]:
    return clean(
        {
            "id": a.id,
            "service_id": a.service_id,
            "name": a.name,
            "description": a.description,
            "extent": a.extent,
            "extent_type": a.extent_type,
            "uri": a.uri,
        }
    )


def _address(a: Address) -> dict[str, Any]:
    return clean(
        {
            "id": a.id,
            "location_id": a.location_id,
            "attention": a.attention,
            "address_1": a.address_1,
            "city": a.city,
            "region": a.region,
            "state_province": a.state_province,
            "postal_code": a.postal_code,
            "country": a.country,
            "address_type": a.address_type,
        }
    )


def _accessibility(a: Accessibility) -> dict[str, Any]:
    return clean(
        {
            "id": a.id,
            "location_id": a.location_id,
            "description": a.description,
            "details": a.details,
            "url": a.url,
        }
    )


def location(loc: Location) -> dict[str, Any]:
    return clean(
        {
            "id": loc.id,
            "location_type": loc.location_type,
            "name": loc.name,
            "description": loc.description,
            "latitude": loc.latitude,
            "longitude": loc.longitude,
            "external_identifier": loc.external_identifier,
            "external_identifier_type": loc.external_identifier_type,
            "addresses": [_address(a) for a in loc.addresses.all()],
            "accessibility": [_accessibility(a) for a in loc.accessibility.all()],
            "phones": [_phone(p) for p in loc.phones.all()],
            "step_free": loc.step_free or None,
            "transport": loc.transport,
        }
    )


def service_at_location(at: ServiceAtLocation, *, with_service: bool = False) -> dict[str, Any]:
    return clean(
        {
            "id": at.id,
            "service_id": at.service_id,
            "location_id": at.location_id,
            "description": at.description,
            "location": location(at.location),
            "schedules": [_schedule(s) for s in at.schedules.all()],
            "service": service_in_list(at.service) if with_service else None,
        }
    )


def _service_fields(s: Service, *, team_only: bool = False) -> dict[str, Any]:
    """A service's own fields. Who at the organisation takes introductions is for the team (the
    page that changes it says so): it is in the directory's export, never in the open feed."""
    return {
        "id": s.id,
        "organization_id": s.organisation.directory_id,
        "name": s.name,
        "description": s.description,
        "eligibility_description": s.who_for,
        "url": s.url,
        "email": s.email,
        "status": s.status,
        "fees_description": s.fees,
        "accreditations": s.accreditations,
        "minimum_age": s.minimum_age,
        "maximum_age": s.maximum_age,
        "assured_date": s.last_checked_at.date() if s.last_checked_at else None,
        "alert": s.alert,
        "last_modified": s.last_modified,
        "warm_introductions": s.warm_introductions,
        "introductions_to": s.introductions_to if team_only else None,
        "walk_in": s.walk_in,
    }


def service_in_list(s: Service) -> dict[str, Any]:
    """A service as a list gives it: its own fields and its organisation."""
    return clean({**_service_fields(s), "organization": organisation(s.organisation)})


def service(s: Service, *, team_only: bool = False) -> dict[str, Any]:
    """A service whole, with everything it holds (and, with `team_only`, what only the team
    sees)."""
    return clean(
        {
            **_service_fields(s, team_only=team_only),
            "organization": organisation(s.organisation),
            "schedules": [_schedule(x) for x in s.schedules.all()],
            "service_areas": [_service_area(x) for x in s.service_areas.all()],
            "service_at_locations": [service_at_location(x) for x in s.at_locations.all()],
            "languages": [_language(x) for x in s.languages.all()],
            "cost_options": [_cost_option(x) for x in s.cost_options.all()],
            "contacts": [_contact(x) for x in s.contacts.all()],
            "phones": [_phone(x) for x in s.phones.all()],
            "attributes": [_attribute(x) for x in s.terms.all()],
        }
    )


def page(
    items: list[dict[str, Any]], *, total: int, page_number: int, per_page: int
) -> dict[str, Any]:
    """One page of a list, with the UK profile's seven header fields. A page past the end is empty
    (and says so), not an error."""
    total_pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(items),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not items,
        "contents": items,
    }
