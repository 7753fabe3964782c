from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from livingwell.access.policy import signed_in_staff


def staff(request: HttpRequest) -> dict[str, Any]:
    """The signed-in staff member with a verified second factor, or None: the header depends on it."""
    return {"staff": signed_in_staff(request.user)}
