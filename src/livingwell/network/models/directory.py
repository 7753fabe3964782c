"""The directory of support, shaped by Open Referral UK 3.0 (the UK profile of HSDS 3.0).

Each model is one of the standard's tables, with its names, and every id is a UUID so that an entry
keeps its id when another directory reads it and feeds it back. What the standard does not hold is
kept beside it, and said so where it is defined:

- what a service helps with, as the plan's life domains (`livingwell.codes.plan.LIFE_DOMAINS`): terms
  of the directory's own taxonomy "Living Well life domains", linked to the service like any other
  term (`ServiceTerm`), so other directories read them as taxonomy terms;
- how a person gets in: a warm introduction (and to whom) or walking in;
- when the entry was last checked, and by whom;
- `search_text` and `search_terms`, the words and the taxonomy terms search reads (written by
  `network.services`, never by hand).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from livingwell.network.models.organisations import Organisation


def _id() -> models.UUIDField[uuid.UUID, uuid.UUID]:
    return models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Open"
    TEMPORARILY_CLOSED = "temporarily closed", "Closed for now"
    INACTIVE = "inactive", "Not running"
    DEFUNCT = "defunct", "Closed for good"


class Taxonomy(models.Model):
    """A list of terms that say what services are (Open Referral UK `taxonomy`)."""

    id = _id()
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=2000)
    uri = models.URLField(max_length=500, blank=True)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """One term of a taxonomy (Open Referral UK `taxonomy_term`); `code` is its `term`."""

    id = _id()
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.PROTECT, null=True, blank=True, related_name="terms"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    code = models.CharField(max_length=100, blank=True)
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=2000)
    term_uri = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "code"],
                condition=~models.Q(code=""),
                name="taxonomy_term_code_once",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """Something an organisation offers people (Open Referral UK `service`)."""

    id = _id()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=5000, blank=True)
    # Who it is for, in plain words ("Adults in the borough who feel lonely").
    who_for = models.TextField(max_length=2000, blank=True)
    url = models.URLField(max_length=500, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    fees = models.TextField(max_length=2000, blank=True)
    accreditations = models.TextField(max_length=2000, blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    alert = models.TextField(max_length=2000, blank=True)
    # Beside the standard: how a person gets in.
    warm_introductions = models.BooleanField(
        default=False, help_text="The team can make a warm introduction to it."
    )
    introductions_to = models.CharField(
        max_length=200, blank=True, help_text="Who at the organisation takes introductions."
    )
    walk_in = models.BooleanField(default=False, help_text="People can walk in without asking.")
    # Worked out from the cost options when they change: free, or nothing said about a cost.
    free = models.BooleanField(default=True)
    # Beside the standard: when someone last checked the entry was true (Open Referral UK's
    # `assured_date` is its day), and who.
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_checked_by_name = models.CharField(max_length=200, blank=True)
    last_modified = models.DateTimeField()
    search_text = models.TextField(blank=True, default="")
    # Its taxonomy terms (as `terms` holds them), each term's id with its code: what the search asks
    # "helps with any of these?" of (the ids are the keys), in one index (migration 0009) rather
    # than a join for each question.
    search_terms = models.JSONField(blank=True, default=dict)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["last_checked_at"], name="service_last_checked"),
            # Lists in name order (the feed's pages) read the index, not a sort of every service.
            models.Index(fields=["name", "id"], name="service_by_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceTerm(models.Model):
    """A taxonomy term linked to a service (Open Referral UK `attribute` with `link_type`
    "service"): what it is, and what it helps with."""

    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="terms")
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "taxonomy_term"], name="service_term_once")
        ]
        indexes = [models.Index(fields=["taxonomy_term", "service"], name="service_term_by_term")]

    def __str__(self) -> str:
        return f"{self.service_id}: {self.taxonomy_term_id}"


class Location(models.Model):
    """Where a service happens (Open Referral UK `location`)."""

    class Kind(models.TextChoices):
        PHYSICAL = "physical", "A place to go"
        POSTAL = "postal", "A postal address"
        VIRTUAL = "virtual", "Online or by phone"

    id = _id()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="locations"
    )
    location_type = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)
    name = models.CharField(max_length=200, blank=True)
    description = models.TextField(max_length=2000, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=100, blank=True)
    external_identifier_type = models.CharField(max_length=100, blank=True)
    # Beside the standard (whose accessibility is words): can someone get in without steps?
    step_free = models.BooleanField(default=False)
    # How to get there, in plain words ("Two minutes from Brixwell station, bus 35").
    transport = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="location_on_the_map")]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Address(models.Model):
    """A location's address (Open Referral UK `address`)."""

    id = _id()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(max_length=100)
    postal_code = models.CharField(max_length=10)
    country = models.CharField(max_length=2, default="GB")
    address_type = models.CharField(max_length=10, default="physical")

    def __str__(self) -> str:
        return f"{self.address_1}, {self.city} {self.postal_code}"


class Accessibility(models.Model):
    """What a location does for people with a disability (Open Referral UK `accessibility`)."""

    id = _id()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.CharField(max_length=500, blank=True)
    details = models.TextField(max_length=2000, blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        verbose_name_plural = "accessibility"

    def __str__(self) -> str:
        return self.description or str(self.id)


class ServiceAtLocation(models.Model):
    """A service at one of its locations (Open Referral UK `service_at_location`)."""

    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="services")
    description = models.TextField(max_length=2000, blank=True)
    # The place's coordinates, copied here (by `network.services.places_locate`) so that "near a
    # postcode" reads one index and not every place.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_at_location_once")
        ]
        indexes = [
            # A service's places near a point; and every place in a box round a point, with the
            # service it is for (read from the index alone).
            models.Index(
                fields=["service", "latitude", "longitude"], name="service_at_location_where"
            ),
            models.Index(
                fields=["latitude", "longitude", "service"], name="service_at_location_on_map"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} at {self.location_id}"


class Contact(models.Model):
    """Someone to contact about a service (Open Referral UK `contact`)."""

    id = _id()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    department = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=254, blank=True)

    def __str__(self) -> str:
        return self.name or self.title or str(self.id)


class Phone(models.Model):
    """A phone number (Open Referral UK `phone`): of a service, a contact, a location or an
    organisation."""

    id = _id()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(max_length=40)
    extension = models.CharField(max_length=10, blank=True)
    type = models.CharField(max_length=20, blank=True)
    description = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.number


class Schedule(models.Model):
    """When a service is open (Open Referral UK `schedule`, iCalendar's recurrence words): most
    often WEEKLY on some days (`byday` "MO,WE") from `opens_at` to `closes_at`."""

    id = _id()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    freq = models.CharField(max_length=10, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    byday = models.CharField(max_length=50, blank=True)
    bymonthday = models.CharField(max_length=50, blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.TextField(max_length=1000, blank=True)
    schedule_link = models.URLField(max_length=500, blank=True)
    attending_type = models.CharField(max_length=200, blank=True)
    notes = models.TextField(max_length=1000, blank=True)

    def __str__(self) -> str:
        return f"{self.freq} {self.byday} {self.opens_at}-{self.closes_at}"


class CostOption(models.Model):
    """What a service costs (Open Referral UK `cost_option`)."""

    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="GBP")
    amount_description = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.option or str(self.amount)


class Language(models.Model):
    """A language a service is given in, without an interpreter (Open Referral UK `language`;
    `name` and `code`, ISO 639-1, are HSDS 3.0's, which the UK profile leaves out)."""

    id = _id()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=10, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["code", "service"], name="language_by_code")]

    def __str__(self) -> str:
        return self.name or self.code


class ServiceArea(models.Model):
    """Where the people a service is for live (Open Referral UK `service_area`)."""

    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=200, blank=True)
    description = models.TextField(max_length=1000, blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.URLField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.name or str(self.id)


class EntryChange(models.Model):
    """One change to the directory, kept with who made it and when ("keeping it true")."""

    class What(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        CHECKED = "checked", "Checked and still true"
        IMPORTED = "imported", "Imported"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="directory_changes"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    what = models.CharField(max_length=10, choices=What.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_name = models.CharField(max_length=200)
    at = models.DateTimeField()
    # Field by field, what it was and what it became: {"name": ["Old", "New"], ...}.
    fields = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_what_display()} by {self.by_name} at {self.at:%Y-%m-%d %H:%M}"
