"""What a valid passport is: `passport_problems` lists, in plain English, everything that would stop a
passport from making a valid bundle that reads back the same; `PassportError` and `BundleError` carry
such lists. Dates must be sane: born from 1890 to today, goals started from 1900 (and not before the
birth date) to five years ahead, updated from 2000 to a day ahead (clock skew).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from livingwell.codes.people import ETHNIC_CATEGORIES, GENDER_IDENTITIES, nhs_number_is_valid
from livingwell.codes.plan import GOAL_ACHIEVEMENT, GOAL_LIFECYCLE, LIFE_DOMAINS, RELATIONSHIPS
from livingwell.codes.record import SHAREABLE_PARTS
from livingwell.plans.fhir.codes import PLAN_SECTIONS
from livingwell.plans.passport import Passport

_FHIR_ID: Final = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_NHS_NUMBER: Final = re.compile(r"[0-9]{10}")

# What counts as a sane date.
EARLIEST_BIRTH_DATE: Final = dt.date(1890, 1, 1)
EARLIEST_GOAL_START: Final = dt.date(1900, 1, 1)
GOAL_START_YEARS_AHEAD: Final = 5
EARLIEST_UPDATE: Final = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
UPDATE_CLOCK_SKEW: Final = dt.timedelta(days=1)


class PassportError(ValueError):
    """A passport that cannot be exported as it stands: `problems` says why, each in plain English."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    def __str__(self) -> str:
        return "\n".join(self.problems)


class BundleError(ValueError):
    """A bundle that cannot be read as a passport: `problems` lists everything found wrong with it."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    def __str__(self) -> str:
        return "\n".join(self.problems)


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _latest_goal_start() -> dt.date:
    today = _today()
    return today.replace(year=today.year + GOAL_START_YEARS_AHEAD, day=min(today.day, 28))


def _text_problem(value: str) -> str | None:
    """FHIR strings may not be empty (we leave those out) nor only spaces."""
    if value and not value.strip():
        return "is only spaces"
    return None


def passport_problems(passport: Passport) -> list[str]:
    """Everything that stops a passport from making a valid bundle that reads back the same."""
    problems: list[str] = []
    person = passport.person

    texts: list[tuple[str, str]] = [
        ("The person's given name", person.given_name),
        ("The person's family name", person.family_name),
        ("The person's phone number", person.phone),
        ("The person's email address", person.email),
        ("The person's address", person.address),
        ("The person's postcode", person.postcode),
        ("What matters", passport.what_matters),
    ]
    texts += [(heading, getattr(passport, attr)) for attr, heading in PLAN_SECTIONS.values()]
    if not person.given_name.strip():
        problems.append("The person has no given name")
    if person.key and not _FHIR_ID.fullmatch(person.key):
        problems.append(f"The person's key {person.key!r} is not a FHIR id")
    if person.nhs_number:
        problem = _nhs_number_problem(person.nhs_number)
        if problem:
            problems.append(f"The person's {problem}")
    if person.gender not in GENDER_IDENTITIES:
        problems.append(f"The person's gender {person.gender!r} is not an NHS gender identity code")
    if person.ethnic_category not in ETHNIC_CATEGORIES:
        problems.append(
            f"The person's ethnic category {person.ethnic_category!r} is not an NHS ethnic category"
        )
    if person.date_of_birth is not None:
        problem = _birth_date_problem(person.date_of_birth)
        if problem:
            problems.append(f"The person's date of birth {problem}")

    seen_domains: set[str] = set()
    for entry in passport.domains:
        where = f"Life domain {entry.domain!r}"
        if entry.domain not in LIFE_DOMAINS:
            problems.append(f"{where} is not a Living Well life domain")
        if entry.domain in seen_domains:
            problems.append(f"{where} is there more than once")
        seen_domains.add(entry.domain)
        texts += [(f"{where}: how things are", entry.how_things_are)]
        texts += [(f"{where}: what has helped", entry.what_has_helped)]

    goal_keys: set[str] = set()
    for goal in passport.goals:
        where = f"Goal {goal.key}"
        problems += _key_problems(where, goal.key, goal_keys)
        if not goal.description.strip():
            problems.append(f"{where} has no description")
        if goal.domain not in LIFE_DOMAINS:
            problems.append(f"{where}: the domain {goal.domain!r} is not a Living Well life domain")
        if goal.lifecycle_status not in GOAL_LIFECYCLE:
            problems.append(
                f"{where}: lifecycle status {goal.lifecycle_status!r} is not a FHIR goal status"
            )
        if goal.achievement_status and goal.achievement_status not in GOAL_ACHIEVEMENT:
            problems.append(
                f"{where}: achievement status {goal.achievement_status!r}"
                " is not a FHIR goal achievement status"
            )
        if goal.start_date is not None:
            problem = _goal_start_problem(goal.start_date, person.date_of_birth)
            if problem:
                problems.append(f"{where}: the start date {problem}")

    circle_keys: set[str] = set()
    for member in passport.circle:
        where = f"Circle member {member.key}"
        problems += _key_problems(where, member.key, circle_keys)
        if not member.name.strip():
            problems.append(f"{where} has no name")
        if member.relationship not in RELATIONSHIPS:
            problems.append(
                f"{where}: the relationship {member.relationship!r} is not one Living Well records"
            )
        texts += [(f"{where}'s phone number", member.phone), (f"{where}'s email", member.email)]

    for number, team_member in enumerate(passport.team, start=1):
        where = f"Team member {number}"
        if not team_member.name.strip():
            problems.append(f"{where} has no name")
        texts += [
            (f"{where}'s role", team_member.role),
            (f"{where}'s organisation", team_member.organisation),
        ]

    organisation_keys: set[str] = set()
    for organisation in passport.organisations:
        where = f"Organisation {organisation.key}"
        problems += _key_problems(where, organisation.key, organisation_keys)
        if not organisation.name.strip():
            problems.append(f"{where} has no name")
        texts += [(f"{where}'s ODS code", organisation.ods_code)]

    recipients: set[tuple[str, str]] = set()
    for sharing in passport.sharing:
        where = f"Sharing with {sharing.recipient_kind} {sharing.recipient_key}"
        if sharing.recipient_kind == "circle":
            if sharing.recipient_key not in circle_keys:
                problems.append(f"{where}: there is no one in the circle with that key")
        elif sharing.recipient_kind == "organisation":
            if sharing.recipient_key not in organisation_keys:
                problems.append(f"{where}: there is no organisation with that key")
        else:
            problems.append(f"{where}: the kind of recipient must be 'circle' or 'organisation'")
        if (sharing.recipient_kind, sharing.recipient_key) in recipients:
            problems.append(f"{where} is there more than once")
        recipients.add((sharing.recipient_kind, sharing.recipient_key))
        unknown = sorted(part for part in sharing.parts if part not in SHAREABLE_PARTS)
        if unknown:
            problems.append(f"{where}: {', '.join(map(repr, unknown))} cannot be shared")

    if passport.updated_at is not None:
        problem = _updated_at_problem(passport.updated_at)
        if problem:
            problems.append(f"The time the plan was updated {problem}")
    if passport.version < 0:
        problems.append(f"The plan's version {passport.version} is below 0")
    if not re.fullmatch(r"https?://\S+", passport.site):
        problems.append(f"The site {passport.site!r} is not an http(s) URL")

    for what, value in texts:
        problem = _text_problem(value)
        if problem:
            problems.append(f"{what} {problem}")
    return problems


def _key_problems(where: str, key: str, seen: set[str]) -> list[str]:
    problems = []
    if not _FHIR_ID.fullmatch(key):
        problems.append(f"{where}: the key {key!r} is not a FHIR id (letters, digits, - and .)")
    if key in seen:
        problems.append(f"{where}: the key is used more than once")
    seen.add(key)
    return problems


def _nhs_number_problem(value: str) -> str | None:
    if not _NHS_NUMBER.fullmatch(value):
        return f"NHS number {value!r} is not 10 digits"
    if not nhs_number_is_valid(value):
        return f"NHS number {value!r} does not pass the Modulus 11 check"
    return None


def _birth_date_problem(value: dt.date) -> str | None:
    if value > _today():
        return f"{value.isoformat()} is in the future"
    if value < EARLIEST_BIRTH_DATE:
        return f"{value.isoformat()} is before {EARLIEST_BIRTH_DATE.isoformat()}"
    return None


def _goal_start_problem(value: dt.date, born: dt.date | None) -> str | None:
    if value < EARLIEST_GOAL_START:
        return f"{value.isoformat()} is before {EARLIEST_GOAL_START.isoformat()}"
    if born is not None and value < born:
        return f"{value.isoformat()} is before the person was born"
    if value > _latest_goal_start():
        return f"{value.isoformat()} is more than {GOAL_START_YEARS_AHEAD} years ahead"
    return None


def _updated_at_problem(value: dt.datetime) -> str | None:
    if value.tzinfo is None or value.utcoffset() is None:
        return "has no time zone"
    if value < EARLIEST_UPDATE:
        return f"{value.isoformat()} is before {EARLIEST_UPDATE.date().isoformat()}"
    if value > dt.datetime.now(dt.UTC) + UPDATE_CLOCK_SKEW:
        return f"{value.isoformat()} is in the future"
    return None
