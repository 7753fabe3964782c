"""Coded values from the NHS Data Dictionary used for people, and the NHS number check."""

from __future__ import annotations

# NHS Data Dictionary: ETHNIC CATEGORY (2001 census categories), with 99 "not known".
ETHNIC_CATEGORIES: dict[str, str] = {
    "A": "White - British",
    "B": "White - Irish",
    "C": "White - Any other White background",
    "D": "Mixed - White and Black Caribbean",
    "E": "Mixed - White and Black African",
    "F": "Mixed - White and Asian",
    "G": "Mixed - Any other mixed background",
    "H": "Asian or Asian British - Indian",
    "J": "Asian or Asian British - Pakistani",
    "K": "Asian or Asian British - Bangladeshi",
    "L": "Asian or Asian British - Any other Asian background",
    "M": "Black or Black British - Caribbean",
    "N": "Black or Black British - African",
    "P": "Black or Black British - Any other Black background",
    "R": "Other ethnic groups - Chinese",
    "S": "Other ethnic groups - Any other ethnic group",
    "Z": "Not stated",
    "99": "Not known",
}

# NHS Data Dictionary: GENDER IDENTITY CODE.
GENDER_IDENTITIES: dict[str, str] = {
    "1": "Male (including trans man)",
    "2": "Female (including trans woman)",
    "3": "Non-binary",
    "4": "Other (not listed)",
    "X": "Not known",
    "Z": "Not stated",
}

# The learning extract's words for the same codes.
GENDER_FOR_EXTRACT: dict[str, str] = {
    "1": "man",
    "2": "woman",
    "3": "non-binary",
    "4": "other",
    "X": "not-stated",
    "Z": "not-stated",
}


def nhs_number_is_valid(value: str) -> bool:
    """The NHS number Modulus 11 check: ten digits, the last a check digit over the first nine."""
    digits = value.replace(" ", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def format_nhs_number(value: str) -> str:
    """Show an NHS number the way NHS.UK does: 3 3 4 digits."""
    digits = value.replace(" ", "")
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else value
