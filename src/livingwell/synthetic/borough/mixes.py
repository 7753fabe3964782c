"""How the borough is mixed: the shares of people by ethnic category, age and gender, who introduces
them and how often each thing comes of it; and for plans, circles and sharing, how often each part
comes up. Percent or weights, as each says; the generator draws from them with `draw._Weighted`."""

from __future__ import annotations

# The mix of ethnic categories, roughly that of an inner London borough (percent).
ETHNIC_MIX: dict[str, float] = {
    "A": 40.0,
    "C": 15.0,
    "N": 10.0,
    "M": 7.0,
    "P": 3.0,
    "B": 2.0,
    "D": 1.5,
    "E": 1.5,
    "F": 1.5,
    "G": 1.5,
    "H": 2.0,
    "J": 1.5,
    "K": 1.5,
    "L": 2.0,
    "R": 1.0,
    "S": 3.0,
    "Z": 4.0,
    "99": 2.0,
}
# Ages (percent of people in each band): more people of working age, as at any front door.
AGE_MIX: dict[str, float] = {
    "18-24": 11,
    "25-34": 23,
    "35-44": 21,
    "45-54": 18,
    "55-64": 12,
    "65-74": 9,
    "75-90": 6,
}
AGE_BANDS = {band: (int(band[:2]), int(band[3:])) for band in AGE_MIX}
GENDER_MIX: dict[str, float] = {"1": 45.5, "2": 50.0, "3": 2.0, "4": 0.5, "Z": 2.0}
# Who introduces people (percent), and which organisations do.
INTRODUCER_MIX: dict[str, float] = {"self": 45, "family": 10, "friend": 5, "gp": 25, "agency": 15}
AGENCY_MIX: dict[str, float] = {
    "other-primary-care": 6,
    "social-services": 10,
    "education": 6,
    "housing": 14,
    "employer": 3,
    "police": 8,
    "probation": 4,
    "voluntary-sector": 18,
    "emergency-department": 10,
    "secondary-care": 8,
    "talking-therapies": 10,
    "other": 3,
}

SUPPORTED_SHARE = 0.70  # of people who had a conversation, how many get a support period
RETURN_CHANCE = 0.14  # of people whose earlier support had ended, how many come back
# Web forms come in at any hour, most in the day and the evening.
WEB_HOURS = (0, 1, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)

# Plans, circles and sharing: made for everyone who has had a period of support.
CRISIS_PLAN_SHARE = 0.8  # of plans, how many have a crisis plan
CIRCLE_SIZES = (0, 1, 2, 3)
CIRCLE_SIZE_WEIGHTS = (25, 40, 25, 10)
FIRST_CARER_SHARE = 0.4  # of people's first circle member, how many are carers
OTHER_CARER_SHARE = 0.08
CARER_SHARING_SHARE = 0.33  # of carers, how many the person shares something with
ORGANISATION_SHARING_SHARE = 0.04  # of people with a plan, how many share with an organisation
# Goals: how they stand, while support goes on and once it has ended (percent).
GOAL_LIFECYCLE_OPEN: dict[str, float] = {
    "active": 80,
    "completed": 8,
    "on-hold": 9,
    "cancelled": 3,
}
GOAL_LIFECYCLE_ENDED: dict[str, float] = {
    "active": 50,
    "completed": 32,
    "on-hold": 13,
    "cancelled": 5,
}
# Progress that goes with each status ("" is "not said").
GOAL_ACHIEVEMENT_FOR: dict[str, dict[str, float]] = {
    "active": {"in-progress": 48, "improving": 32, "no-change": 12, "worsening": 5, "": 3},
    "completed": {"achieved": 88, "sustaining": 12},
    "on-hold": {"no-progress": 45, "no-change": 30, "": 25},
    "cancelled": {"not-achieved": 50, "not-attainable": 40, "": 10},
}
# Which parts of life come up in first conversations (weights; mental health almost always).
DOMAIN_WEIGHTS: dict[str, float] = {
    "mental-health": 40,
    "physical-health": 12,
    "housing": 12,
    "money": 13,
    "work-and-learning": 10,
    "relationships": 11,
    "belonging": 12,
    "safety": 5,
    "substances": 6,
    "caring": 4,
}
# Who is in people's circles (RELATIONSHIPS), and what the person calls them (men's, women's word).
CIRCLE_RELATIONSHIPS: dict[str, float] = {
    "MTH": 12,
    "FTH": 5,
    "PRN": 1,
    "SPS": 8,
    "DOMPART": 12,
    "CHILD": 10,
    "SIB": 14,
    "GRPRN": 2,
    "FAMMEMB": 6,
    "FRND": 19,
    "NBOR": 6,
    "ROOM": 5,
}
RELATIONSHIP_WORDS: dict[str, tuple[str, str]] = {
    "MTH": ("mum", "mum"),
    "FTH": ("dad", "dad"),
    "PRN": ("stepdad", "stepmum"),
    "SPS": ("husband", "wife"),
    "DOMPART": ("partner", "partner"),
    "CHILD": ("son", "daughter"),
    "SIB": ("brother", "sister"),
    "GRPRN": ("grandad", "nan"),
    "FAMMEMB": ("cousin", "aunt"),
    "FRND": ("friend", "friend"),
    "NBOR": ("neighbour", "neighbour"),
    "ROOM": ("flatmate", "flatmate"),
}
RELATIONSHIP_GENDER = {"MTH": "2", "FTH": "1"}
FAMILY_RELATIONSHIPS = frozenset({"MTH", "FTH", "PRN", "CHILD", "SIB", "GRPRN", "FAMMEMB"})
CLOSE_RELATIONSHIPS = FAMILY_RELATIONSHIPS | {"SPS", "DOMPART"}
SINGLE_RELATIONSHIPS = frozenset({"MTH", "FTH", "SPS", "DOMPART"})  # nobody has two in a circle
# How often each part is shared with a carer, and with an organisation (what matters and what helps
# mostly go together).
CARER_PARTS: dict[tuple[str, ...], float] = {
    ("about",): 0.3,
    ("what-matters", "what-helps"): 0.8,
    ("goals",): 0.7,
    ("crisis",): 0.6,
    ("circle",): 0.2,
}
ORGANISATION_PARTS: dict[tuple[str, ...], float] = {
    ("about",): 0.85,
    ("what-matters", "what-helps"): 0.7,
    ("goals",): 0.45,
    ("crisis",): 0.25,
    ("circle",): 0.1,
}
# What the demo person shares with their carer, and with the demo partner's organisation.
DEMO_CARER_PARTS = ("what-matters", "what-helps", "goals", "crisis", "team")
DEMO_ORGANISATION_PARTS = ("about", "what-matters", "life-housing", "life-money")
