"""A local fake of the GOV.UK Notify API, for the tests (they never talk to the internet): the
endpoints the outbox uses, on a free port of 127.0.0.1, counting what it received.

- POST /v2/notifications/email and /v2/notifications/sms: keeps the notification and answers 201.
- GET /v2/notifications?reference=R: the notifications with that reference.

Each request must carry a JWT signed with the API key's secret, with the service id as its issuer,
as Notify's own checks. `hold()` makes the next send wait, after it is kept, until `release()`: a
worker can be stopped between Notify taking a message and the worker hearing that it did."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"livingwell_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
TEXT_TEMPLATE = "a1b2c3d4-0000-4000-8000-000000000001"


@dataclass
class FakeNotify:
    url: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    refused: int = 0
    _hold: threading.Event | None = None
    sent_and_held: threading.Event = field(default_factory=threading.Event)

    def hold(self) -> None:
        self._hold = threading.Event()
        self.sent_and_held.clear()

    def release(self) -> None:
        if self._hold is not None:
            self._hold.set()

    def with_reference(self, reference: str) -> list[dict[str, Any]]:
        return [n for n in self.received if n.get("reference") == reference]


def _handler(fake: FakeNotify) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return None

        def _authorised(self) -> bool:
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            try:
                claims = jwt.decode(token, SECRET, algorithms=["HS256"])
            except jwt.PyJWTError:
                return False
            return bool(claims.get("iss") == SERVICE_ID)

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            if not self._authorised():
                fake.refused += 1
                self._answer(403, {"errors": [{"error": "AuthError", "message": "Invalid token"}]})
                return
            kind = self.path.rsplit("/", 1)[-1]
            length = int(self.headers.get("Content-Length", "0"))
            sent = json.loads(self.rfile.read(length) or b"{}")
            notification = {"id": str(uuid.uuid4()), "type": kind, **sent}
            fake.received.append(notification)
            if fake._hold is not None:
                fake.sent_and_held.set()
                fake._hold.wait(timeout=60)
                fake._hold = None
            self._answer(201, {"id": notification["id"], "reference": sent.get("reference")})

        def do_GET(self) -> None:
            if not self._authorised():
                fake.refused += 1
                self._answer(403, {"errors": [{"error": "AuthError", "message": "Invalid token"}]})
                return
            asked = parse_qs(urlparse(self.path).query).get("reference", [""])[0]
            found = [n for n in fake.received if n.get("reference") == asked]
            self._answer(200, {"notifications": found, "links": {}})

    return Handler


@contextmanager
def fake_notify() -> Iterator[FakeNotify]:
    fake = FakeNotify()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.release()
        server.shutdown()
        server.server_close()
