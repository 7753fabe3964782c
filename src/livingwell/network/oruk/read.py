"""Reading an Open Referral UK 3.0 feed: a JSON export (a list of services, a page of them, one
service, or this directory's own export) or the tabular data package (a folder of CSV files named as
the standard's datapackage names them). Plain Python, no Django.

Everything is read into the same tables, one row for each object, and every value is checked: a
UUID where an id goes, a number, a date, a time, one of the allowed words, no more characters than
the directory keeps, and every id that points somewhere pointing at something in the feed or already
held. Every problem is listed with where it is (the file and row, or the JSON path) and the field, and
a feed with any problem is refused whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

MOST_PROBLEMS = 50


class FeedError(ValueError):
    """A feed that cannot be imported: every problem, each with where it is."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MOST_PROBLEMS]
        more = (
            f" (and {len(problems) - MOST_PROBLEMS} more)" if len(problems) > MOST_PROBLEMS else ""
        )
        super().__init__(f"{len(problems)} problems{more}:\n" + "\n".join(shown))


# Each column: (name, kind, required, most characters). Kinds: uuid, text, int, number, date, time,
# datetime, bool, or a tuple of the allowed words.
Column = tuple[str, Any, bool, int]
SERVICE_STATUSES = ("active", "inactive", "defunct", "temporarily closed")
LOCATION_TYPES = ("physical", "postal", "virtual")

TABLES: dict[str, tuple[str, tuple[Column, ...]]] = {
    "organization": (
        "organizations.csv",
        (
            ("id", "uuid", True, 0),
            ("name", "text", True, 200),
            ("description", "text", False, 5000),
            ("email", "text", False, 254),
            ("website", "text", False, 500),
        ),
    ),
    "organization_identifier": (
        "organization_identifiers.csv",
        (
            ("id", "uuid", True, 0),
            ("organization_id", "uuid", True, 0),
            ("identifier_scheme", "text", False, 100),
            ("identifier_type", "text", True, 100),
            ("identifier", "text", True, 20),
        ),
    ),
    "service": (
        "services.csv",
        (
            ("id", "uuid", True, 0),
            ("organization_id", "uuid", True, 0),
            ("name", "text", True, 200),
            ("description", "text", False, 5000),
            ("eligibility_description", "text", False, 2000),
            ("url", "text", False, 500),
            ("email", "text", False, 254),
            ("status", SERVICE_STATUSES, True, 0),
            ("fees_description", "text", False, 2000),
            ("fees", "text", False, 2000),
            ("accreditations", "text", False, 2000),
            ("minimum_age", "int", False, 0),
            ("maximum_age", "int", False, 0),
            ("assured_date", "date", False, 0),
            ("alert", "text", False, 2000),
            ("last_modified", "datetime", False, 0),
            ("warm_introductions", "bool", False, 0),
            ("introductions_to", "text", False, 200),
            ("walk_in", "bool", False, 0),
        ),
    ),
    "location": (
        "locations.csv",
        (
            ("id", "uuid", True, 0),
            ("location_type", LOCATION_TYPES, True, 0),
            ("name", "text", False, 200),
            ("description", "text", False, 2000),
            ("latitude", "number", False, 0),
            ("longitude", "number", False, 0),
            ("external_identifier", "text", False, 100),
            ("external_identifier_type", "text", False, 100),
            ("step_free", "bool", False, 0),
            ("transport", "text", False, 1000),
        ),
    ),
    "address": (
        "address.csv",
        (
            ("id", "uuid", True, 0),
            ("location_id", "uuid", True, 0),
            ("attention", "text", False, 200),
            ("address_1", "text", True, 200),
            ("city", "text", True, 100),
            ("region", "text", False, 100),
            ("state_province", "text", True, 100),
            ("postal_code", "text", True, 10),
            ("country", "text", True, 2),
            ("address_type", "text", True, 10),
        ),
    ),
    "accessibility": (
        "accessibility.csv",
        (
            ("id", "uuid", True, 0),
            ("location_id", "uuid", True, 0),
            ("description", "text", False, 500),
            ("details", "text", False, 2000),
            ("url", "text", False, 500),
        ),
    ),
    "service_at_location": (
        "service_at_location.csv",
        (
            ("id", "uuid", True, 0),
            ("service_id", "uuid", True, 0),
            ("location_id", "uuid", True, 0),
            ("description", "text", False, 2000),
        ),
    ),
    "contact": (
        "contacts.csv",
        (
            ("id", "uuid", True, 0),
            ("service_id", "uuid", False, 0),
            ("name", "text", False, 200),
            ("title", "text", False, 200),
            ("department", "text", False, 200),
            ("email", "text", False, 254),
        ),
    ),
    "phone": (
        "phones.csv",
        (
            ("id", "uuid", True, 0),
            ("contact_id", "uuid", False, 0),
            ("service_id", "uuid", False, 0),
            ("location_id", "uuid", False, 0),
            ("number", "text", True, 40),
            ("extension", "text", False, 10),
            ("type", "text", False, 20),
            ("description", "text", False, 500),
        ),
    ),
    "schedule": (
        "schedule.csv",
        (
            ("id", "uuid", True, 0),
            ("service_id", "uuid", False, 0),
            ("service_at_location_id", "uuid", False, 0),
            ("valid_from", "date", False, 0),
            ("valid_to", "date", False, 0),
            ("dtstart", "date", False, 0),
            (
                "freq",
                ("WEEKLY", "MONTHLY", "DAILY", "YEARLY", "weekly", "monthly", "daily", "yearly"),
                False,
                0,
            ),
            ("interval", "int", False, 0),
            ("byday", "text", False, 50),
            ("bymonthday", "text", False, 50),
            ("opens_at", "time", False, 0),
            ("closes_at", "time", False, 0),
            ("description", "text", False, 1000),
            ("schedule_link", "text", False, 500),
            ("attending_type", "text", False, 200),
            ("notes", "text", False, 1000),
        ),
    ),
    "cost_option": (
        "cost_options.csv",
        (
            ("id", "uuid", True, 0),
            ("service_id", "uuid", True, 0),
            ("valid_from", "date", False, 0),
            ("valid_to", "date", False, 0),
            ("option", "text", False, 200),
            ("amount", "number", False, 0),
            ("currency", "text", False, 3),
            ("amount_description", "text", False, 500),
        ),
    ),
    "language": (
        "languages.csv",
        (
            ("id", "uuid", True, 0),
            ("service_id", "uuid", False, 0),
            ("phone_id", "uuid", False, 0),
            ("name", "text", False, 100),
            ("code", "text", False, 10),
            ("note", "text", False, 500),
        ),
    ),
    "service_area": (
        "service_areas.csv",
        (
            ("id", "uuid", True, 0),
            ("service_id", "uuid", True, 0),
            ("name", "text", False, 200),
            ("description", "text", False, 1000),
            ("extent", "text", False, 100_000),
            ("extent_type", "text", False, 20),
            ("uri", "text", False, 500),
        ),
    ),
    "taxonomy": (
        "taxonomies.csv",
        (
            ("id", "uuid", True, 0),
            ("name", "text", True, 200),
            ("description", "text", True, 2000),
            ("uri", "text", False, 500),
            ("version", "text", False, 50),
        ),
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        (
            ("id", "uuid", True, 0),
            ("name", "text", True, 200),
            ("description", "text", True, 2000),
            ("parent_id", "uuid", False, 0),
            ("taxonomy", "text", False, 200),
            ("taxonomy_id", "uuid", False, 0),
            ("term_uri", "text", False, 500),
            ("term", "text", False, 100),
        ),
    ),
    "attribute": (
        "attribute.csv",
        (
            ("id", "uuid", True, 0),
            ("link_id", "uuid", True, 0),
            ("taxonomy_term_id", "uuid", True, 0),
            ("link_type", "text", True, 50),
        ),
    ),
}
# Where each pointing id must point: (table, column) -> the table it names.
POINTS_TO = {
    ("organization_identifier", "organization_id"): "organization",
    ("service", "organization_id"): "organization",
    ("address", "location_id"): "location",
    ("accessibility", "location_id"): "location",
    ("service_at_location", "service_id"): "service",
    ("service_at_location", "location_id"): "location",
    ("contact", "service_id"): "service",
    ("phone", "contact_id"): "contact",
    ("phone", "service_id"): "service",
    ("phone", "location_id"): "location",
    ("schedule", "service_id"): "service",
    ("schedule", "service_at_location_id"): "service_at_location",
    ("cost_option", "service_id"): "service",
    ("language", "service_id"): "service",
    ("language", "phone_id"): "phone",
    ("service_area", "service_id"): "service",
    ("taxonomy_term", "taxonomy_id"): "taxonomy",
    ("taxonomy_term", "parent_id"): "taxonomy_term",
    ("attribute", "taxonomy_term_id"): "taxonomy_term",
}


@dataclass
class Row:
    where: str  # "services.csv, row 3" or "services[2].schedules[0]"
    values: dict[str, Any]


@dataclass
class Feed:
    """A feed read and checked: for each table, its rows by id."""

    tables: dict[str, dict[uuid.UUID, Row]] = field(default_factory=lambda: {t: {} for t in TABLES})

    def rows(self, table: str) -> list[dict[str, Any]]:
        return [r.values for r in self.tables[table].values()]


def _text_of(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _convert(kind: Any, value: Any, most: int) -> Any:
    """The value as the directory keeps it, or a ValueError saying what is wrong."""
    if kind == "uuid":
        try:
            return uuid.UUID(str(value))
        except ValueError:
            raise ValueError(f"{_text_of(value)[:40]!r} is not a UUID") from None
    if kind == "text":
        if not isinstance(value, str):
            raise ValueError("should be text")
        if len(value) > most:
            raise ValueError(f"is {len(value):,} characters: the most is {most:,}")
        return value
    if kind == "int":
        if isinstance(value, bool) or not re.fullmatch(
            r"\d{1,3}", str(value).strip().removesuffix(".0")
        ):
            raise ValueError(f"{_text_of(value)[:20]!r} is not a whole number from 0 to 999")
        return int(str(value).strip().removesuffix(".0"))
    if kind == "number":
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"{_text_of(value)[:20]!r} is not a number") from None
        if isinstance(value, bool) or not number.is_finite():
            raise ValueError(f"{_text_of(value)[:20]!r} is not a number")
        return number
    if kind == "date":
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"{_text_of(value)[:20]!r} is not a date as YYYY-MM-DD") from None
    if kind == "time":
        found = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?", str(value).strip())
        if not found:
            raise ValueError(f"{_text_of(value)[:20]!r} is not a time as HH:MM:SS")
        return dt.time(int(found[1]), int(found[2]), int(found[3] or 0))
    if kind == "datetime":
        try:
            when = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(
                f"{_text_of(value)[:30]!r} is not a date and time, like 2026-01-31T09:00:00Z"
            ) from None
        if when.tzinfo is None:
            raise ValueError(f"{value!r} has no time zone: add Z or an offset like +01:00")
        return when
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if str(value).strip().lower() in ("true", "false"):
            return str(value).strip().lower() == "true"
        raise ValueError(f"{_text_of(value)[:20]!r} should be true or false")
    if isinstance(kind, tuple):
        if value not in kind:
            raise ValueError(
                f"{_text_of(value)[:30]!r} is not one of {', '.join(sorted({k.lower() for k in kind}))}"
            )
        # Recurrence words are written in capitals (iCalendar's), the others in lower case.
        return value.upper() if kind[0].isupper() else value.lower()
    raise AssertionError(kind)  # pragma: no cover


def _check(table: str, where: str, raw: dict[str, Any], problems: list[str]) -> Row | None:
    _, columns = TABLES[table]
    values: dict[str, Any] = {}
    ok = True
    for name, kind, required, most in columns:
        value = raw.get(name)
        if value is None or value == "":
            if required:
                problems.append(f"{where}, {name}: is missing")
                ok = False
            continue
        try:
            values[name] = _convert(kind, value, most)
        except ValueError as error:
            problems.append(f"{where}, {name}: {error}")
            ok = False
    return Row(where, values) if ok else None


def _add(feed: Feed, table: str, where: str, raw: Any, problems: list[str]) -> Row | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: should be an object")
        return None
    row = _check(table, where, raw, problems)
    if row is None:
        return None
    key = row.values["id"]
    held = feed.tables[table].get(key)
    if held is not None and held.values != row.values:
        problems.append(f"{where}, id: {key} is also {held.where}, with other values")
        return None
    feed.tables[table][key] = row
    return row


def _items(raw: Any, where: str, problems: list[str]) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"{where}: should be a list")
        return []
    return raw


def _read_service(feed: Feed, raw: Any, where: str, problems: list[str]) -> None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: should be an object")
        return
    organisation = raw.get("organization")
    if organisation is not None:
        _read_organisation(feed, organisation, f"{where}.organization", problems)
        if isinstance(organisation, dict) and not raw.get("organization_id"):
            raw = {**raw, "organization_id": organisation.get("id")}
    row = _add(feed, "service", where, raw, problems)
    service_id = row.values["id"] if row else None

    def child(name: str, table: str, extra: Callable[[Any, str], None] | None = None) -> None:
        for n, item in enumerate(_items(raw.get(name), f"{where}.{name}", problems)):
            path = f"{where}.{name}[{n}]"
            # What a nested object leaves out is its parent's: the service it is in, the place
            # and the term it holds.
            if isinstance(item, dict) and service_id is not None and table != "attribute":
                item = {**item, "service_id": item.get("service_id") or str(service_id)}
            if table == "service_at_location" and isinstance(item.get("location"), dict):
                item = {
                    **item,
                    "location_id": item.get("location_id") or item["location"].get("id"),
                }
            if table == "attribute" and isinstance(item, dict):
                term = item.get("taxonomy_term")
                if term is not None:
                    _add(feed, "taxonomy_term", f"{path}.taxonomy_term", term, problems)
                item = {
                    **item,
                    "link_id": item.get("link_id") or (str(service_id) if service_id else None),
                    "taxonomy_term_id": item.get("taxonomy_term_id")
                    or (term.get("id") if isinstance(term, dict) else None),
                }
            _add(feed, table, path, item, problems)
            if extra is not None:
                extra(item, path)

    def location_parts(item: Any, path: str) -> None:
        if not isinstance(item, dict):
            return
        location = item.get("location")
        if location is not None:
            _read_location(feed, location, f"{path}.location", problems)
        for n, schedule in enumerate(_items(item.get("schedules"), f"{path}.schedules", problems)):
            if isinstance(schedule, dict):
                schedule = {"service_at_location_id": item.get("id"), **schedule}
            _add(feed, "schedule", f"{path}.schedules[{n}]", schedule, problems)

    def contact_phones(item: Any, path: str) -> None:
        if isinstance(item, dict):
            _read_phones(
                feed, item.get("phones"), f"{path}.phones", problems, contact_id=item.get("id")
            )

    child("service_at_locations", "service_at_location", location_parts)
    child("schedules", "schedule")
    child("languages", "language")
    child("cost_options", "cost_option")
    child("service_areas", "service_area")
    child("contacts", "contact", contact_phones)
    child("attributes", "attribute")
    _read_phones(feed, raw.get("phones"), f"{where}.phones", problems, service_id=service_id)


def _read_phones(feed: Feed, raw: Any, where: str, problems: list[str], **owner: Any) -> None:
    for n, phone in enumerate(_items(raw, where, problems)):
        path = f"{where}[{n}]"
        if isinstance(phone, dict):
            phone = {**{k: str(v) for k, v in owner.items() if v}, **phone}
            for m, language in enumerate(
                _items(phone.get("languages"), f"{path}.languages", problems)
            ):
                if isinstance(language, dict):
                    language = {"phone_id": phone.get("id"), **language}
                _add(feed, "language", f"{path}.languages[{m}]", language, problems)
        _add(feed, "phone", path, phone, problems)


def _read_location(feed: Feed, raw: Any, where: str, problems: list[str]) -> None:
    row = _add(feed, "location", where, raw, problems)
    if not isinstance(raw, dict):
        return
    location_id = str(row.values["id"]) if row else None
    for name, table in (("addresses", "address"), ("accessibility", "accessibility")):
        for n, item in enumerate(_items(raw.get(name), f"{where}.{name}", problems)):
            if isinstance(item, dict) and location_id:
                item = {"location_id": location_id, **item}
            _add(feed, table, f"{where}.{name}[{n}]", item, problems)
    _read_phones(feed, raw.get("phones"), f"{where}.phones", problems, location_id=location_id)


def _read_organisation(feed: Feed, raw: Any, where: str, problems: list[str]) -> None:
    row = _add(feed, "organization", where, raw, problems)
    if not isinstance(raw, dict) or row is None:
        return
    for n, item in enumerate(
        _items(raw.get("organization_identifiers"), f"{where}.organization_identifiers", problems)
    ):
        if isinstance(item, dict):
            item = {"organization_id": str(row.values["id"]), **item}
        _add(
            feed,
            "organization_identifier",
            f"{where}.organization_identifiers[{n}]",
            item,
            problems,
        )
    for n, item in enumerate(_items(raw.get("attributes"), f"{where}.attributes", problems)):
        path = f"{where}.attributes[{n}]"
        if isinstance(item, dict) and isinstance(item.get("taxonomy_term"), dict):
            term = item["taxonomy_term"]
            _add(feed, "taxonomy_term", f"{path}.taxonomy_term", term, problems)
            item = {
                **item,
                "link_id": item.get("link_id") or str(row.values["id"]),
                "link_type": item.get("link_type") or "organization",
                "taxonomy_term_id": item.get("taxonomy_term_id") or term.get("id"),
            }
        _add(feed, "attribute", path, item, problems)


def _read_taxonomy(feed: Feed, raw: Any, where: str, problems: list[str]) -> None:
    row = _add(feed, "taxonomy", where, raw, problems)
    if not isinstance(raw, dict) or row is None:
        return
    for n, term in enumerate(
        _items(raw.get("taxonomy_terms"), f"{where}.taxonomy_terms", problems)
    ):
        if isinstance(term, dict):
            term = {"taxonomy_id": str(row.values["id"]), **term}
        _add(feed, "taxonomy_term", f"{where}.taxonomy_terms[{n}]", term, problems)


def read_json(text: str, name: str = "the file") -> Feed:
    """A JSON export: this directory's own ({"services": [...], "organizations": [...],
    "taxonomies": [...]}), a page of a list ({"contents": [...]}), a list of services, or one."""
    problems: list[str] = []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FeedError([f"{name}: is not JSON ({error.msg} at line {error.lineno})"]) from None
    feed = Feed()
    services: Any
    organisations: list[Any]
    taxonomies: list[Any]
    if isinstance(data, list):
        services, organisations, taxonomies, root = data, [], [], ""
    elif isinstance(data, dict) and "contents" in data:
        services, organisations, taxonomies, root = data["contents"], [], [], "contents"
    elif isinstance(data, dict) and "services" in data:
        services = data.get("services")
        organisations = data.get("organizations") or []
        taxonomies = data.get("taxonomies") or []
        root = "services"
    elif isinstance(data, dict) and "id" in data and "name" in data:
        services, organisations, taxonomies, root = [data], [], [], "$"
    else:
        raise FeedError(
            [f"{name}: is not an Open Referral UK feed (no services, contents or service found)"]
        )
    for n, t in enumerate(_items(taxonomies, "taxonomies", problems)):
        _read_taxonomy(feed, t, f"taxonomies[{n}]", problems)
    for n, o in enumerate(_items(organisations, "organizations", problems)):
        _read_organisation(feed, o, f"organizations[{n}]", problems)
    for n, s in enumerate(_items(services, root or "$", problems)):
        _read_service(feed, s, f"{root}[{n}]" if root not in ("", "$") else f"[{n}]", problems)
    _finish(feed, problems)
    return feed


def read_csv_folder(folder: Path) -> Feed:
    """The tabular data package: a folder of the standard's CSV files (any may be left out but
    services.csv and organizations.csv)."""
    problems: list[str] = []
    feed = Feed()
    for needed in ("organizations.csv", "services.csv"):
        if not (folder / needed).is_file():
            problems.append(f"{folder / needed}: is missing")
    if problems:
        raise FeedError(problems)
    for table, (file, _) in TABLES.items():
        path = folder / file
        if not path.is_file():
            continue
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            for n, raw in enumerate(reader, start=2):
                _add(feed, table, f"{file}, row {n}", dict(raw), problems)
    _finish(feed, problems)
    return feed


def _finish(feed: Feed, problems: list[str], held: Iterable[tuple[str, uuid.UUID]] = ()) -> None:
    if problems:
        raise FeedError(problems)


def dangling(feed: Feed, held: Callable[[str, set[uuid.UUID]], set[uuid.UUID]]) -> list[str]:
    """Every id that points at nothing in the feed nor (by `held`, which says which of some ids the
    directory already holds) in the directory."""
    wanted: dict[tuple[str, str], list[tuple[Row, uuid.UUID]]] = {}
    for (table, column), target in POINTS_TO.items():
        for row in feed.tables[table].values():
            value = row.values.get(column)
            if value is not None and value not in feed.tables[target]:
                wanted.setdefault((table, column), []).append((row, value))
    problems: list[str] = []
    for (table, column), rows in wanted.items():
        target = POINTS_TO[(table, column)]
        found = held(target, {v for _, v in rows})
        problems += [
            f"{row.where}, {column}: {value} is not a {target.replace('_', ' ')} in the feed or the directory"
            for row, value in rows
            if value not in found
        ]
    for row in feed.tables["attribute"].values():
        if row.values["link_type"] not in ("service", "organization"):
            continue
        target = "service" if row.values["link_type"] == "service" else "organization"
        link = row.values["link_id"]
        if link not in feed.tables[target] and link not in held(target, {link}):
            problems.append(
                f"{row.where}, link_id: {link} is not a {target} in the feed or the directory"
            )
    return problems
