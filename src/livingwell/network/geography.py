"""Postcodes and distances, in plain Python (no Django): how a postcode is written, how far apart two
points are, and the box around a point that holds everything within a distance of it."""

from __future__ import annotations

import math
import re

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180  # along a meridian
KM_PER_MILE = 1.609344

# The shape of a UK postcode: an outward code (area, district) and an inward code (sector, unit).
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def postcode_written(text: str) -> str | None:
    """`text` as a postcode is written ("sw98ab" is "SW9 8AB"), or None when it cannot be one."""
    squeezed = re.sub(r"\s+", "", text).upper()
    found = _POSTCODE.match(squeezed)
    return f"{found[1]} {found[2]}" if found else None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The distance along the ground between two points (the haversine formula)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def km_per_degree_of_longitude(latitude: float) -> float:
    return KM_PER_DEGREE * math.cos(math.radians(latitude))


def box_around(latitude: float, longitude: float, km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east): a box holding every point within `km` of the point."""
    dlat = km / KM_PER_DEGREE
    dlon = km / km_per_degree_of_longitude(latitude)
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon


def miles(km: float) -> float:
    return km / KM_PER_MILE


def distance_words(km: float) -> str:
    """How far, as the pages say it: "0.3 miles", "2 miles"."""
    m = miles(km)
    if m < 0.1:
        return "less than 0.1 miles"
    if m < 10:
        return f"{m:.1f} miles"
    return f"{round(m)} miles"
