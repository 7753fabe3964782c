"""What the team's outbox page lists: messages that need someone to look at them (they could not
be sent, or we do not know if they were), then the latest."""

from __future__ import annotations

from livingwell.outbox.models import NEEDS_LOOKING_AT, Message


def needing_a_look(team_id: int, *, limit: int = 50) -> list[Message]:
    return list(
        Message.objects.filter(team_id=team_id, state__in=NEEDS_LOOKING_AT)
        .select_related("person")
        .order_by("created_at", "pk")[:limit]
    )


def needing_a_look_count(team_id: int) -> int:
    return Message.objects.filter(team_id=team_id, state__in=NEEDS_LOOKING_AT).count()


def latest(team_id: int, *, limit: int = 50) -> list[Message]:
    return list(
        Message.objects.filter(team_id=team_id)
        .select_related("person")
        .order_by("-created_at", "-pk")[:limit]
    )
