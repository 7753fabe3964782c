"""How the borough is mixed: the shares of people by ethnic category, age and gender, who introduces
them and how often each thing comes of it; for plans, circles and sharing, how often each part comes
up; and for measures, who fills in what, when, and what they answer. Percent, weights or chances, as
each says; the generator draws from them with `draw._Weighted` or `random()`.

The measures' figures are assumptions for a plausible demo, each named here, not figures from a
source: they make the gaps real measures have (periods never measured, questionnaires not given,
reviews missed, no end measure after someone stops coming, items skipped, goals rated once).
"""

from __future__ import annotations

from typing import NamedTuple

from livingwell.instruments.reqol import ITEMS as REQOL_ITEMS
from livingwell.instruments.reqol import NEGATIVELY_WORDED_ITEMS, PHYSICAL_HEALTH_ITEM

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

# Measures (livingwell.measures), for every period of support. Assumed, to look plausible.
REVIEW_WEEKS = 12  # measures are reviewed this often: every team's setting (Team.review_weeks)
UNMEASURED_SHARE = 0.1  # periods with no measures at all: not offered, or not wanted
# What a period's measures are: each group with its chance, for every period that is measured.
# ReQoL-10 and goal ratings most often, DIALOG often, SWEMWBS less, PHQ-9 and GAD-7 less and together.
INSTRUMENT_SHARES: dict[tuple[str, ...], float] = {
    ("reqol10",): 0.85,
    ("goal-ratings",): 0.85,
    ("dialog",): 0.55,
    ("swemwbs",): 0.2,
    ("phq9", "gad7"): 0.15,
}
# The demo person's open period is always measured with these, filled in at the start, so that their
# record has a chart to show.
DEMO_INSTRUMENTS = ("reqol10", "goal-ratings")
TAKEN_SHARE = 0.9  # at a start, review or end, the chance that each of them is filled in that day
START_DELAY_SHARE = 0.3  # start measures not on the day support starts but in the days after
START_DELAY_DAYS = 14  # ...at most this many days after
REVIEW_DAYS_EARLY_LATE = (-7, 21)  # a review is held from a week early to three weeks late
# Of periods measured and still going at their first review, how many have it; each later review's
# chance is LATER_REVIEW_FALL times the one before.
FIRST_REVIEW_SHARE = 0.7
LATER_REVIEW_FALL = 0.8
REVIEW_ALONE_SHARE = 0.2  # reviews filled in alone; starts and ends are with the key worker
# End measures, in the last weeks of support, by how it ended: people who stop coming rarely have one.
END_MEASURE_SHARES: dict[str, float] = {"agreed": 0.7, "moved-away": 0.3, "stopped-coming": 0.05}
END_MEASURE_DAYS = 14
LAST_CAME_DAYS = (14, 70)  # before "stopped coming", how long since they last came (no reviews)
SKIPPED_ITEM_SHARE = 0.02  # each item left unanswered: with any, most instruments give no total
# A round of goal ratings starts on the day the period's first goal is set (with the start measures
# if it was set by then); a goal set later is first rated at the next review; and some are rated in
# their first round only.
GOAL_RATED_ONCE_SHARE = 0.2


class Responses(NamedTuple):
    """How one questionnaire's answers follow how someone is (their wellbeing, in standard
    deviations, 0 the typical person at the start): each item's usual answer then, its direction
    (+1 where a higher answer is better, -1 where it is worse), how closely the items follow, and
    their noise. Answers are on the instrument's scale, as given, before any reversal."""

    centre: tuple[float, ...]
    direction: tuple[int, ...]
    loading: float
    noise: float


# As the synthetic extract's (livingwell.analytics.synthetic_extract). ReQoL-10's negatively worded
# items (reversed in scoring) and its physical health item, which counts problems, are answered higher
# as things get worse; PHQ-9 and GAD-7 count symptoms, so lower is better; SWEMWBS and DIALOG rate
# what is good.
_REQOL_WORSE = (*NEGATIVELY_WORDED_ITEMS, PHYSICAL_HEALTH_ITEM)
RESPONSES: dict[str, Responses] = {
    "reqol10": Responses(
        centre=tuple(
            1.5 if item == PHYSICAL_HEALTH_ITEM else 2.4 if item in _REQOL_WORSE else 1.6
            for item in range(1, REQOL_ITEMS + 1)
        ),
        direction=tuple(-1 if item in _REQOL_WORSE else 1 for item in range(1, REQOL_ITEMS + 1)),
        loading=0.9,
        noise=0.7,
    ),
    "swemwbs": Responses(centre=(2.7,) * 7, direction=(1,) * 7, loading=0.7, noise=0.6),
    "dialog": Responses(
        centre=(3.8,) * 8 + (5.0,) * 3, direction=(1,) * 11, loading=1.0, noise=1.0
    ),
    "phq9": Responses(centre=(1.6,) * 8 + (0.6,), direction=(-1,) * 9, loading=0.6, noise=0.6),
    "gad7": Responses(centre=(1.7,) * 7, direction=(-1,) * 7, loading=0.6, noise=0.6),
}
# How someone's wellbeing moves over a period: a gain drawn for each period (in standard deviations;
# with these about one in five gets worse), reached in full after GAIN_DAYS, and how they are on the
# day (the same for every questionnaire filled in that day).
MEAN_GAIN = 0.6
GAIN_SPREAD = 0.7
GAIN_DAYS = 180
DAY_SPREAD = 0.3
# DIALOG's "do you need more help with this?": the chance of "yes" for each rating (1 couldn't be
# worse, 7 couldn't be better): help is wanted most with what is going worst. As the synthetic
# extract's.
MORE_HELP_BY_RATING = {1: 0.9, 2: 0.8, 3: 0.6, 4: 0.35, 5: 0.15, 6: 0.08, 7: 0.05}
MORE_HELP_NOT_ASKED_SHARE = 0.1  # DIALOGs where the question was not asked at all
# Goal ratings (0 to 10): the first rating, and how far a goal moves in REVIEW_WEEKS, on average,
# by how it is going now (GOAL_ACHIEVEMENT_FOR), so that the ratings agree with the plan.
GOAL_FIRST_SCORE = (3.0, 1.8)  # mean and spread
GOAL_GAIN_FOR: dict[str, float] = {
    "achieved": 2.0,
    "sustaining": 1.5,
    "improving": 1.2,
    "in-progress": 0.7,
    "no-change": 0.0,
    "no-progress": 0.0,
    "worsening": -0.8,
    "not-achieved": -0.3,
    "not-attainable": -0.5,
    "": 0.5,  # not said
}
GOAL_GAIN_SPREAD = 0.8
GOAL_DAY_SPREAD = 0.7  # how a later rating wanders on the day
