"""Reads of a person's record. Call these only with a Person the access policy handed out."""

from __future__ import annotations

from django.db.models import QuerySet

from livingwell.frontdoor.models import Conversation, Introduction
from livingwell.people.models import Person, SupportPeriod


def open_support_period(person: Person) -> SupportPeriod | None:
    return (
        SupportPeriod.objects.filter(person=person, ended_on__isnull=True)
        .select_related("key_worker")
        .first()
    )


def support_periods(person: Person) -> QuerySet[SupportPeriod]:
    return (
        SupportPeriod.objects.filter(person=person)
        .select_related("key_worker")
        .order_by("-started_on")
    )


def introductions(person: Person) -> QuerySet[Introduction]:
    return (
        Introduction.objects.filter(person=person)
        .select_related("picked_up_by")
        .order_by("-received_at")
    )


def conversations(person: Person) -> QuerySet[Conversation]:
    return (
        Conversation.objects.filter(person=person)
        .select_related("held_by")
        .order_by("-held_on", "-pk")
    )
