"""Who is signed in, for the header of every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from livingwell.access.policy import own_person, signed_in_staff


def staff(request: HttpRequest) -> dict[str, Any]:
    """Who is signed in, for the header: a staff member with a verified second factor, or a person,
    carer or partner (their name, and whether they have a plan of their own)."""
    member = signed_in_staff(request.user)
    citizen = None
    user = request.user
    if member is None and user.is_authenticated and not hasattr(user, "staff_member"):
        own = own_person(user)
        partner = getattr(user, "organisation_member", None)
        if own is not None:
            name = own.given_name
        elif partner is not None:
            name = f"{partner.name}, {partner.organisation.name}"
        else:
            name = user.get_username()
        citizen = {"name": name, "has_plan": own is not None, "is_partner": partner is not None}
    return {"staff": member, "citizen": citizen}
