"""The one family of errors our code raises on purpose, each with a plain-English message.

`ApplicationErrorMiddleware` turns them into a page, and the API turns them into
`{"message": ..., "detail": ...}` with the same status, so no view writes its own error handling.
"""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    status = 400
    title = "There is a problem"

    def __init__(self, message: str, *, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}


class NotFound(ApplicationError):
    """Not there, or not something this user may see: we answer the same for both."""

    status = 404
    title = "Page not found"


class Gone(ApplicationError):
    """Was there, and cannot be used any more: a one-time link that has been used, or is too old."""

    status = 410
    title = "This link does not work any more"


class Forbidden(ApplicationError):
    status = 403
    title = "You cannot see this page"


class Refused(ApplicationError):
    """A request that breaks one of the relational rules: refused with the reason."""

    status = 409
    title = "This cannot be done"


class Unprocessable(ApplicationError):
    """Well-formed, but not something we can use (a FHIR file with problems): 422, with each problem."""

    status = 422
    title = "There is a problem with the file"
