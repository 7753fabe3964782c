"""Introductions at the front door and the conversations they become.

Relational rule 2: there is no state that means "declined" or "not eligible". An introduction is open
(waiting, or picked up) until it becomes a conversation with the team, or, later, a warm introduction that
has landed. The database refuses any other way to close one.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from livingwell.frontdoor.codes import AGENCY_KINDS, INTRODUCED_BY
from livingwell.people.models import Person
from livingwell.team.models import StaffMember, Team


class Channel(models.TextChoices):
    WEB = "web", "Website"
    PHONE = "phone", "Phone"
    WALK_IN = "walk-in", "Walk-in"


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"


class IntroductionStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    PICKED_UP = "picked-up", "Picked up"
    CONVERSATION = "conversation", "Became a conversation"
    LANDED = "landed", "Warm introduction landed"


OPEN_STATUSES = (IntroductionStatus.WAITING, IntroductionStatus.PICKED_UP)


class ConversationHow(models.TextChoices):
    IN_PERSON = "in-person", "In person"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video call"


class Conversation(models.Model):
    """A conversation with the team: the start of support, never an assessment of eligibility."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="conversations")
    held_by = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="conversations")
    held_on = models.DateField()
    how = models.CharField(max_length=20, choices=ConversationHow.choices)
    what_we_talked_about = models.TextField(max_length=20000)
    next_steps = models.TextField(max_length=5000, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"Conversation with {self.person} on {self.held_on}"


class Introduction(models.Model):
    """Someone introduced to the team: by themselves or by anyone else, on the web, by phone or in person."""

    reference = models.CharField(max_length=12, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="introductions")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="introductions")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    introduced_by = models.CharField(max_length=10, choices=list(INTRODUCED_BY.items()))
    agency_kind = models.CharField(
        max_length=30, blank=True, choices=[(k, v[0]) for k, v in AGENCY_KINDS.items()]
    )
    introducer_name = models.CharField(max_length=200, blank=True)
    introducer_relationship = models.CharField(max_length=200, blank=True)
    introducer_phone = models.CharField(max_length=40, blank=True)
    introducer_email = models.EmailField(max_length=254, blank=True)
    person_knows = models.BooleanField(
        null=True, blank=True, help_text="When someone else introduces them: do they know?"
    )

    what_matters = models.TextField(
        max_length=5000, help_text="What matters to them, in their words."
    )
    contact_method = models.CharField(max_length=10, choices=ContactMethod.choices, blank=True)
    best_time = models.CharField(max_length=500, blank=True)
    may_leave_message = models.BooleanField(null=True, blank=True)

    status = models.CharField(
        max_length=20, choices=IntroductionStatus.choices, default=IntroductionStatus.WAITING
    )
    picked_up_by = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="picked_up"
    )
    picked_up_at = models.DateTimeField(null=True, blank=True)
    next_step = models.CharField(max_length=500, blank=True)
    conversation = models.OneToOneField(
        Conversation, on_delete=models.PROTECT, null=True, blank=True, related_name="introduction"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    # Someone already known, coming back (relational rule 6): the same record and plan, no new
    # assessment. How they were recognised: "nhs-number" or "name-birth-date-contact".
    matched_by = models.CharField(max_length=30, blank=True, db_default="", default="")
    # Who the team may already know this to be: a suggestion for the team to confirm or set aside,
    # never joined to that record by itself (anyone can type someone else's name and birthday).
    may_be = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # One submission of the front door form makes one introduction, however often it is sent.
    submission_token = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["received_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        status=IntroductionStatus.WAITING,
                        closed_at__isnull=True,
                        conversation__isnull=True,
                    )
                    | Q(
                        status=IntroductionStatus.PICKED_UP,
                        picked_up_by__isnull=False,
                        picked_up_at__isnull=False,
                        closed_at__isnull=True,
                        conversation__isnull=True,
                    )
                    | Q(
                        status=IntroductionStatus.CONVERSATION,
                        conversation__isnull=False,
                        closed_at__isnull=False,
                    )
                    # A landed warm introduction will name its warm introduction here (network part).
                    | Q(
                        status=IntroductionStatus.LANDED,
                        closed_at__isnull=False,
                        conversation__isnull=True,
                    )
                ),
                name="introduction_closes_only_by_conversation_or_landing",
            ),
        ]
        indexes = [
            models.Index(
                fields=["team", "received_at"],
                condition=Q(status__in=["waiting", "picked-up"]),
                name="open_introductions_by_team",
            ),
        ]

    def __str__(self) -> str:
        return f"Introduction {self.reference}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
