"""The access log: who looked at or changed a person's record, when, what and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from livingwell.people.models import Person


class AccessAction(models.TextChoices):
    VIEW = "view", "Looked at"
    CREATE = "create", "Added"
    CHANGE = "change", "Changed"


class AccessLogEntry(models.Model):
    """One read or change of a person's record. Written only by livingwell.access.policy."""

    at = models.DateTimeField(auto_now_add=True)
    # Indexed by (person, -at) below; a second index on person alone would be written for nothing.
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_description = models.CharField(max_length=300)
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    what = models.CharField(max_length=300)
    why = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["person", "-at"])]
        verbose_name_plural = "access log entries"

    def __str__(self) -> str:
        return f"{self.actor_description} {self.get_action_display()} {self.what} ({self.why})"
