"""Introductions at the front door and the conversations they become.

Relational rule 2: there is no state that means "declined" or "not eligible". An introduction is open
(waiting, or picked up) until it becomes a conversation with the team, or, later, a warm introduction that
has landed. The database refuses any other way to close one.

The one other way off the board is for what is not a person asking for help (ADR 0006): a team lead may
set aside a repeat of another introduction (its words stay on the original) or a form that nobody sent to
ask for help (spam, a test), with a reason. It is audited and can be put back.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from livingwell.codes.introductions import AGENCY_KINDS, INTRODUCED_BY
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
    # Not a person asking for help: a repeat of another introduction, or spam or a test (ADR 0006).
    SET_ASIDE = "set-aside", "Set aside by a team lead"


class SetAsideKind(models.TextChoices):
    REPEAT = "repeat", "A repeat of another introduction"
    NOT_A_PERSON = "not-a-person", "Not a person asking for help"


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


# An open introduction carries nothing of being set aside.
NOT_SET_ASIDE: dict[str, object] = {
    "set_aside_kind": "",
    "set_aside_reason": "",
    "set_aside_by__isnull": True,
    "set_aside_at__isnull": True,
    "repeat_of__isnull": True,
}


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
    # A warm introduction made for it, from the board: when it lands, this closes (rule 2's second
    # way). One that did not land is followed by another, which takes its place here.
    warm_introduction = models.OneToOneField(
        "warm_introductions.WarmIntroduction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="front_door_introduction",
    )

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

    # Set aside by a team lead (ADR 0006): who, when, which kind, and why. Cleared if put back; the
    # history stays in `SetAsideChange` and the access log.
    set_aside_kind = models.CharField(
        max_length=20, choices=SetAsideKind.choices, blank=True, db_default="", default=""
    )
    set_aside_reason = models.CharField(max_length=1000, blank=True, db_default="", default="")
    set_aside_by = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    set_aside_at = models.DateTimeField(null=True, blank=True)
    repeat_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="repeats"
    )

    class Meta:
        ordering = ["received_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        status=IntroductionStatus.WAITING,
                        closed_at__isnull=True,
                        conversation__isnull=True,
                        **NOT_SET_ASIDE,
                    )
                    | Q(
                        status=IntroductionStatus.PICKED_UP,
                        picked_up_by__isnull=False,
                        picked_up_at__isnull=False,
                        closed_at__isnull=True,
                        conversation__isnull=True,
                        **NOT_SET_ASIDE,
                    )
                    | Q(
                        status=IntroductionStatus.CONVERSATION,
                        conversation__isnull=False,
                        closed_at__isnull=False,
                    )
                    # Closed by the warm introduction it names, which has landed.
                    | Q(
                        status=IntroductionStatus.LANDED,
                        closed_at__isnull=False,
                        conversation__isnull=True,
                        warm_introduction__isnull=False,
                    )
                    # Set aside (ADR 0006): only by someone, at a time, and either a repeat of
                    # another introduction or not a person, with the reason in words.
                    | (
                        Q(
                            status=IntroductionStatus.SET_ASIDE,
                            closed_at__isnull=True,
                            conversation__isnull=True,
                            set_aside_by__isnull=False,
                            set_aside_at__isnull=False,
                        )
                        & (
                            (
                                Q(set_aside_kind=SetAsideKind.REPEAT, repeat_of__isnull=False)
                                & ~Q(repeat_of=F("pk"))
                            )
                            | (
                                Q(set_aside_kind=SetAsideKind.NOT_A_PERSON, repeat_of__isnull=True)
                                & ~Q(set_aside_reason="")
                            )
                        )
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
            # The huddle's "new since yesterday", open or not.
            models.Index(fields=["team", "received_at"], name="introductions_by_team"),
        ]

    def __str__(self) -> str:
        return f"Introduction {self.reference}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_set_aside(self) -> bool:
        return self.status == IntroductionStatus.SET_ASIDE


class SetAsideChange(models.Model):
    """Each time a team lead sets an introduction aside or puts it back: kept for good, so the
    introduction's page shows its whole history (the access log has the same, for the person)."""

    class Action(models.TextChoices):
        SET_ASIDE = "set-aside", "Set aside"
        PUT_BACK = "put-back", "Put back on the board"

    introduction = models.ForeignKey(
        Introduction, on_delete=models.PROTECT, related_name="set_aside_changes"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    kind = models.CharField(max_length=20, choices=SetAsideKind.choices, blank=True)
    reason = models.CharField(max_length=1000, blank=True)
    repeat_of = models.ForeignKey(
        Introduction, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.introduction}"


class FrontDoorSending(models.Model):
    """One sending of a public front door form, kept only as long as the throttle needs it.

    No address is stored: `address_key` and `session_key` are HMAC-SHA256 of the client's address and
    of the session key, keyed with SECRET_KEY, so they can be counted but not read back (ADR 0006).
    Rows older than the throttle's window are deleted whenever a new one is written.
    """

    at = models.DateTimeField(db_index=True)
    address_key = models.CharField(max_length=64)
    session_key = models.CharField(max_length=64)
    # The form's one-time token: the same form sent again is not counted again.
    submission_token = models.UUIDField(unique=True)

    class Meta:
        indexes = [
            models.Index(fields=["address_key", "at"], name="sendings_by_address"),
            models.Index(fields=["session_key", "at"], name="sendings_by_session"),
        ]

    def __str__(self) -> str:
        return f"A front door sending at {self.at}"
