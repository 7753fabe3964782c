"""People the network supports, and their periods of support."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from livingwell.codes.people import ETHNIC_CATEGORIES, GENDER_IDENTITIES
from livingwell.codes.plan import RELATIONSHIPS
from livingwell.team.models import StaffMember, Team


class Person(models.Model):
    """Someone who has come to the front door. Nothing here decides whether they get help."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="people")
    given_name = models.CharField(max_length=200)
    family_name = models.CharField(max_length=200, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=2, choices=list(GENDER_IDENTITIES.items()), default="Z")
    ethnic_category = models.CharField(
        max_length=2, choices=list(ETHNIC_CATEGORIES.items()), default="Z"
    )
    nhs_number = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    address = models.TextField(max_length=1000, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    # Contact details the team has confirmed (typed by the team or the person signed in, or accepted
    # by the team from an introduction). Only these are offered for an invitation: anyone can type
    # anything at the front door.
    # How they would like to hear from us: by email, by text, whichever we have (""), or not at all.
    # What a message may say: only "Living Well has a message for you", unless they agree to more.
    hear_by = models.CharField(
        max_length=10,
        blank=True,
        default="",
        db_default="",
        choices=[
            ("", "Whichever we have"),
            ("email", "Email"),
            ("text", "Text message"),
            ("none", "No messages"),
        ],
    )
    messages_say_more = models.BooleanField(default=False, db_default=False)
    phone_confirmed = models.BooleanField(default=False, db_default=False)
    email_confirmed = models.BooleanField(default=False, db_default=False)
    # A record made at the front door for someone the team then found it already knew: joined into
    # that record, kept for its access log, and shown nowhere else.
    joined_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    joined_at = models.DateTimeField(null=True, blank=True)
    # Their own account, once they accept an invitation from their team.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # Unique within a team: whether another team holds a number is never asked or told.
            models.UniqueConstraint(
                fields=["team", "nhs_number"],
                condition=~Q(nhs_number=""),
                name="person_nhs_number_unique_in_team",
            ),
            models.CheckConstraint(
                condition=Q(joined_into__isnull=True, joined_at__isnull=True)
                | Q(joined_into__isnull=False, joined_at__isnull=False),
                name="person_joined_into_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["team", "family_name", "given_name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Ending(models.TextChoices):
    AGREED = "agreed", "Agreed with the person"
    MOVED_AWAY = "moved-away", "Moved away"
    STOPPED_COMING = "stopped-coming", "Stopped coming"
    DIED = "died", "Died"
    OTHER = "other", "Other"


class SupportPeriod(models.Model):
    """A time the team supports someone, from its start to its agreed ending, with one key worker."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="support_periods")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="support_periods")
    key_worker = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="key_work")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    ending = models.CharField(max_length=20, choices=Ending.choices, blank=True)
    # What was agreed at the ending and what the person takes with them, in words they agreed.
    ending_note = models.TextField(max_length=5000, blank=True, db_default="")
    # The day of the last start or review measure in this period (kept by the measures app): the
    # next review is due the team's weeks after it, or after `started_on` when there is none.
    measured_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on"]
        # "My people": a key worker's open support, found without reading everyone else's.
        indexes = [
            models.Index(
                fields=["key_worker", "team"],
                condition=Q(ended_on__isnull=True),
                name="key_work_open_on_team",
            ),
            # The huddle's reviews due: a team's open periods by the day their review counts from.
            models.Index(
                F("team"),
                Coalesce("measured_on", "started_on"),
                condition=Q(ended_on__isnull=True),
                name="reviews_due_on_team",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ended_on__isnull=True),
                name="one_open_support_period",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, ending="")
                | Q(ended_on__isnull=False, ended_on__gte=models.F("started_on")) & ~Q(ending=""),
                name="support_period_ending_is_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"Support for {self.person} from {self.started_on}"


class NextStep(models.Model):
    """Something agreed to happen next for a person, by a day, and who will do it: someone on the team,
    or someone else (the person themself, a carer), named in words."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="next_steps")
    what = models.CharField(max_length=500)
    due_on = models.DateField()
    by = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="next_steps"
    )
    by_someone_else = models.CharField(max_length=200, blank=True, db_default="")
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["person", "due_on"],
                condition=Q(done_on__isnull=True),
                name="next_step_open_by_person",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(by__isnull=False, by_someone_else="")
                | Q(by__isnull=True) & ~Q(by_someone_else=""),
                name="next_step_has_one_who",
            ),
            models.CheckConstraint(
                condition=Q(done_on__isnull=True, done_by__isnull=True)
                | Q(done_on__isnull=False, done_by__isnull=False),
                name="next_step_done_is_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.what} by {self.due_on}"

    @property
    def who(self) -> str:
        return self.by.name if self.by is not None else self.by_someone_else


# The longest message a person can send their team, in characters.
MESSAGE_LIMIT = 2000


class MessageToTeam(models.Model):
    """Something a person tells their team, in their own words, from their own pages. It waits on the
    board of the person's team (whichever team that is when it is read) until someone on it reads it."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="messages_to_team")
    words = models.TextField(max_length=MESSAGE_LIMIT)
    sent_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [
            # The board: messages not read yet, oldest first (joined to the team's people).
            models.Index(
                fields=["person", "sent_at"],
                condition=Q(read_at__isnull=True),
                name="message_not_read",
            ),
            models.Index(fields=["person", "sent_at"], name="message_by_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(read_at__isnull=True, read_by__isnull=True)
                | Q(read_at__isnull=False, read_by__isnull=False),
                name="message_read_is_complete",
            ),
            models.CheckConstraint(condition=~Q(words=""), name="message_has_words"),
        ]

    def __str__(self) -> str:
        return f"A message from {self.person} at {self.sent_at:%Y-%m-%d %H:%M}"


class CircleMember(models.Model):
    """Someone in a person's circle of support: a carer, family or a friend.

    They see nothing of the record unless the person shares it (`SharingChoice`).
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="circle")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=10, choices=list(RELATIONSHIPS.items()))
    is_carer = models.BooleanField(default=False)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    # Set once they accept an invitation; one account may be in several people's circles.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="circle_memberships",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "user"], condition=Q(user__isnull=False), name="circle_user_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()} of {self.person})"

    @property
    def description(self) -> str:
        """How they are named in an access log: "Kofi Mensah, carer (Brother or sister)"."""
        kind = "carer" if self.is_carer else "in their circle"
        return f"{self.name}, {kind} ({self.get_relationship_display()})"


class SharingChoice(models.Model):
    """What a person lets one person in their circle, or one organisation, see of their record.

    No row means nothing is shared. The access policy reads this on every request, so a change takes
    effect at once. Exported as a FHIR Consent with scope patient-privacy (livingwell.plans.fhir).
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="sharing")
    circle_member = models.ForeignKey(
        CircleMember, on_delete=models.CASCADE, null=True, blank=True, related_name="sharing"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sharing",
    )
    parts = models.JSONField(default=list)  # keys of SHAREABLE_PARTS
    decided_at = models.DateTimeField()
    decided_by = models.CharField(max_length=300)
    # Set when the choices themselves changed (each part of life became a choice of its own), saying what
    # was chosen before; the person is asked to check, and it is cleared when the choice is next saved.
    review_note = models.TextField(max_length=1000, blank=True, db_default="")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(circle_member__isnull=False, organisation__isnull=True)
                | Q(circle_member__isnull=True, organisation__isnull=False),
                name="sharing_has_one_recipient",
            ),
            models.UniqueConstraint(
                fields=["person", "circle_member"],
                condition=Q(circle_member__isnull=False),
                name="sharing_once_per_circle_member",
            ),
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=Q(organisation__isnull=False),
                name="sharing_once_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} shares {', '.join(self.parts) or 'nothing'}"


class Invitation(models.Model):
    """A one-time link that lets a person, or someone in their circle, set up an account.

    Only a hash of the token is stored: the link is shown once, to the person who made it.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="invitations")
    circle_member = models.ForeignKey(
        CircleMember, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        who = self.circle_member.name if self.circle_member else self.person.name
        return f"Invitation for {who}"


class Worry(models.Model):
    """The team is worried about someone: anyone on the team can say so, with a note, and anyone
    can clear it when the worry has passed. The huddle lists those not cleared. Kept once
    cleared, with who and when."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="worries")
    note = models.CharField(max_length=500)
    raised_by = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField()
    cleared_by = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(cleared_at__isnull=True),
                name="one_open_worry_per_person",
            ),
            models.CheckConstraint(
                condition=Q(cleared_at__isnull=True, cleared_by__isnull=True)
                | Q(cleared_at__isnull=False, cleared_by__isnull=False),
                name="a_cleared_worry_says_who_cleared_it",
            ),
        ]

    def __str__(self) -> str:
        return f"Worry about {self.person_id} from {self.raised_at:%Y-%m-%d}"
