"""Postcodes and where they are, loaded from a file a site downloads itself (the ONS Postcode
Directory), so that distance needs no service on the internet."""

from __future__ import annotations

from django.db import models


class Postcode(models.Model):
    """One postcode's centre. `postcode` is written the standard way: upper case, one space before
    the last three characters ("SW9 8AB")."""

    postcode = models.CharField(max_length=8, primary_key=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode
