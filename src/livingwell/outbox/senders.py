"""How a message leaves: GOV.UK Notify (text and email) when a Notify key is set, Django's email
backend otherwise, or nowhere at all for the demo, which shows its messages on the outbox page.

Each says whether a message it may have sent already arrived: Notify can be asked by the message's
reference; email cannot (None)."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail

from livingwell.outbox.models import Channel, Message


class SendProblem(Exception):
    """The message did not go; it can be tried again."""


class Sender(Protocol):
    def send(self, message: Message) -> None: ...

    def already_sent(self, message: Message) -> bool | None: ...


class EmailSender:
    """Through Django's email backend (EMAIL_BACKEND). It sends email only."""

    def send(self, message: Message) -> None:
        if message.channel != Channel.EMAIL:
            raise SendProblem("Text messages need GOV.UK Notify: set NOTIFY_API_KEY.")
        try:
            send_mail(
                message.subject,
                message.body,
                settings.DEFAULT_FROM_EMAIL,
                [message.to],
                fail_silently=False,
            )
        except OSError as problem:
            raise SendProblem(f"The email server did not take it: {problem}") from problem

    def already_sent(self, message: Message) -> bool | None:
        return None


class NotifySender:
    """Through GOV.UK Notify, with one email template ((subject)) ((body)) and one text template
    ((body)), and the message's reference, by which Notify can be asked if it has it."""

    def __init__(self) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL
        )

    def send(self, message: Message) -> None:
        from notifications_python_client.errors import HTTPError
        from requests import RequestException

        reference = str(message.reference)
        try:
            if message.channel == Channel.TEXT:
                self.client.send_sms_notification(
                    phone_number=message.to,
                    template_id=settings.NOTIFY_TEXT_TEMPLATE_ID,
                    personalisation={"body": message.body},
                    reference=reference,
                )
            else:
                self.client.send_email_notification(
                    email_address=message.to,
                    template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=reference,
                )
        except (HTTPError, RequestException) as problem:
            raise SendProblem(f"GOV.UK Notify did not take it: {problem}") from problem

    def already_sent(self, message: Message) -> bool | None:
        from notifications_python_client.errors import HTTPError
        from requests import RequestException

        try:
            found = self.client.get_all_notifications(reference=str(message.reference))
        except (HTTPError, RequestException):
            return None
        return bool(found.get("notifications"))


class PageSender:
    """The demo's: nothing leaves the machine; the outbox page shows what would have been sent."""

    def send(self, message: Message) -> None:
        return None

    def already_sent(self, message: Message) -> bool | None:
        return False


def sender() -> Sender:
    if settings.LIVINGWELL_MESSAGES == "page":
        return PageSender()
    if settings.NOTIFY_API_KEY:
        return NotifySender()
    return EmailSender()
