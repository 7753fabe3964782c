"""The outbox's background task, run by `livingwell outbox_worker` (Django's tasks framework, with
its database backend: nothing beyond the site's database)."""

from __future__ import annotations

from django_tasks import task

from livingwell.outbox.services import message_send


@task()
def send_message(message_id: int) -> str:
    return message_send(message_id)
