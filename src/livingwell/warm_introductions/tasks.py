"""Background work of warm introductions: asking the person "Did you meet?" when the time comes."""

from __future__ import annotations

from django_tasks import task

from livingwell.warm_introductions.services import did_you_meet_ask


@task()
def ask_did_you_meet(warm_id: int, version: int) -> bool:
    return did_you_meet_ask(warm_id, version)
