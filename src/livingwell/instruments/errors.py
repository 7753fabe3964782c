"""The errors the instruments raise: plain-English messages that name the item and what it allows."""

from __future__ import annotations


class ResponseError(ValueError):
    """A response (or a set of responses) that cannot be scored as given.

    `problems` holds one plain-English line per problem found (for a frame, at most 20 of them;
    `count` says how many there were in all).
    """

    def __init__(self, message: str, *, problems: list[str] | None = None, count: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or [message]
        self.count = count or len(self.problems)


class WordingError(ValueError):
    """Item wording that cannot be used: not loaded, or a site's file with problems.

    `problems` lists every problem found, in plain English, so a site can fix its file in one go.
    """

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or [message]
