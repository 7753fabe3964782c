"""The plan's words: its parts of life, goal statuses, the circle's relationships and its sections.

Every key here is stored in the database and travels in the FHIR passport, so a key never changes;
the words beside it are what the pages say.
"""

from __future__ import annotations

# The life domains of the first conversation and of goals (relational rule 5: the whole person).
LIFE_DOMAINS: dict[str, str] = {
    "mental-health": "Mental health",
    "physical-health": "Physical health",
    "housing": "Housing",
    "money": "Money and benefits",
    "work-and-learning": "Work, learning and occupation",
    "relationships": "Relationships and family",
    "belonging": "Friends and belonging",
    "safety": "Safety",
    "substances": "Alcohol and drugs",
    "caring": "Caring for others",
}

# FHIR R4 Goal.lifecycleStatus (http://hl7.org/fhir/goal-status, required binding), with plain words.
GOAL_LIFECYCLE: dict[str, str] = {
    "proposed": "Suggested",
    "planned": "Planned",
    "accepted": "Agreed",
    "active": "Working on it",
    "on-hold": "On hold",
    "completed": "Done",
    "cancelled": "Stopped",
    "entered-in-error": "Added by mistake",
    "rejected": "Not wanted",
}

# FHIR R4 Goal.achievementStatus (http://terminology.hl7.org/CodeSystem/goal-achievement).
GOAL_ACHIEVEMENT: dict[str, str] = {
    "in-progress": "Getting there",
    "improving": "Getting better",
    "worsening": "Getting worse",
    "no-change": "No change",
    "achieved": "Achieved",
    "sustaining": "Keeping it up",
    "not-achieved": "Not achieved",
    "no-progress": "No progress",
    "not-attainable": "Not possible now",
}

# How a goal is going, in everyday words: what people choose on the pages. Each is one pair of FHIR's
# Goal.lifecycleStatus and Goal.achievementStatus, which the record keeps and the API and FHIR speak.
GOAL_STEPS: dict[str, str] = {
    "just-started": "Just started",
    "getting-there": "Getting there",
    "finding-it-hard": "Finding it hard",
    "taking-a-break": "Taking a break",
    "done": "Done it",
    "not-for-now": "Not for me now",
}
GOAL_STEP_FHIR: dict[str, tuple[str, str]] = {
    "just-started": ("active", "in-progress"),
    "getting-there": ("active", "improving"),
    "finding-it-hard": ("active", "no-progress"),
    "taking-a-break": ("on-hold", "in-progress"),
    "done": ("completed", "achieved"),
    "not-for-now": ("cancelled", "not-achieved"),
}
NEW_GOAL_STEP = "just-started"


def goal_step(lifecycle: str, achievement: str) -> str:
    """Where a goal is, in everyday words, from its FHIR statuses: any pair has one (a goal brought
    over from another service may have a pair we never write)."""
    if lifecycle == "completed":
        return "done"
    if lifecycle in ("cancelled", "rejected", "entered-in-error"):
        return "not-for-now"
    if lifecycle == "on-hold":
        return "taking-a-break"
    if lifecycle in ("proposed", "planned", "accepted"):
        return "just-started"
    if achievement in ("achieved", "sustaining"):
        return "done"
    if achievement == "improving":
        return "getting-there"
    if achievement in ("worsening", "no-change", "no-progress", "not-attainable", "not-achieved"):
        return "finding-it-hard"
    return "just-started"


# How someone in the circle is related to the person (HL7 v3 RoleCode, as FHIR RelatedPerson uses).
RELATIONSHIPS: dict[str, str] = {
    "MTH": "Mother",
    "FTH": "Father",
    "PRN": "Parent",
    "SPS": "Husband or wife",
    "DOMPART": "Partner",
    "CHILD": "Son or daughter",
    "SIB": "Brother or sister",
    "GRPRN": "Grandparent",
    "FAMMEMB": "Other family",
    "FRND": "Friend",
    "NBOR": "Neighbour",
    "ROOM": "Someone I live with",
}

# The plan's own sections, as the history of a plan names them.
SECTION_LABELS: dict[str, str] = {
    "what_matters": "What matters to me",
    "strengths": "My strengths",
    "what_helps": "What helps",
    "what_does_not_help": "What does not help",
    "crisis_signs": "Signs that I am struggling",
    "crisis_what_i_can_do": "What I can do",
    "crisis_who_to_contact": "Who to contact",
}
