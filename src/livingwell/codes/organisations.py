"""The kinds of organisation the directory holds: every kind of support a person might need.

These are the places a person can be connected to, "equally valid and trusted": the NHS, the council,
housing, money and work, voluntary and community groups, and community places that are mental-health
informed. They are not the list of who introduced someone (`livingwell.codes.introductions`), which
follows the national referral-source codes.
"""

from __future__ import annotations

ORGANISATION_KINDS: dict[str, str] = {
    "nhs-mental-health": "NHS mental health service",
    "nhs-primary-care": "GP practice, pharmacy or other primary care",
    "nhs-talking-therapies": "NHS Talking Therapies",
    "nhs-hospital": "NHS hospital or other specialist service",
    "council": "Council service, such as adult social care",
    "housing": "Housing service or housing advice",
    "money-and-benefits": "Money, debt and welfare rights advice",
    "work-and-learning": "Work, training or learning, such as a recovery college",
    "voluntary-community": "Voluntary or community group",
    "peer-support": "Peer support group",
    "community-place": "Community place, such as a barber, cafe, library or faith group",
    "other": "Another kind of organisation",
}

# The learning extract's kind of organisation for each of the directory's (`introductions_out`):
# secondary care is the NHS's specialist services; NHS Talking Therapies is primary care mental health;
# peer support is a voluntary or community group; a community place is a community asset.
EXTRACT_KINDS: dict[str, str] = {
    "nhs-mental-health": "nhs-secondary-care",
    "nhs-primary-care": "nhs-primary-care",
    "nhs-talking-therapies": "nhs-primary-care",
    "nhs-hospital": "nhs-secondary-care",
    "council": "council",
    "housing": "housing",
    "money-and-benefits": "welfare-rights",
    "work-and-learning": "employment",
    "voluntary-community": "voluntary-community",
    "peer-support": "voluntary-community",
    "community-place": "community-asset",
    "other": "other",
}
