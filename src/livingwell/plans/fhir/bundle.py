"""Reading a bundle's frame, for the readers in `read_plan` and `read`: the file loaded as JSON (a
Bundle, and only text that can be saved), the Bundle validated without its resources, its entries
collected (each resource a passport is made of validated with its fhir.resources R4B model; other FHIR
resource types tolerated and not read; a type FHIR does not have refused), every reference resolved to
an entry (by fullUrl, or `Type/id`), and the small helpers that read plain JSON safely.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from livingwell.core.text import PROBLEM, can_be_saved
from livingwell.plans.fhir.checks import BundleError
from livingwell.plans.fhir.codes import _BUNDLE_TYPES

# The resource types a passport is made of; a bundle's other resources are ignored.
_USED_TYPES: Final = frozenset(
    {"Patient", "CarePlan", "CareTeam", "Goal", "RelatedPerson", "Organization", "Consent"}
)

_FULL_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _codings(concept: object) -> list[dict[str, Any]]:
    return [c for c in _list(_dict(concept).get("coding")) if isinstance(c, dict)]


def _codes(concept: object, system: str) -> list[str]:
    return [_str(c.get("code")) for c in _codings(concept) if c.get("system") == system]


def _extensions(element: object, url: str) -> list[dict[str, Any]]:
    return [
        e
        for e in _list(_dict(element).get("extension"))
        if isinstance(e, dict) and e.get("url") == url
    ]


def _references(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every Reference.reference in a resource, with where it is."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                yield path, item
            elif key != "contained":
                yield from _references(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _references(item, f"{path}[{number}]")


def _explain(error: Any, resource_type: str) -> str:
    """A pydantic error as a sentence."""
    loc = [part for part in error.get("loc", ()) if part != "root"]
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    kind = str(error.get("type", ""))
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return f"{path!r} is not an element of a FHIR R4 {resource_type}"
    if kind in {"missing", "model_field_validation.missing"}:
        return f"{path or 'a required element'} is missing"
    value = repr(error.get("input"))
    value = value if len(value) <= 40 else f"{value[:37]}..."
    if kind == "string_pattern_mismatch":
        return f"{path}: {value} is not a value FHIR allows here (empty or badly formed)"
    plain = _PLAIN.get(kind)
    if plain is None and "Date" in message and "regex" in message:
        plain = "is not a date. FHIR writes dates as 2024-03-15, 2024-03 or 2024"
    if plain is not None:
        return f"{path}: {value} {plain}" if path else f"{value} {plain}"
    return f"{path}: {message}" if path else message


# pydantic's words for a value of the wrong kind, said plainly (its own are for programmers).
_PLAIN: dict[str, str] = {
    "bool_parsing": "should be true or false",
    "bool_type": "should be true or false",
    "list_type": "should be a list, in square brackets",
    "string_type": "should be text, in quotes",
    "int_parsing": "should be a whole number",
    "int_type": "should be a whole number",
    "decimal_parsing": "should be a number",
    "float_parsing": "should be a number",
    "dict_type": "should be an object, in curly brackets",
    "model_type": "should be an object, in curly brackets",
    "datetime_parsing": "is not a date and time. FHIR writes them as 2024-03-15T09:30:00Z",
    "date_parsing": "is not a date. FHIR writes dates as 2024-03-15, 2024-03 or 2024",
}


def _is_fhir_type(resource_type: str) -> bool:
    try:
        get_fhir_model_class(resource_type)
    except Exception:
        return False
    return True


@dataclass
class _Entry:
    number: int  # counted from 1
    full_url: str
    resource_type: str
    resource: dict[str, Any]
    valid: bool = True

    @property
    def id(self) -> str:
        return _str(self.resource.get("id"))

    @property
    def where(self) -> str:
        name = f"{self.resource_type} {self.id}".strip()
        return f"Entry {self.number} ({name})"


@dataclass
class _BundleReader:
    """Reads one bundle, gathering every problem before giving up."""

    data: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    entries: list[_Entry] = field(default_factory=list)
    by_url: dict[str, _Entry] = field(default_factory=dict)
    by_type_and_id: dict[str, _Entry] = field(default_factory=dict)
    site: str = ""
    patient: _Entry | None = None

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def check_bundle(self) -> None:
        shell = dict(self.data)
        if isinstance(shell.get("entry"), list):
            shell["entry"] = [
                {k: v for k, v in e.items() if k != "resource"} if isinstance(e, dict) else e
                for e in shell["entry"]
            ]
        try:
            Bundle.model_validate(shell)
        except ValidationError as error:
            for detail in error.errors():
                loc = detail.get("loc", ())
                if len(loc) >= 2 and loc[0] == "entry" and isinstance(loc[1], int):
                    rest = dict(detail, loc=loc[2:])
                    self.problem(f"Entry {loc[1] + 1}: {_explain(rest, 'Bundle entry')}")
                else:
                    self.problem(f"Bundle: {_explain(detail, 'Bundle')}")
        except Exception as error:  # fhir.resources can raise other errors on odd input
            self.problem(f"Bundle: could not be read ({error})")
        bundle_type = self.data.get("type")
        if isinstance(bundle_type, str) and bundle_type != "collection":
            if bundle_type in _BUNDLE_TYPES:
                self.problem(f"Bundle: type is {bundle_type!r}; a passport is a 'collection'")
            else:
                self.problem(f"Bundle: type {bundle_type!r} is not a FHIR bundle type")
        self.site = _str(_dict(self.data.get("meta")).get("source"))
        if not self.site:
            self.problem("Bundle: meta.source (the site that wrote the passport) is missing")

    def collect_entries(self) -> None:
        for number, item in enumerate(_list(self.data.get("entry")), start=1):
            if not isinstance(item, dict):
                continue  # the Bundle's own validation has said so
            resource = item.get("resource")
            if not isinstance(resource, dict):
                self.problem(f"Entry {number} has no resource")
                continue
            resource_type = _str(resource.get("resourceType"))
            if not resource_type:
                self.problem(f"Entry {number}: the resource has no resourceType")
                continue
            if not _is_fhir_type(resource_type):
                self.problem(f"Entry {number}: {resource_type!r} is not a FHIR R4 resource type")
                continue
            entry = _Entry(number, _str(item.get("fullUrl")), resource_type, resource)
            if not entry.full_url:
                self.problem(f"{entry.where} has no fullUrl")
            elif entry.full_url in self.by_url:
                other = self.by_url[entry.full_url]
                self.problem(f"{entry.where} has the same fullUrl as entry {other.number}")
            else:
                self.by_url[entry.full_url] = entry
            if resource_type and entry.id:
                self.by_type_and_id.setdefault(f"{resource_type}/{entry.id}", entry)
            if resource_type not in _USED_TYPES:
                continue  # another site may send more than a passport: tolerated, not read
            entry.valid = self.validate(entry)
            self.entries.append(entry)

    def validate(self, entry: _Entry) -> bool:
        try:
            get_fhir_model_class(entry.resource_type).model_validate(entry.resource)
        except ValidationError as error:
            for detail in error.errors():
                self.problem(f"{entry.where}: {_explain(detail, entry.resource_type)}")
            return False
        except Exception as error:
            self.problem(f"{entry.where}: could not be read as a FHIR R4 resource ({error})")
            return False
        return True

    def resolve(self, reference: str) -> _Entry | None:
        entry = self.by_url.get(reference)
        if entry is None and not reference.startswith(("urn:", "#")):
            entry = self.by_type_and_id.get("/".join(reference.split("/")[-2:]))
        return entry

    def check_references(self) -> None:
        for entry in self.entries:
            contained = {
                f"#{_str(c.get('id'))}"
                for c in _list(entry.resource.get("contained"))
                if isinstance(c, dict)
            }
            for path, reference in _references(entry.resource, ""):
                if reference in contained:
                    continue
                if self.resolve(reference) is None:
                    self.problem(
                        f"{entry.where}: the reference {reference!r} at {path} does not point to"
                        " any entry in the bundle"
                    )

    def points_to(
        self, entry: _Entry, element: str, reference: object, target: _Entry | None
    ) -> None:
        """Check that a reference resolves to the given entry (dangling ones are reported already)."""
        ref = _str(_dict(reference).get("reference"))
        if not ref:
            self.problem(f"{entry.where}: {element} is missing")
            return
        found = self.resolve(ref)
        if target is not None and found is not None and found is not target:
            self.problem(f"{entry.where}: {element} should point to {target.where}")

    def of_type(self, resource_type: str) -> list[_Entry]:
        return [entry for entry in self.entries if entry.resource_type == resource_type]

    def read_date(self, where: str, element: str, value: object) -> dt.date | None:
        text = _str(value)
        if not _FULL_DATE.fullmatch(text):
            self.problem(f"{where}: {element} {text!r} is not a full date (year, month and day)")
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.problem(f"{where}: {element} {text!r} is not a real date")
            return None

    def read_telecom(self, resource: dict[str, Any]) -> tuple[str, str]:
        points = [_dict(p) for p in _list(resource.get("telecom"))]
        phones = [_str(p.get("value")) for p in points if p.get("system") == "phone"]
        emails = [_str(p.get("value")) for p in points if p.get("system") == "email"]
        return (phones[0] if phones else "", emails[0] if emails else "")


def _load(data: dict[str, Any] | str | bytes) -> dict[str, Any]:
    if isinstance(data, (str, bytes, bytearray)):
        try:
            loaded = json.loads(data)
        except UnicodeDecodeError:
            raise BundleError(
                ["The file is not text in UTF-8, so it cannot be a FHIR JSON Bundle"]
            ) from None
        except json.JSONDecodeError as error:
            raise BundleError(
                [
                    f"The file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
                ]
            ) from None
    else:
        loaded = data
    if not isinstance(loaded, dict):
        raise BundleError(["The file is not a FHIR resource: it should be a JSON object"])
    resource_type = loaded.get("resourceType")
    if resource_type != "Bundle":
        if isinstance(resource_type, str) and resource_type:
            raise BundleError(
                [f"This is a FHIR {resource_type}, not a Bundle: send the whole Bundle"]
            )
        raise BundleError(["This is not a FHIR resource: it has no resourceType"])
    unsaveable = [where for where, text in _texts(loaded, "") if not can_be_saved(text)]
    if unsaveable:
        raise BundleError([f"{where} {PROBLEM}" for where in unsaveable[:10]])
    return loaded


def _texts(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every piece of text in the file (keys too), with where it is: "entry[1].resource.name".
    A stack, not recursion, so a deeply nested file is read without running out of stack."""
    stack = [(where, value)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            yield where or "The file", value
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                yield where or "The file", str(key)
                stack.append((f"{where}.{key}" if where else str(key), item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(value))))
