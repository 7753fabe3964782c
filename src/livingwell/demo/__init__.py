"""The demo: a synthetic borough to try Living Well with, and the sign-in codes of its demo staff.

The top floor: it loads data into every app, so it may import them all, and nothing imports it.
"""
