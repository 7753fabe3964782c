"""`livingwell outbox_worker`: send the outbox's messages, and run every other background task,
until stopped. A site keeps one running (systemd, a container). It first picks up what a stopped
worker was sending, so that nothing is lost and nothing is sent twice."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from livingwell.outbox.services import messages_stuck_resend


class Command(DatabaseWorker):
    help = "Send the outbox's messages and run the other background tasks, until stopped."

    def handle(self, *args: Any, **options: Any) -> None:
        picked_up = messages_stuck_resend()
        if picked_up:
            self.stdout.write(f"Picked up {picked_up} messages a stopped worker was sending.")
        super().handle(*args, **options)
