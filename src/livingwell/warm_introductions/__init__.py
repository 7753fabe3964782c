"""Warm introductions: the person, the key worker who introduces them and the organisation that
receives them, held together until the person says it landed (relational rules 2 and 3)."""
