"""The multidisciplinary team: who is on it and in what role."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Team(models.Model):
    """A neighbourhood team that holds its caseload together (relational rule 7)."""

    name = models.CharField(max_length=120, unique=True)
    area = models.CharField(
        max_length=200, blank=True, help_text="The neighbourhoods the team serves."
    )
    postcode_districts = models.CharField(
        max_length=500,
        blank=True,
        help_text="Outward codes of the postcodes the team serves, separated by commas (SW2, SW9).",
    )
    # How often the team reviews each person's measures with them, in weeks.
    review_weeks = models.PositiveSmallIntegerField(default=12, db_default=12)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StaffRole(models.TextChoices):
    MENTAL_HEALTH_PRACTITIONER = "mental-health-practitioner", "Mental health practitioner"
    PEER_WORKER = "peer-worker", "Peer worker"
    SUPPORT_WORKER = "support-worker", "Support worker"
    HOUSING_WORKER = "housing-worker", "Housing worker"
    WELFARE_RIGHTS_WORKER = "welfare-rights-worker", "Welfare rights worker"
    PSYCHOLOGIST = "psychologist", "Psychologist"
    GP_LIAISON = "gp-liaison", "GP liaison"
    TEAM_LEAD = "team-lead", "Team lead"
    ADMINISTRATOR = "administrator", "Administrator"


class StaffMember(models.Model):
    """A person on a team. Anyone on the team can act for anyone the team supports."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_member"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(max_length=40, choices=StaffRole.choices)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def is_key_worker_role(self) -> bool:
        """Administrators keep the front door running; everyone else can be someone's key worker."""
        return self.role != StaffRole.ADMINISTRATOR


class Absence(models.Model):
    """A time a member of the team is away (leave, training, off sick), so the huddle knows who is
    not there and who picks up their people."""

    member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="absences")
    first_day = models.DateField()
    last_day = models.DateField()
    note = models.CharField(max_length=200, blank=True, help_text="Who covers, if anyone.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["first_day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="absence_ends_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["last_day", "first_day"], name="absence_by_day")]

    def __str__(self) -> str:
        return f"{self.member_id} away {self.first_day} to {self.last_day}"
