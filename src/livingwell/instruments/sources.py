"""Where each scoring rule comes from: every source cited once, referred to by name elsewhere.

Each entry is title, authors, year and address as text. What was read offline (in stored copies of
the public pages) is said next to the rule that uses it; what could not be read is a named setting
labelled "not checked offline".
"""

from __future__ import annotations

# Recovering Quality of Life (ReQoL)
KEETHARUTH_2018 = (
    "Keetharuth AD, Brazier J, Connell J, Bjorner JB, Carlton J, Taylor Buck E, Ricketts T, "
    "McKendrick K, Browne J, Croudace T, Barkham M (2018) Recovering Quality of Life (ReQoL): a new "
    "generic self-reported outcome measure for use with people experiencing mental health "
    "difficulties. British Journal of Psychiatry 212(1):42-49. https://doi.org/10.1192/bjp.2017.10"
)
REQOL_LICENSING = (
    "University of Sheffield and Oxford University Innovation, Recovering Quality of Life (ReQoL) "
    "licensing page: items scored on five levels from 'none of the time' to 'most or all of the "
    "time', a mixture of positively and negatively worded items, summative scores where a high "
    "score is better quality of life, and a physical health item in both versions. "
    "https://licensing.sheffield.ac.uk/i/health-outcomes/ReQOL.html"
)
GRUNDY_2019 = (
    "Grundy A, Keetharuth AD, et al. (2019) Public involvement in health outcomes research: lessons "
    "learnt from the development of the recovering quality of life (ReQoL) measures. Health and "
    "Quality of Life Outcomes 17:60, table 2 (the ReQoL-10 statements by theme). "
    "https://doi.org/10.1186/s12955-019-1123-z"
)
FRANKLIN_2021 = (
    "Franklin M, Enrique A, Palacios J, Richards D (2021) Psychometric assessment of EQ-5D-5L and "
    "ReQoL measures in patients with anxiety and depression: construct validity and "
    "responsiveness. Quality of Life Research 30. Table of measures: ReQoL-10 has 10 items scored "
    "0 (worst) to 4 (best), total 0-40; below 24 is the clinical range, 24 or more the general "
    "population. https://doi.org/10.1007/s11136-021-02833-1"
)
NHS_ENGLAND_CMH_PROMS = (
    "Taylor Buck E, Lane A, NIHR ARC Yorkshire and Humber: Why the NHS recommends Recovering "
    "Quality of Life (ReQoL-10) for use in Community Mental Health services (NHS England's task and "
    "finish group recommended ReQoL-10, DIALOG and Goal Based Outcomes). "
    "https://arc-yh.nihr.ac.uk/resources/blogs/why-the-nhs-recommends-recovering-quality-of-life-"
    "reqol-10-for-use-in-community-mental-health-services/"
)

NHS_ENGLAND_CMH_PROMS_ANALYSIS = (
    "NHS England, the community mental health PROMs dashboard's analysis code (nhsengland/MHSDS on "
    "GitHub, 'CMH PROMs Dashboard'): a reliable change of 5 points on ReQoL-10, 1 point on a DIALOG "
    "item and 3 points on a goal-based outcome; a ReQoL-10 score below 25 counted as clinical; "
    "reliable recovery as clinical at the first measure, not at the last, with reliable "
    "improvement. https://github.com/nhsengland/MHSDS"
)

# Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)
STEWART_BROWN_2009 = (
    "Stewart-Brown S, Tennant A, Tennant R, Platt S, Parkinson J, Weich S (2009) Internal "
    "construct validity of the Warwick-Edinburgh Mental Well-being Scale (WEMWBS): a Rasch analysis "
    "using data from the Scottish Health Education Population Survey. Health and Quality of Life "
    "Outcomes 7:15. https://doi.org/10.1186/1477-7525-7-15"
)
WARWICK_SCORING = (
    "Warwick Medical School, WEMWBS: guidance on scoring. 'The SWEMWBS is scored by first summing "
    "the score for each of the seven items and then transforming the total score for each person "
    "according to a conversion table.' "
    "https://warwick.ac.uk/fac/med/research/platform/wemwbs/researchers/guidance/"
)
SHAH_2018 = (
    "Shah N, et al. (2018) Responsiveness of the Short Warwick Edinburgh Mental Well-Being Scale "
    "(SWEMWBS): evaluation a clinical sample. Health and Quality of Life Outcomes 16:239. Baseline "
    "mean (SD) 19.28 (3.921) in 172 clients; 1 SEM = 1.03 points; 2.77 SEM = 2.87 points. "
    "https://doi.org/10.1186/s12955-018-1060-2"
)

# DIALOG
ELFT_DIALOG = (
    "East London NHS Foundation Trust, The DIALOG scale: 11 questions, satisfaction with eight "
    "life domains and three treatment aspects on a 7-point scale; the mean of the 8 life-domain "
    "items is the subjective quality of life score and the mean of the 3 treatment items the "
    "treatment satisfaction score; 4 is the neutral middle point. "
    "https://dialog.elft.nhs.uk/DIALOG-scale"
)
PRIEBE_2012 = (
    "Priebe S, Golden E, McCabe R, Reininghaus U (2012) Patient-reported outcome data generated in "
    "a clinical intervention in community mental health care - psychometric properties. BMC "
    "Psychiatry 12:113. Internal consistency (Cronbach's alpha) .71 for the eight subjective "
    "quality of life items and .57 for the three treatment satisfaction items. "
    "https://doi.org/10.1186/1471-244X-12-113"
)
MOSLER_2020 = (
    "Mosler F, Priebe S, Bird V (2020) Routine measurement of satisfaction with life and treatment "
    "aspects in mental health patients - the DIALOG scale in East London. BMC Health Services "
    "Research 20. 12,592 records: satisfaction with life aspects mean 4.65 (SD 1.1), with treatment "
    "aspects 5.25 (SD 1.17). https://doi.org/10.1186/s12913-020-05840-z"
)

# PHQ-9 and GAD-7
KROENKE_2001 = (
    "Kroenke K, Spitzer RL, Williams JBW (2001) The PHQ-9: validity of a brief depression severity "
    "measure. Journal of General Internal Medicine 16(9):606-613. "
    "https://doi.org/10.1046/j.1525-1497.2001.016009606.x"
)
SPITZER_2006 = (
    "Spitzer RL, Kroenke K, Williams JBW, Löwe B (2006) A brief measure for assessing generalized "
    "anxiety disorder: the GAD-7. Archives of Internal Medicine 166(10):1092-1097. "
    "https://doi.org/10.1001/archinte.166.10.1092"
)
PHQ_SCREENERS = (
    "Spitzer RL, Williams JBW, Kroenke K and colleagues, with an educational grant from Pfizer Inc: "
    "Patient Health Questionnaire (PHQ) screeners. 'No permission required to reproduce, "
    "translate, display or distribute.' https://www.phqscreeners.com"
)
NHS_TALKING_THERAPIES_MANUAL = (
    "NHS England, NHS Talking Therapies for anxiety and depression manual (formerly the Improving "
    "Access to Psychological Therapies manual): caseness PHQ-9 10 or more and/or GAD-7 8 or more; "
    "reliable change 6 points on PHQ-9 and 4 points on GAD-7. "
    "https://www.england.nhs.uk/publication/the-improving-access-to-psychological-therapies-manual/"
)
OHID_GLOSSARY = (
    "Office for Health Improvement and Disparities, Common mental health disorders profile, "
    "glossary: a referral is a clinical case if a score is above the clinical/non-clinical cut-off "
    "on the anxiety score, the depression score, or both. "
    "https://fingertips.phe.org.uk/profile/common-mental-disorders/supporting-information/Glossary"
)
GYANI_2013 = (
    "Gyani A, Shafran R, Layard R, Clark DM (2013) Enhancing recovery rates: lessons from year one "
    "of IAPT. Behaviour Research and Therapy 51:597-606 (reliable recovery in the first 32 IAPT "
    "services)."
)

# Goal-based outcomes
LAW_JACOB_2015 = (
    "Law D, Jacob J (2015) Goals and Goal Based Outcomes (GBOs): some useful information, 3rd "
    "edition. London: CAMHS Press. Goals are rated 0-10; progress is 'the amount of movement along "
    "the scale'."
)

# Reliable change
JACOBSON_TRUAX_1991 = (
    "Jacobson NS, Truax P (1991) Clinical significance: a statistical approach to defining "
    "meaningful change in psychotherapy research. Journal of Consulting and Clinical Psychology "
    "59(1):12-19. https://doi.org/10.1037/0022-006X.59.1.12"
)

_SHORT = {
    KEETHARUTH_2018: "Keetharuth et al. 2018",
    REQOL_LICENSING: "the ReQoL licensing page",
    GRUNDY_2019: "Grundy et al. 2019",
    FRANKLIN_2021: "Franklin et al. 2021",
    NHS_ENGLAND_CMH_PROMS: "NIHR ARC Yorkshire and Humber",
    NHS_ENGLAND_CMH_PROMS_ANALYSIS: "NHS England's community mental health PROMs analysis",
    STEWART_BROWN_2009: "Stewart-Brown et al. 2009",
    WARWICK_SCORING: "Warwick Medical School's scoring guidance",
    SHAH_2018: "Shah et al. 2018",
    ELFT_DIALOG: "East London NHS Foundation Trust's DIALOG guidance",
    PRIEBE_2012: "Priebe et al. 2012",
    MOSLER_2020: "Mosler et al. 2020",
    KROENKE_2001: "Kroenke et al. 2001",
    SPITZER_2006: "Spitzer et al. 2006",
    PHQ_SCREENERS: "the PHQ screeners",
    NHS_TALKING_THERAPIES_MANUAL: "the NHS Talking Therapies manual",
    OHID_GLOSSARY: "OHID's glossary",
    GYANI_2013: "Gyani et al. 2013",
    LAW_JACOB_2015: "Law and Jacob 2015",
    JACOBSON_TRUAX_1991: "Jacobson and Truax 1991",
}


def short(source: str) -> str:
    """A short name for a source, for a sentence: a known citation's author and year, else its
    text up to the first full stop (a site's own source, say)."""
    return _SHORT.get(source) or source.split(". ", 1)[0]
