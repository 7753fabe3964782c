"""Who introduced someone, and how that maps to national codes.

The Mental Health Services Data Set (MHSDS) records SOURCE OF REFERRAL FOR MENTAL HEALTH. We keep our own
words on the pages and map them here, so a site can report to MHSDS without the form speaking its language.
MHSDS has no code for a friend: a friend's introduction is reported as "M6 Other service or agency" unless
the friend is also a carer, in which case staff record them as family or carer (B2).
"""

from __future__ import annotations

INTRODUCED_BY: dict[str, str] = {
    "self": "The person themselves",
    "family": "Family member or carer",
    "friend": "Friend",
    "gp": "GP or GP practice",
    "agency": "Another service or organisation",
}

# Kinds of organisation that introduce people, each with its MHSDS source of referral code.
AGENCY_KINDS: dict[str, tuple[str, str]] = {
    "other-primary-care": ("Other primary care service", "A3"),
    "social-services": ("Social services", "C1"),
    "education": ("School, college or university", "C2"),
    "housing": ("Housing service", "C3"),
    "employer": ("Employer", "D1"),
    "police": ("Police", "E1"),
    "probation": ("Probation service", "E3"),
    "voluntary-sector": ("Voluntary or community organisation", "G1"),
    "emergency-department": ("Hospital emergency department", "H1"),
    "secondary-care": ("Other hospital or specialist service", "H2"),
    "talking-therapies": ("NHS Talking Therapies", "N3"),
    "other": ("Other service or organisation", "M6"),
}

MHSDS_SOURCE_OF_REFERRAL: dict[str, str] = {
    "A1": "Primary Health Care: General Medical Practitioner Practice",
    "A3": "Primary Health Care: Other Primary Health Care",
    "B1": "Self Referral: Self",
    "B2": "Self Referral: Carer/Relative",
    "C1": "Local Authority and Other Public Services: Social Services",
    "C2": "Local Authority and Other Public Services: Education Service / Educational Establishment",
    "C3": "Local Authority and Other Public Services: Housing Service",
    "D1": "Employer",
    "E1": "Justice System: Police",
    "E3": "Justice System: Probation Service",
    "G1": "Independent/Voluntary Sector: Voluntary Sector",
    "H1": "Acute Secondary Care: Emergency Care Department",
    "H2": "Acute Secondary Care: Other secondary care specialty",
    "M6": "Other: Other SERVICE or agency",
    "N3": "Improving access to psychological therapies service",
}

# The learning extract's `source`.
SOURCE_FOR_EXTRACT: dict[str, str] = {
    "self": "self",
    "family": "family-or-friend",
    "friend": "family-or-friend",
    "gp": "gp",
    "agency": "other-agency",
}


def mhsds_source_of_referral(introduced_by: str, agency_kind: str = "") -> str:
    """The MHSDS SOURCE OF REFERRAL FOR MENTAL HEALTH code for who introduced someone."""
    if introduced_by == "self":
        return "B1"
    if introduced_by == "family":
        return "B2"
    if introduced_by == "gp":
        return "A1"
    if introduced_by == "friend":
        return "M6"
    if introduced_by == "agency":
        return AGENCY_KINDS.get(agency_kind, AGENCY_KINDS["other"])[1]
    raise ValueError(f"Unknown introducer {introduced_by!r}")
