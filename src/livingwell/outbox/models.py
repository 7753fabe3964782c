"""A message, from the moment the change that caused it is saved until it is sent (or we know it
cannot be).

    queued -> sending -> sent
                  \\-> queued again (a failure, tried again later) -> ... -> failed
                  \\-> not known (the worker stopped while sending by email, which cannot be asked)

`sending` is saved before anything leaves: a worker that stops after that never sends it blindly
again. Through GOV.UK Notify, the next worker asks Notify for the message by its `reference` and
sends it only if Notify does not have it.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q

from livingwell.network.models import Organisation
from livingwell.people.models import CircleMember, Person
from livingwell.team.models import Team


class MessageState(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Could not be sent"
    NOT_KNOWN = "not-known", "We do not know if it was sent"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"


# Shown to the team: what needs someone to look at it.
NEEDS_LOOKING_AT = (MessageState.FAILED, MessageState.NOT_KNOWN)


class Message(models.Model):
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The team whose change caused it: its outbox shows it.
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="messages_out")
    # Whom it is to: a person (or someone in their circle, about them), or a partner organisation.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="messages_out"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="messages_out"
    )
    # Someone in the person's circle it is to (a carer, family, a friend), about the person.
    circle_member = models.ForeignKey(
        CircleMember, on_delete=models.PROTECT, null=True, blank=True, related_name="messages_out"
    )
    to_name = models.CharField(max_length=200)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    to = models.CharField(max_length=254)  # an email address or a phone number
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=2000)
    why = models.CharField(max_length=200)  # what caused it, for the team

    state = models.CharField(
        max_length=20, choices=MessageState.choices, default=MessageState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_problem = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organisation__isnull=False),
                name="a_message_is_to_someone",
            ),
            models.CheckConstraint(
                condition=~Q(state=MessageState.SENT) | Q(sent_at__isnull=False),
                name="a_sent_message_says_when",
            ),
            models.CheckConstraint(
                condition=Q(circle_member__isnull=True) | Q(person__isnull=False),
                name="a_message_to_the_circle_is_about_the_person",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "state", "created_at"], name="outbox_by_team"),
            models.Index(
                fields=["sending_since"],
                condition=Q(state="sending"),
                name="outbox_stuck_sending",
            ),
        ]

    def __str__(self) -> str:
        return f"Message {self.reference} ({self.state})"
