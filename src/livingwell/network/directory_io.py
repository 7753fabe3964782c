"""The whole directory in and out as Open Referral UK 3.0: imported from a feed all or nothing (the same
feed again updates, never duplicates), exported as JSON and as the tabular data package.

An imported service's parts (its places, times, costs, languages, contacts, terms) are the feed's:
what the feed no longer holds for it is taken away. Every service imported is kept in the history
of changes as imported, by whoever ran the import.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model, Prefetch
from django.utils import timezone

from livingwell.network.models import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    EntryChange,
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
from livingwell.network.oruk import write
from livingwell.network.oruk.read import TABLES, Feed, FeedError, dangling
from livingwell.network.selectors import SERVICE_FULL
from livingwell.network.services import (
    built_in_taxonomies_ensure,
    places_locate,
    services_reindex,
)
from livingwell.network.taxonomies import ORGANISATION_KINDS_TAXONOMY

MODELS: dict[str, type[Model]] = {
    "service": Service,
    "location": Location,
    "address": Address,
    "accessibility": Accessibility,
    "service_at_location": ServiceAtLocation,
    "contact": Contact,
    "phone": Phone,
    "schedule": Schedule,
    "cost_option": CostOption,
    "language": Language,
    "service_area": ServiceArea,
    "taxonomy": Taxonomy,
    "taxonomy_term": TaxonomyTerm,
}


def _held(table: str, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    if table == "organization":
        return set(
            Organisation.objects.filter(directory_id__in=ids).values_list("directory_id", flat=True)
        )
    if table == "attribute":
        return set(ServiceTerm.objects.filter(id__in=ids).values_list("id", flat=True))
    return set(MODELS[table].objects.filter(pk__in=ids).values_list("pk", flat=True))  # type: ignore[attr-defined]


def _upsert(model: type[Model], rows: Sequence[Model], unique: str = "id") -> None:
    if not rows:
        return
    fields = [
        f.attname
        for f in model._meta.concrete_fields
        if not f.primary_key and f.attname != unique and not getattr(f, "auto_now_add", False)
    ]
    model.objects.bulk_create(  # type: ignore[attr-defined]
        rows, update_conflicts=True, unique_fields=[unique], update_fields=fields, batch_size=1000
    )


def directory_import(feed: Feed, *, actor: Any, now: dt.datetime | None = None) -> dict[str, int]:
    """Import a checked feed in one transaction: all of it, or (on any problem) nothing. Returns how
    many of each thing it holds."""
    now = now or timezone.now()
    problems = dangling(feed, _held)
    if problems:
        raise FeedError(problems)
    t = feed.tables
    by_name = str(actor) if not getattr(actor, "pk", None) else None
    try:
        with transaction.atomic():
            built_in_taxonomies_ensure()
            _import(feed, actor=actor, by_name=by_name, now=now)
    except IntegrityError as error:
        raise FeedError([f"the feed does not fit the directory: {error}".splitlines()[0]]) from None
    return {table: len(rows) for table, rows in t.items() if rows}


def _import(feed: Feed, *, actor: Any, by_name: str | None, now: dt.datetime) -> None:
    t = feed.tables
    kinds: dict[uuid.UUID, str] = {}
    for a in feed.rows("attribute"):
        if a["link_type"] == "organization":
            linked = t["taxonomy_term"].get(a["taxonomy_term_id"])
            code = linked.values.get("term") if linked else None
            if code in ORGANISATION_KINDS_TAXONOMY.terms:
                kinds[a["link_id"]] = code
    identifiers: dict[uuid.UUID, dict[str, str]] = {}
    for i in feed.rows("organization_identifier"):
        scheme = (i.get("identifier_scheme") or i["identifier_type"]).lower()
        field = "ods_code" if "ods" in scheme else "charity_number" if "charity" in scheme else None
        if field:
            identifiers.setdefault(i["organization_id"], {})[field] = i["identifier"][
                : 10 if field == "ods_code" else 20
            ]
    held = {
        o.directory_id: o
        for o in Organisation.objects.filter(directory_id__in=list(t["organization"]))
    }
    for key, row in t["organization"].items():
        v = row.values
        org = held.get(key) or Organisation(directory_id=key)
        org.name = v["name"]
        org.description = v.get("description", "")
        org.email = v.get("email", "")
        org.website = v.get("website", "")
        org.kind = kinds.get(key, org.kind or "other")
        for name, value in identifiers.get(key, {}).items():
            setattr(org, name, value)
        org.save()
        held[key] = org
    organisation_of = {
        o.directory_id: o.pk
        for o in Organisation.objects.filter(
            directory_id__in={r["organization_id"] for r in feed.rows("service")}
        )
    }
    taxonomies = [Taxonomy(**_fields(r, Taxonomy)) for r in feed.rows("taxonomy")]
    for term in feed.rows("taxonomy_term"):
        missing = term.get("taxonomy_id") and term["taxonomy_id"] not in t["taxonomy"]
        if missing and not Taxonomy.objects.filter(pk=term["taxonomy_id"]).exists():
            # A term read from a nested service names its taxonomy but does not hold it.
            taxonomies.append(
                Taxonomy(
                    id=term["taxonomy_id"],
                    name=term.get("taxonomy") or "A taxonomy of another directory",
                    description=term.get("taxonomy") or "Read with the terms of a feed",
                )
            )
    _upsert(Taxonomy, list({x.id: x for x in taxonomies}.values()))
    terms = [
        TaxonomyTerm(
            id=r["id"],
            taxonomy_id=r.get("taxonomy_id"),
            parent_id=r.get("parent_id"),
            code=r.get("term", ""),
            name=r["name"],
            description=r["description"],
            term_uri=r.get("term_uri", ""),
        )
        for r in feed.rows("taxonomy_term")
    ]
    _upsert(TaxonomyTerm, [x for x in terms if x.parent_id is None])
    _upsert(TaxonomyTerm, [x for x in terms if x.parent_id is not None])

    services = []
    for r in feed.rows("service"):
        checked = r.get("assured_date")
        services.append(
            Service(
                id=r["id"],
                organisation_id=organisation_of[r["organization_id"]],
                name=r["name"],
                description=r.get("description", ""),
                who_for=r.get("eligibility_description", ""),
                url=r.get("url", ""),
                email=r.get("email", ""),
                status=r["status"],
                fees=r.get("fees_description") or r.get("fees", ""),
                accreditations=r.get("accreditations", ""),
                minimum_age=r.get("minimum_age"),
                maximum_age=r.get("maximum_age"),
                alert=r.get("alert", ""),
                warm_introductions=r.get("warm_introductions", False),
                introductions_to=r.get("introductions_to", ""),
                walk_in=r.get("walk_in", False),
                last_modified=r.get("last_modified") or now,
                last_checked_at=(
                    dt.datetime.combine(checked, dt.time(12), tzinfo=dt.UTC) if checked else None
                ),
                last_checked_by_name="Imported" if checked else "",
            )
        )
    _upsert(Service, services)
    service_ids = [s.id for s in services]
    location_org = {
        at["location_id"]: organisation_of[t["service"][at["service_id"]].values["organization_id"]]
        for at in feed.rows("service_at_location")
        if at["service_id"] in t["service"]
    }
    _upsert(
        Location,
        [
            Location(organisation_id=location_org.get(r["id"]), **_fields(r, Location))
            for r in feed.rows("location")
        ],
    )
    # What the feed no longer holds for its services is taken away.
    for model, rows in (
        (ServiceAtLocation, "service_at_location"),
        (Schedule, "schedule"),
        (CostOption, "cost_option"),
        (Language, "language"),
        (ServiceArea, "service_area"),
        (Contact, "contact"),
        (Phone, "phone"),
    ):
        model.objects.filter(service_id__in=service_ids).exclude(pk__in=list(t[rows])).delete()
    Schedule.objects.filter(service_at_location__service_id__in=service_ids).exclude(
        pk__in=list(t["schedule"])
    ).delete()
    ServiceTerm.objects.filter(service_id__in=service_ids).exclude(
        pk__in=list(t["attribute"])
    ).delete()
    parts: tuple[tuple[type[Model], str], ...] = (
        (Address, "address"),
        (Accessibility, "accessibility"),
        (ServiceAtLocation, "service_at_location"),
        (Contact, "contact"),
        (Phone, "phone"),
        (Schedule, "schedule"),
        (CostOption, "cost_option"),
        (Language, "language"),
        (ServiceArea, "service_area"),
    )
    for part, table in parts:
        _upsert(part, [part(**_fields(r, part)) for r in feed.rows(table)])
    _upsert(
        ServiceTerm,
        [
            ServiceTerm(id=a["id"], service_id=a["link_id"], taxonomy_term_id=a["taxonomy_term_id"])
            for a in feed.rows("attribute")
            if a["link_type"] == "service"
        ],
    )
    places_locate(service_ids)
    services_reindex(services)
    EntryChange.objects.bulk_create(
        [
            EntryChange(
                organisation_id=s.organisation_id,
                service_id=s.id,
                what=EntryChange.What.IMPORTED,
                by=actor if by_name is None else None,
                by_name=by_name or str(getattr(actor, "username", actor)),
                at=now,
                fields={},
            )
            for s in services
        ]
    )


def _fields(row: dict[str, Any], model: type[Model]) -> dict[str, Any]:
    """The feed row's values that are fields of `model` (by name or by `<name>_id`)."""
    names = {f.attname for f in model._meta.concrete_fields}
    out = {k: v for k, v in row.items() if k in names}
    if "currency" in out and not out["currency"]:
        out.pop("currency")
    return out


# Export.


def _services() -> list[Service]:
    return list(
        Service.objects.select_related("organisation")
        .prefetch_related(*SERVICE_FULL)
        .order_by("name", "id")
    )


def export_json() -> dict[str, Any]:
    """The whole directory: every organisation, every service whole (with who takes introductions,
    which the open feed leaves out: a site shares this file with whom it chooses), every taxonomy
    with its terms."""
    taxonomies = Taxonomy.objects.prefetch_related(
        Prefetch("terms", queryset=TaxonomyTerm.objects.order_by("name", "id"))
    ).order_by("name", "id")
    return {
        "version": write.VERSION,
        "organizations": [
            write.organisation(o) for o in Organisation.objects.order_by("name", "directory_id")
        ],
        "services": [write.service(s, team_only=True) for s in _services()],
        "taxonomies": [write.taxonomy(x, terms=list(x.terms.all())) for x in taxonomies],
    }


def write_json(path: Path) -> int:
    data = export_json()
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(data["services"])


def _flatten(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The JSON export as the tabular package's tables."""
    from livingwell.network.oruk.read import read_json

    feed = read_json(json.dumps(data))
    return {table: feed.rows(table) for table in TABLES}


def write_csv(folder: Path) -> int:
    """The tabular data package: one CSV file for each table, with the standard's names and the
    columns this directory keeps, and a datapackage.json naming them."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = _flatten(export_json())
    resources = []
    for table, (file, columns) in TABLES.items():
        names = [c[0] for c in columns]
        with (folder / file).open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(names)
            for row in tables[table]:
                out.writerow([_csv_value(row.get(n)) for n in names])
        resources.append(
            {
                "name": table,
                "path": file,
                "format": "csv",
                "mediatype": "text/csv",
                "profile": "tabular-data-resource",
                "schema": {"fields": [{"name": n} for n in names], "primaryKey": "id"},
            }
        )
    (folder / "datapackage.json").write_text(
        json.dumps(
            {
                "name": "living-well-directory",
                "profile": "tabular-data-package",
                "version": write.VERSION,
                "resources": resources,
            },
            indent=1,
        )
        + "\n"
    )
    return len(tables["service"])


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):
        return str(write.value_of(value))
    return str(value)
