"""How many front door forms one connection, and one browser session, may send in a while (ADR 0006).

Counted in our own database (no cache server): one `FrontDoorSending` row a sending, holding keyed
hashes, never an address. Over the limit, the page asks the person to phone and shows back everything
they typed: a person is never turned away, only asked to use the phone for a few minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from livingwell.frontdoor.models import FrontDoorSending, Introduction


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the last entry of a trusted proxy's header if a setting names one."""
    header = settings.LIVINGWELL_CLIENT_ADDRESS_HEADER
    if header:
        # A proxy appends the address it saw: earlier entries are whatever the client claimed.
        forwarded = [a.strip() for a in request.META.get(header, "").split(",") if a.strip()]
        if forwarded:
            return str(forwarded[-1])
    return str(request.META.get("REMOTE_ADDR", ""))


def _key(kind: str, value: str) -> str:
    """HMAC-SHA256 with SECRET_KEY: the same value gives the same key, but the key gives nothing back."""
    message = f"livingwell.frontdoor.throttle:{kind}:{value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _session_key(request: HttpRequest) -> str:
    session = request.session
    if session.session_key is None:
        session.save()  # a sending keeps its reference in the session anyway
    return _key("session", str(session.session_key))


def _lock(key: str) -> None:
    """One sending at a time per key, so a burst cannot all be counted before any is written."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


def admit(request: HttpRequest, token: uuid.UUID) -> bool:
    """Count this sending and say whether it may make an introduction now.

    A form sent again with the same token is the same sending: it is let through without counting,
    and `introduction_create` gives back the introduction it made the first time (if it did)."""
    if Introduction.objects.filter(submission_token=token).exists():
        return True
    now = timezone.now()
    since = now - dt.timedelta(minutes=settings.LIVINGWELL_FRONT_DOOR_WINDOW_MINUTES)
    address_key = _key("address", client_address(request))
    session_key = _session_key(request)
    with transaction.atomic():
        _lock(address_key)
        _lock(session_key)
        if FrontDoorSending.objects.filter(submission_token=token).exists():
            return True
        recent = FrontDoorSending.objects.filter(at__gte=since)
        if (
            recent.filter(address_key=address_key).count()
            >= settings.LIVINGWELL_FRONT_DOOR_PER_ADDRESS
            or recent.filter(session_key=session_key).count()
            >= settings.LIVINGWELL_FRONT_DOOR_PER_SESSION
        ):
            return False
        FrontDoorSending.objects.filter(at__lt=since).delete()
        FrontDoorSending.objects.create(
            at=now, address_key=address_key, session_key=session_key, submission_token=token
        )
    return True
