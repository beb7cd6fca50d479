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
            f"Thiếu phiên bản (version) của {what.lower()} đang sửa; hãy tải lại trang rồi thực "
            "hiện lại."
        )
    try:
        number = int(given)
    except (TypeError, ValueError):
        raise UserError(f"Phiên bản «{given}» không hợp lệ.") from None
    if number != current:
        raise StaleVersion(
            f"{what} vừa được người khác cập nhật (phiên bản {current}, bạn đang sửa phiên bản "
            f"{number}). Hãy tải lại trang để xem nội dung mới rồi thực hiện lại."
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
        raise UserError(f"Phiên bản «{raw[:20]}» không hợp lệ.") from None
