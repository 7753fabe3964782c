"""Background work of measures: asking the person when their review comes round."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from livingwell.measures.services import review_ask


@task()
def ask_for_review(period_id: int, last_on: str) -> bool:
    return review_ask(period_id, dt.date.fromisoformat(last_on))
