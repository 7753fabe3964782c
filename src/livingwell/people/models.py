"""People the network supports, and their periods of support."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from livingwell.people.codes import ETHNIC_CATEGORIES, GENDER_IDENTITIES
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["nhs_number"], condition=~Q(nhs_number=""), name="person_nhs_number_unique"
            )
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
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on"]
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
