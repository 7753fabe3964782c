"""The access log: who looked at or changed a person's record, when, what and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from livingwell.codes.record import AccessAction
from livingwell.people.models import Person

# A look that only showed someone's name on a list. Such looks are kept as one entry a person, asker,
# day and list, with a count (ADR 0002), so that a busy board does not bury the real looks.
BOARD_LIST = "their name and introduction on a list"
SHARED_LIST = "their name on a list of people who share with you"
MY_PEOPLE_LIST = "their name on their key worker's list of people"
SEARCH_LIST = "their name in a search of the team's people"
INTRODUCTIONS_LIST = "their name on a list of warm introductions to an organisation"
LIST_LOOKS = (BOARD_LIST, SHARED_LIST, MY_PEOPLE_LIST, SEARCH_LIST, INTRODUCTIONS_LIST)


class AccessLogEntry(models.Model):
    """One read or change of a person's record, or the looks of one list on one day, counted.

    Written only by livingwell.access.policy."""

    at = models.DateTimeField(auto_now_add=True)
    # Indexed by (person, -at) below; a second index on person alone would be written for nothing.
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_description = models.CharField(max_length=300)
    action = models.CharField(
        max_length=10, choices=[(action.value, action.label) for action in AccessAction]
    )
    what = models.CharField(max_length=300)
    why = models.CharField(max_length=300)
    # Set only on a look at a list (LIST_LOOKS): the day it stands for. `at` is then the first look
    # that day, `last_at` the last, and `count` how many. Every other entry is one look or change.
    list_day = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField(default=1, db_default=1)
    last_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["person", "-at"])]
        constraints = [
            # What the policy's INSERT ... ON CONFLICT for list looks relies on.
            models.UniqueConstraint(
                fields=["person", "actor", "list_day", "what", "why"],
                condition=models.Q(list_day__isnull=False),
                name="access_list_look_once_a_day",
            )
        ]
        verbose_name_plural = "access log entries"

    def __str__(self) -> str:
        return f"{self.actor_description} {self.get_action_display()} {self.what} ({self.why})"
