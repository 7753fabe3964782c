"""Writing a message to the outbox, and sending it, at most once.

`message_queue` is called by the service that makes the change, inside its transaction: the row is
written with the change or not at all, and the task that sends it is queued once the transaction
commits. `message_send` is that task's work (`outbox.tasks`). `messages_stuck_resend` is what a
worker does when it starts: it picks up the messages a stopped worker was sending."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from livingwell.network.models import Organisation
from livingwell.outbox.models import Channel, Message, MessageState
from livingwell.outbox.senders import SendProblem, sender
from livingwell.people.models import CircleMember, Person
from livingwell.team.models import Team

logger = logging.getLogger(__name__)

# A message that fails is tried again after 1, 4 and 16 minutes, then shown to the team.
TRIES = 4
# What a message to a person says when they have not agreed to more.
PLAIN = "Living Well has a message for you. Sign in to see it."


@dataclass(frozen=True)
class Words:
    """What a message says: in full, and for someone who has agreed only to be told there is one."""

    subject: str
    full: str
    plain: str = PLAIN


def _to_person(person: Person) -> tuple[str, str] | None:
    """The channel and address to reach the person by, as they chose; None for "no messages" or
    nothing to reach them by."""
    if person.hear_by == "none":
        return None
    if person.hear_by == "text" and person.phone:
        return Channel.TEXT, person.phone
    if person.hear_by in ("email", "") and person.email:
        return Channel.EMAIL, person.email
    if person.hear_by == "" and person.phone:
        return Channel.TEXT, person.phone
    return None


def message_to_person(person: Person, words: Words, *, why: str) -> Message | None:
    """A message to the person, in the change's transaction. Never queued when they said "no
    messages" (or we cannot reach them): None. Only says more than that there is a message when
    they agreed to more."""
    reach = _to_person(person)
    if reach is None:
        return None
    channel, to = reach
    return _queue(
        team_id=person.team_id,
        person=person,
        to_name=person.given_name,
        channel=channel,
        to=to,
        subject=words.subject if person.messages_say_more else "A message from Living Well",
        body=words.full if person.messages_say_more else words.plain,
        why=why,
    )


def circle_member_reach(member: CircleMember) -> tuple[str, str] | None:
    """Where a message to someone in a person's circle goes: the email they sign in with, the
    email or phone the person gave for them. None without an account (a message tells them to
    sign in) or anywhere to send it."""
    if member.user_id is None:
        return None
    email = member.user.email or member.email  # type: ignore[union-attr]
    if email:
        return Channel.EMAIL, email
    if member.phone:
        return Channel.TEXT, member.phone
    return None


def message_to_circle_member(member: CircleMember, words: Words, *, why: str) -> Message | None:
    """A message to someone in the person's circle, about the person, in the change's
    transaction; None when they cannot be reached (`circle_member_reach`). It says only `words`,
    which the person saw before choosing to send it."""
    reach = circle_member_reach(member)
    if reach is None:
        return None
    channel, to = reach
    return _queue(
        team_id=member.person.team_id,
        person_id=member.person_id,
        circle_member=member,
        to_name=member.name,
        channel=channel,
        to=to,
        subject=words.subject,
        body=words.full,
        why=why,
    )


def message_to_organisation(
    organisation: Organisation, team: Team, words: Words, *, why: str
) -> list[Message]:
    """A message to each member of a partner organisation (by the email they sign in with), or to
    the organisation's own email when nobody is signed up."""
    members = [(m.name, m.user.email) for m in organisation.members.select_related("user")]
    addresses = [(n, e) for n, e in members if e] or (
        [(organisation.name, organisation.email)] if organisation.email else []
    )
    return [
        _queue(
            team_id=team.pk,
            organisation=organisation,
            to_name=name,
            channel=Channel.EMAIL,
            to=email,
            subject=words.subject,
            body=words.full,
            why=why,
        )
        for name, email in addresses
    ]


def _queue(**fields: object) -> Message:
    message = Message.objects.create(created_at=timezone.now(), **fields)
    _send_after_commit(message.pk)
    return message


def _send_after_commit(message_id: int, *, after: dt.datetime | None = None) -> None:
    from livingwell.outbox.tasks import send_message

    def enqueue() -> None:
        task = send_message.using(run_after=after) if after else send_message
        task.enqueue(message_id)

    transaction.on_commit(enqueue)


def message_send(message_id: int) -> str:
    """Send one message, at most once: `sending` is saved before it leaves, and a message found
    `sending` (its worker stopped) is sent again only if the service can say it never arrived."""
    send = sender()
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.state not in (MessageState.QUEUED, MessageState.SENDING):
            return message.state if message else "gone"
        if message.state == MessageState.SENDING:
            arrived = send.already_sent(message)
            if arrived is None:
                message.state = MessageState.NOT_KNOWN
                message.last_problem = (
                    "The worker stopped while sending it, and the email service cannot be asked "
                    "whether it went. It was not sent again."
                )
                message.save(update_fields=["state", "last_problem"])
                return message.state
            if arrived:
                message.state, message.sent_at = MessageState.SENT, timezone.now()
                message.save(update_fields=["state", "sent_at"])
                return message.state
        message.state, message.sending_since = MessageState.SENDING, timezone.now()
        message.attempts += 1
        message.save(update_fields=["state", "sending_since", "attempts"])
    try:
        send.send(message)
    except SendProblem as problem:
        with transaction.atomic():
            again = message.attempts < TRIES
            message.state = MessageState.QUEUED if again else MessageState.FAILED
            message.last_problem = str(problem)[:500]
            message.save(update_fields=["state", "last_problem"])
            if again:
                wait = dt.timedelta(minutes=4 ** (message.attempts - 1))
                _send_after_commit(message.pk, after=timezone.now() + wait)
        logger.warning("Message %s not sent: %s", message.reference, problem)
        return message.state
    Message.objects.filter(pk=message.pk).update(state=MessageState.SENT, sent_at=timezone.now())
    return MessageState.SENT


def messages_stuck_resend() -> int:
    """Queue again the messages a worker stopped while sending (longer ago than a send can take):
    each is then sent only if it never arrived. The stopped worker's tasks for them are closed as
    failed, saying why, so that none is left looking as if it were still running. How many."""
    since = timezone.now() - dt.timedelta(seconds=settings.LIVINGWELL_OUTBOX_STUCK_AFTER_SECONDS)
    stuck = list(
        Message.objects.filter(state=MessageState.SENDING, sending_since__lte=since).values_list(
            "pk", flat=True
        )
    )
    with transaction.atomic():
        _tasks_left_running_close(since)
        for pk in stuck:
            _send_after_commit(pk)
    return len(stuck)


def _tasks_left_running_close(since: dt.datetime) -> None:
    """A send that started before `since` and is still `running` belonged to a worker that
    stopped (a send takes seconds): it is closed as failed, with why."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from livingwell.outbox.tasks import send_message

    DBTaskResult.objects.filter(
        task_path=send_message.module_path,
        status=TaskResultStatus.RUNNING,
        started_at__lte=since,
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="livingwell.outbox.services.WorkerStopped",
        traceback=(
            "The worker stopped while sending this message. A new worker picked the message up; "
            "it is sent again only if it never arrived."
        ),
    )
