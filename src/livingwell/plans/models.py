"""The Living Well plan: owned by the person, written with them, kept as versions.

One plan a person, for life: ending support closes nothing here, and coming back re-opens the same
plan (relational rule 6). Every change writes a `PlanVersion` holding the whole plan as it then was, so
the history can be read and two people editing at once can be shown what the other changed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from livingwell.codes.plan import (
    GOAL_ACHIEVEMENT,
    GOAL_LIFECYCLE,
    GOAL_STEPS,
    LIFE_DOMAINS,
    goal_step,
)
from livingwell.people.models import Person

TEXT_LIMIT = 5000


class Plan(models.Model):
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="plan")
    what_matters = models.TextField(max_length=TEXT_LIMIT, blank=True)
    strengths = models.TextField(max_length=TEXT_LIMIT, blank=True)
    what_helps = models.TextField(max_length=TEXT_LIMIT, blank=True)
    what_does_not_help = models.TextField(max_length=TEXT_LIMIT, blank=True)
    crisis_signs = models.TextField(max_length=TEXT_LIMIT, blank=True)
    crisis_what_i_can_do = models.TextField(max_length=TEXT_LIMIT, blank=True)
    crisis_who_to_contact = models.TextField(max_length=TEXT_LIMIT, blank=True)
    version = models.PositiveIntegerField(default=0)  # the number of the latest PlanVersion
    # Brought over from another site: whether the plan was active there (its FHIR CarePlan status).
    # Kept as the plan's status until support here starts, which then decides it.
    arrived_active = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.person}'s plan (version {self.version})"


class DomainEntry(models.Model):
    """What the person said about one part of their life, from the first conversation onwards."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=30, choices=list(LIFE_DOMAINS.items()))
    how_things_are = models.TextField(max_length=TEXT_LIMIT, blank=True)
    what_has_helped = models.TextField(max_length=TEXT_LIMIT, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "domain"], name="one_entry_per_domain")
        ]

    def __str__(self) -> str:
        return f"{self.get_domain_display()} for {self.plan.person}"


class Goal(models.Model):
    """A goal in the person's own words, in one life domain (FHIR Goal)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    description = models.TextField(max_length=1000)
    domain = models.CharField(max_length=30, choices=list(LIFE_DOMAINS.items()))
    lifecycle_status = models.CharField(
        max_length=20, choices=list(GOAL_LIFECYCLE.items()), default="active"
    )
    achievement_status = models.CharField(
        max_length=20, choices=list(GOAL_ACHIEVEMENT.items()), default="in-progress", blank=True
    )
    start_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["plan", "created_at"])]

    def __str__(self) -> str:
        return self.description

    @property
    def step(self) -> str:
        """How the goal is going, in everyday words' code: "just-started" (codes.GOAL_STEPS)."""
        return goal_step(self.lifecycle_status, self.achievement_status)

    @property
    def step_words(self) -> str:
        return GOAL_STEPS[self.step]


class PlanVersion(models.Model):
    """The whole plan as it was after one change, with who made it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()  # livingwell.plans.history.Snapshot
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_by_description = models.CharField(max_length=300)
    summary = models.CharField(max_length=500)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_version_per_number")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.plan}"
