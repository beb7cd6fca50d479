"""Errors a user can understand and act on.

Services raise :class:`UserError` with a Vietnamese message for bad input; the web layer shows
it as a form or API error (400), the ``danvan`` command prints it and exits non-zero. Anything
else is a bug and is allowed to surface as one.
"""


class UserError(Exception):
    """Bad input, explained in Vietnamese for the person who gave it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Conflict(UserError):
    """The request clashes with what is stored now (HTTP 409): a stale version, a reused key."""
