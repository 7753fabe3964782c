"""Messages that reach people: written with the change that caused them, sent by a background task,
at most once, through GOV.UK Notify (a local fake of it here) or email; never to someone who said
"no messages", and never saying more than that there is a message unless they agreed to more."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import connection, transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from livingwell.core.errors import Refused
from livingwell.network.models import OrganisationMember, Service
from livingwell.outbox.models import Channel, Message, MessageState
from livingwell.outbox.services import Words, message_send, message_to_person
from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from livingwell.warm_introductions import services
from tests import fake_notify
from tests.fake_notify import FakeNotify
from tests.warm_introductions.conftest import made, receiver_record

WORDS = Words(subject="Riverside will meet you", full="Riverside will meet you on 8 December.")


@pytest.fixture
def notify(settings: Any) -> Iterator[FakeNotify]:
    with fake_notify.fake_notify() as fake:
        settings.NOTIFY_API_KEY = fake_notify.API_KEY
        settings.NOTIFY_BASE_URL = fake.url
        settings.NOTIFY_EMAIL_TEMPLATE_ID = fake_notify.EMAIL_TEMPLATE
        settings.NOTIFY_TEXT_TEMPLATE_ID = fake_notify.TEXT_TEMPLATE
        yield fake


@pytest.mark.django_db
def test_a_warm_introduction_tells_the_organisation_in_the_same_transaction(
    key_worker: StaffMember,
    person: Person,
    partner: OrganisationMember,
    group: Service,
    django_capture_on_commit_callbacks: Any,
) -> None:
    partner.user.email = "lee@brixtonhousing.example"
    partner.user.save()
    with django_capture_on_commit_callbacks(execute=True) as sent:
        made(key_worker, person, group)
    message = Message.objects.get()
    assert (message.to, message.organisation, message.channel) == (
        "lee@brixtonhousing.example",
        group.organisation,
        Channel.EMAIL,
    )
    assert "Ada" not in message.body  # a partner's message names nobody
    assert len(sent) == 1
    assert DBTaskResult.objects.filter(args_kwargs__args=[message.pk]).exists()

    group.warm_introductions = False
    group.save()
    with pytest.raises(Refused):
        made(key_worker, person, group)
    assert Message.objects.count() == 1  # a change refused writes no message


@pytest.mark.django_db
def test_no_messages_means_none_is_queued_and_plain_means_plain(person: Person) -> None:
    person.phone, person.hear_by = "07700 900123", "none"
    person.save()
    assert message_to_person(person, WORDS, why="A test") is None
    assert not Message.objects.exists()

    person.hear_by = "text"
    person.save()
    plain = message_to_person(person, WORDS, why="A test")
    assert plain is not None
    assert (plain.channel, plain.to) == (Channel.TEXT, "07700 900123")
    assert plain.body == "Living Well has a message for you. Sign in to see it."
    assert "Riverside" not in plain.subject + plain.body

    person.messages_say_more = True
    person.save()
    full = message_to_person(person, WORDS, why="A test")
    assert full is not None
    assert full.body == "Riverside will meet you on 8 December."


@pytest.mark.django_db
def test_accepting_tells_the_person_and_asks_did_you_meet_later(
    key_worker: StaffMember,
    person: Person,
    partner: OrganisationMember,
    group: Service,
    django_capture_on_commit_callbacks: Any,
) -> None:
    person.email, person.messages_say_more = "ada@example.com", True
    person.save()
    warm = made(key_worker, person, group)
    with django_capture_on_commit_callbacks(execute=True):
        services.warm_introduction_accept(
            receiver_record(partner, warm), warm.pk, version=warm.version
        )
    told = Message.objects.get(person=person)
    assert told.body.startswith("Brixton Housing Advice will meet you.")
    asked = DBTaskResult.objects.filter(task_path__endswith="ask_did_you_meet").get()
    assert asked.run_after is not None

    warm.refresh_from_db()
    assert services.did_you_meet_ask(warm.pk, warm.version)
    assert Message.objects.filter(person=person, subject__startswith="Did you meet").exists()
    assert not services.did_you_meet_ask(warm.pk, warm.version - 1)  # something happened since


@pytest.mark.django_db
def test_through_notify_a_message_is_sent_once_with_its_reference(
    notify: FakeNotify, person: Person
) -> None:
    person.phone, person.hear_by = "07700 900123", "text"
    person.save()
    message = message_to_person(person, WORDS, why="A test")
    assert message is not None
    assert message_send(message.pk) == MessageState.SENT
    assert message_send(message.pk) == MessageState.SENT  # run again: nothing more is sent
    assert len(notify.received) == 1
    assert notify.received[0]["reference"] == str(message.reference)
    assert notify.received[0]["phone_number"] == "07700 900123"
    assert notify.refused == 0


@pytest.mark.django_db
def test_a_message_left_sending_goes_again_only_if_notify_does_not_have_it(
    notify: FakeNotify, person: Person
) -> None:
    person.email = "ada@example.com"
    person.save()
    never_arrived = message_to_person(person, WORDS, why="A test")
    assert never_arrived is not None
    Message.objects.filter(pk=never_arrived.pk).update(state=MessageState.SENDING, attempts=1)
    assert message_send(never_arrived.pk) == MessageState.SENT
    assert len(notify.with_reference(str(never_arrived.reference))) == 1


@pytest.mark.django_db
def test_by_email_a_message_left_sending_is_not_known_and_not_sent_again(person: Person) -> None:
    person.email = "ada@example.com"
    person.save()
    message = message_to_person(person, WORDS, why="A test")
    assert message is not None
    Message.objects.filter(pk=message.pk).update(state=MessageState.SENDING, attempts=1)
    assert message_send(message.pk) == MessageState.NOT_KNOWN
    assert mail.outbox == []
    assert message_send(message.pk) == MessageState.NOT_KNOWN


@pytest.mark.django_db
def test_a_failure_is_tried_again_later_then_shown_to_the_team(
    settings: Any, person: Person, django_capture_on_commit_callbacks: Any
) -> None:
    settings.NOTIFY_API_KEY = fake_notify.API_KEY
    settings.NOTIFY_BASE_URL = "http://127.0.0.1:9"  # nothing listens there
    person.email = "ada@example.com"
    person.save()
    message = message_to_person(person, WORDS, why="A test")
    assert message is not None
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True) as again:
            assert message_send(message.pk) == MessageState.QUEUED
        assert len(again) == 1  # tried again later
    assert message_send(message.pk) == MessageState.FAILED
    message.refresh_from_db()
    assert message.attempts == 4
    assert "GOV.UK Notify did not take it" in message.last_problem


def _worker(database: str, notify: FakeNotify, *more: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "NOTIFY_API_KEY": fake_notify.API_KEY,
        "NOTIFY_BASE_URL": notify.url,
        "NOTIFY_EMAIL_TEMPLATE_ID": fake_notify.EMAIL_TEMPLATE,
        "NOTIFY_TEXT_TEMPLATE_ID": fake_notify.TEXT_TEMPLATE,
        "LIVINGWELL_OUTBOX_STUCK_AFTER_SECONDS": "0",
    }
    command = Path(sys.executable).parent / "livingwell"
    return subprocess.Popen(
        [str(command), "outbox_worker", "--no-startup-delay", "--interval", "0.1", *more],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_between_sending_and_saving_does_not_send_twice(
    notify: FakeNotify, person: Person
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the worker runs in another process, on the PostgreSQL test database")
    db = connection.settings_dict
    database = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    person.phone, person.hear_by = "07700 900123", "text"
    person.save()
    with transaction.atomic():
        message = message_to_person(person, WORDS, why="A test")
    assert message is not None

    # Notify takes the message, and the worker is stopped before it hears back
    notify.hold()
    worker = _worker(database, notify)
    try:
        assert notify.sent_and_held.wait(timeout=90), "the worker never sent the message"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
        notify.release()
    message.refresh_from_db()
    assert message.state == MessageState.SENDING
    assert len(notify.received) == 1

    # A new worker picks it up, asks Notify, and does not send it again
    again = _worker(database, notify, "--batch")
    output, _ = again.communicate(timeout=90)
    assert again.returncode == 0, output.decode()
    assert b"Picked up 1 messages" in output
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert len(notify.received) == 1
    # and the stopped worker's task is not left looking as if it were still running
    tasks = DBTaskResult.objects.filter(args_kwargs__args=[message.pk])
    assert not tasks.filter(status=TaskResultStatus.RUNNING).exists()
    left = tasks.get(status=TaskResultStatus.FAILED)
    assert "worker stopped" in left.traceback
