"""Errors a user can understand and act on.

Services raise :class:`UserError` with a Vietnamese message for bad input; the web layer shows
it as a form or API error (400), the ``danvan`` command prints it and exits non-zero. Anything
else is a bug and is allowed to surface as one.
"""

from django.utils.translation import gettext as _


class UserError(Exception):
    """Bad input, explained in Vietnamese for the person who gave it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Conflict(UserError):
    """The request clashes with what is stored now (HTTP 409): a stale version, a reused key."""


class StaleVersion(Conflict):
    """The row changed since the caller read it (optimistic concurrency, HTTP 409)."""


def http_status(exc: UserError) -> int:
    """The status a page or API answers with for ``exc``: 409 for a conflict, else 400."""
    return 409 if isinstance(exc, Conflict) else 400


def check_version(current: int, given: int | str | None, what: str) -> None:
    """Refuse a write that does not carry the version it read, or carries an old one.

    ``what`` names the record in the message («Báo cáo», «Đơn», «Nhiệm vụ» …). Every write of
    a versioned record sends the version it read (forms in a hidden field, the API in the
    body): a write without one could silently overwrite someone else's change.
    """
    if given is None or str(given).strip() == "":
        raise UserError(
            _(
                "The version of the %(what)s being edited is missing; reload the page and do "
                "it again."
            )
            % {"what": what.lower()}
        )
    try:
        number = int(given)
    except (TypeError, ValueError):
        raise UserError(_("The version «%(given)s» is not valid.") % {"given": given}) from None
    if number != current:
        raise StaleVersion(
            _(
                "%(what)s has just been updated by someone else (version %(current)s, you are "
                "editing version %(number)s). Reload the page to see the new content and do it "
                "again."
            )
            % {"what": what, "current": current, "number": number}
        )


def posted_version(raw: str | None) -> int | None:
    """The version a form posted: ``None`` when it sent none (the service then refuses the
    write as missing, 400), a Vietnamese :class:`UserError` when it is not a number; never a
    made-up 0, which would be reported as someone else's change."""
    if raw is None or raw.strip() == "":
        return None
    try:
        return int(raw.strip())
    except ValueError:
        raise UserError(_("The version «%(given)s» is not valid.") % {"given": raw[:20]}) from None
