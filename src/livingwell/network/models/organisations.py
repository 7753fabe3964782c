"""The network: NHS, council and community organisations the team works with, and the people who work
there. An organisation is what a person may share their record with, and what offers services in the
directory (`directory.py`): in Open Referral UK its id is `directory_id`, a UUID.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from livingwell.codes.organisations import ORGANISATION_KINDS


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=list(ORGANISATION_KINDS.items()))
    ods_code = models.CharField(
        max_length=10, blank=True, help_text="NHS Organisation Data Service code, if it has one."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Open Referral UK: the organisation's id in the directory and its public details.
    directory_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    description = models.TextField(max_length=5000, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    website = models.URLField(max_length=500, blank=True)
    # A charity's or company's number, for Open Referral UK's organisation identifiers.
    charity_number = models.CharField(max_length=20, blank=True)
    last_modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationMember(models.Model):
    """Someone who works at a partner organisation. They sign in with a password and a security
    code like the team, and see only what a person has chosen to share with their organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="organisation_member"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(max_length=200)
    job = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation}"

    @property
    def description(self) -> str:
        return f"{self.name}, {self.job + ', ' if self.job else ''}{self.organisation.name}"
