"""A person's details, as the team's and the person's own pages show them."""

from __future__ import annotations

from livingwell.codes.people import ETHNIC_CATEGORIES, GENDER_IDENTITIES, format_nhs_number
from livingwell.core.presenters import long_date, phone_link
from livingwell.people.models import Person


def person_rows(person: Person) -> list[tuple[str, str]]:
    return [
        ("Date of birth", long_date(person.date_of_birth) or "Not known"),
        ("NHS number", format_nhs_number(person.nhs_number) if person.nhs_number else "Not known"),
        ("Gender", GENDER_IDENTITIES.get(person.gender, "Not stated")),
        ("Ethnic group", ETHNIC_CATEGORIES.get(person.ethnic_category, "Not stated")),
        ("Phone", phone_link(person.phone) or "Not known"),
        ("Email", person.email or "Not known"),
        ("Address", ", ".join(x for x in (person.address, person.postcode) if x) or "Not known"),
        ("Team", person.team.name),
    ]
