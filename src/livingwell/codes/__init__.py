"""The ground floor: the words and codes every part of Living Well shares.

Plain Python. It imports nothing of ours and no Django, so every app, and every pure package
(instruments, analytics, simulation, synthetic), can stand on it.

- `people`: NHS Data Dictionary codes for people, and the NHS number check.
- `introductions`: who introduced someone, and the MHSDS source of referral.
- `plan`: the plan's parts of life, goal statuses, the circle's relationships, and the plan's sections.
- `record`: the parts of a person's record with their words, and the sharing choices.
- `organisations`: the kinds of organisation the directory holds.
"""
