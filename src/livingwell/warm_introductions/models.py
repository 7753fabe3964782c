"""A warm introduction and everything that happened to it.

Its life, with states that cannot lie (checked by the database as well as by `services`):

    made -> received -> accepted -> met -> landed
                \\          \\          \\
                 not accepted (why, and what instead)   did not help (in the person's words)

- Received: the organisation has seen it. Accepted: they will meet. Met: it happened.
- Landed: the person says it helped, or that they chose to stop there. Only the person can say so,
  or the key worker on their word, and the introduction keeps which.
- Not accepted and did not help are never an end: the introduction stays with the key worker who made
  it until it is followed by another introduction or a new next step (`followed_by`, `next_step`).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from livingwell.network.models import Organisation, Service
from livingwell.people.models import NextStep, Person
from livingwell.plans.models import Goal
from livingwell.team.models import StaffMember, Team


class State(models.TextChoices):
    MADE = "made", "Made"
    RECEIVED = "received", "Received"
    ACCEPTED = "accepted", "Accepted"
    MET = "met", "Met"
    LANDED = "landed", "Landed"
    NOT_ACCEPTED = "not-accepted", "Not accepted"
    DID_NOT_HELP = "did-not-help", "Did not help"


# Waiting on the organisation or the person; each comes back to the key worker if it stalls.
UNDER_WAY = (State.MADE, State.RECEIVED, State.ACCEPTED, State.MET)
# Where the person is asked "Did you meet?" and how it went.
ASKED_HOW_IT_WENT = (State.ACCEPTED, State.MET)
# Ended without landing: with the key worker until something follows it.
NOT_LANDED = (State.NOT_ACCEPTED, State.DID_NOT_HELP)


class ContactWay(models.TextChoices):
    PHONE = "phone", "A phone call"
    TEXT = "text", "A text message"
    EMAIL = "email", "An email"
    KEY_WORKER = "key-worker", "Through my key worker"


class NotAcceptedWhy(models.TextChoices):
    NO_CAPACITY = "no-capacity", "We have no space at the moment"
    NO_CONTACT = "no-contact", "We could not make contact"
    NOT_THE_RIGHT_PLACE = "not-the-right-place", "We are not the right place"
    OTHER = "other", "Something else"


class Landed(models.TextChoices):
    HELPED = "helped", "It helped"
    STOPPED = "stopped", "I chose to stop there"


class SaidBy(models.TextChoices):
    PERSON = "person", "The person"
    KEY_WORKER = "key-worker", "The key worker, on the person's word"
    RECEIVER = "receiver", "The organisation"


class WarmIntroduction(models.Model):
    """One person introduced, with them, to one service in the directory, for one need."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="warm_introductions")
    # The person's team when it was made: the boards and the huddle read it by team.
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="warm_introductions")
    introducer = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="warm_introductions"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="introductions")
    # The service's organisation: who receives it, and whom the person's sharing choice is with.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="warm_introductions"
    )
    to_whom = models.CharField(max_length=200, blank=True, help_text="Who at the organisation.")

    # What for, in the person's words: a goal of their plan, or a need in one part of life.
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="warm_introductions"
    )
    domain = models.CharField(max_length=30, blank=True)
    wants = models.TextField(max_length=2000, help_text="What the person wants from it.")
    contact_way = models.CharField(max_length=20, choices=ContactWay.choices)
    contact_detail = models.CharField(max_length=300, blank=True)
    going_along = models.BooleanField(
        default=False, help_text="The key worker will go along the first time."
    )

    state = models.CharField(max_length=20, choices=State.choices, default=State.MADE)
    made_at = models.DateTimeField()
    received_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    meeting_on = models.DateField(null=True, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)  # landed, not accepted or did not help
    landed = models.CharField(max_length=20, choices=Landed.choices, blank=True)
    # Who said the last thing that moved it on (met, landed, did not help).
    said_by = models.CharField(max_length=20, choices=SaidBy.choices, blank=True)
    not_accepted_why = models.CharField(max_length=30, choices=NotAcceptedWhy.choices, blank=True)
    # In words: why not, and what instead ("No space until March; the Tuesday group at X has").
    words = models.TextField(max_length=2000, blank=True)

    # What followed one that did not land: another introduction, or a next step for the person.
    followed_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="follows"
    )
    next_step = models.ForeignKey(
        NextStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Bumped by every change: a page posted from an old copy is refused, not applied twice.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["made_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(state=State.MADE, received_at__isnull=True, ended_at__isnull=True)
                    | Q(state=State.RECEIVED, received_at__isnull=False, ended_at__isnull=True)
                    | Q(
                        state=State.ACCEPTED,
                        received_at__isnull=False,
                        accepted_at__isnull=False,
                        ended_at__isnull=True,
                    )
                    | Q(
                        state=State.MET,
                        accepted_at__isnull=False,
                        met_at__isnull=False,
                        ended_at__isnull=True,
                    )
                    | (
                        Q(
                            state=State.LANDED,
                            met_at__isnull=False,
                            ended_at__isnull=False,
                            said_by__in=[SaidBy.PERSON, SaidBy.KEY_WORKER],
                        )
                        & ~Q(landed="")
                    )
                    | (
                        Q(state=State.NOT_ACCEPTED, ended_at__isnull=False)
                        & ~Q(not_accepted_why="")
                        & ~Q(words="")
                    )
                    | (
                        Q(state=State.DID_NOT_HELP, met_at__isnull=False, ended_at__isnull=False)
                        & ~Q(words="")
                    )
                ),
                name="warm_introduction_states_cannot_lie",
            ),
            models.CheckConstraint(
                condition=Q(followed_by__isnull=True, next_step__isnull=True)
                | Q(state__in=NOT_LANDED),
                name="only_what_did_not_land_is_followed",
            ),
        ]
        indexes = [
            models.Index(
                fields=["team", "made_at"],
                condition=Q(state__in=UNDER_WAY)
                | Q(state__in=NOT_LANDED, followed_by__isnull=True, next_step__isnull=True),
                name="warm_open_by_team",
            ),
            models.Index(fields=["organisation", "made_at"], name="warm_by_organisation"),
            models.Index(fields=["person", "made_at"], name="warm_by_person"),
        ]

    def __str__(self) -> str:
        return f"Warm introduction {self.pk} to {self.service_id}"

    @property
    def needs_following(self) -> bool:
        """Ended without landing, and nothing has followed it yet: the key worker's to do."""
        return (
            self.state in NOT_LANDED and self.followed_by_id is None and self.next_step_id is None
        )

    @property
    def is_open(self) -> bool:
        return self.state in UNDER_WAY or self.needs_following


class Change(models.Model):
    """One step in a warm introduction's life: what it became, when, who said so and in what words."""

    warm_introduction = models.ForeignKey(
        WarmIntroduction, on_delete=models.CASCADE, related_name="changes"
    )
    state = models.CharField(max_length=20, choices=State.choices)
    at = models.DateTimeField()
    by = models.CharField(max_length=300)  # as the access log names them
    said_by = models.CharField(max_length=20, choices=SaidBy.choices, blank=True)
    words = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.warm_introduction_id} {self.state} at {self.at:%Y-%m-%d %H:%M}"


class StallDays(models.Model):
    """How many days a team gives an organisation of one kind to receive, accept and meet, before the
    introduction comes back to the key worker's attention. No row: `DEFAULT_STALL_DAYS`."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="stall_days")
    organisation_kind = models.CharField(max_length=40)
    to_receive = models.PositiveSmallIntegerField()
    to_accept = models.PositiveSmallIntegerField()
    to_meet = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["team", "organisation_kind"], name="stall_days_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.team_id} {self.organisation_kind}"
