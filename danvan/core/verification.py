"""One-time codes proving that a citizen holds a phone number (or an e-mail address) before the
portal takes what they send: a comment on a draft (``participation``), an answer to a survey
that asks for a verified phone (``surveys``).

``request_code(purpose, contact)`` sends a six-digit code — by SMS through the backend named by
``settings.SMS_BACKEND`` (like Django's ``EMAIL_BACKEND``; the default writes the message to the
log, for a deployment without an SMS gateway), by e-mail through Django's mail — and
``verify_code(purpose, contact, code)`` checks it. Codes are stored as keyed hashes, never in
clear, with the purpose they unlock; they expire after ``VERIFICATION_CODE_MINUTES``; a code
refuses more than ``MAX_ATTEMPTS`` wrong tries; ``VERIFICATION_CODES_PER_HOUR`` codes may be
sent to one contact (whatever the purpose) and four times as many from one client address in an
hour, so codes cannot be used to flood a phone. ``is_verified(purpose, contact)`` tells a
service that the contact was proven for that purpose in the last ``VERIFIED_FOR``.

The contact's hash (:func:`contact_hash`) is what modules store to recognise the same person
without keeping the number: HMAC-SHA-256 with the secret key of the normalised contact
(a phone as +84…, an address in lower case).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import re
import secrets
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import ratelimit
from .errors import UserError
from .models import ContactCode

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
#: How long a verified contact may be used for its purpose (one sitting on the portal).
VERIFIED_FOR = dt.timedelta(hours=2)

_PHONE = re.compile(r"^(\+84|0)\d{9,10}$")
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# --- contacts -----------------------------------------------------------------------------------


def normalise_mobile(raw: str) -> str:
    """A Vietnamese mobile number as 0xxxxxxxxx, or "" when none was given."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    if not digits:
        return ""
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not _MOBILE.fullmatch(digits):
        raise UserError(_("The phone number is not valid (10 digits, for example 0912345678)."))
    return digits


def normalise_contact(contact: str, *, email: bool = True) -> str:
    """A phone number as +84… or (when ``email``) an e-mail address in lower case."""
    raw = (contact or "").strip()
    if "@" in raw:
        value = raw.lower()
        if email and _EMAIL.match(value) and len(value) <= 254:
            return value
    else:
        value = raw.lower().replace(" ", "").replace(".", "").replace("-", "")
        if _PHONE.match(value):
            return "+84" + value[1:] if value.startswith("0") else value
    if email:
        raise UserError(_("The phone number or e-mail address is not valid."))
    raise UserError(_("The phone number is not valid (10 digits, for example 0912345678)."))


def contact_hash(contact: str, *, email: bool = True) -> str:
    normal = normalise_contact(contact, email=email)
    return hmac.new(settings.SECRET_KEY.encode(), normal.encode(), hashlib.sha256).hexdigest()


def _code_hash(purpose: str, digest: str, code: str) -> str:
    message = f"{purpose}:{digest}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


# --- SMS backends -------------------------------------------------------------------------------


class SMSBackend(Protocol):
    def send(self, phone: str, message: str) -> None: ...


class LogSMSBackend:
    """No SMS gateway: the message is written to the log for the operator (the default)."""

    def send(self, phone: str, message: str) -> None:
        log.warning("SMS to %s…%s: %s", phone[:5], phone[-2:], message)


class LocmemSMSBackend:
    """Keeps the messages in :data:`outbox` (tests), as Django's locmem e-mail backend does."""

    def send(self, phone: str, message: str) -> None:
        outbox.append((phone, message))


#: Messages sent through :class:`LocmemSMSBackend`: (phone, text).
outbox: list[tuple[str, str]] = []


def send_sms(phone: str, message: str) -> None:
    backend: Any = import_string(settings.SMS_BACKEND)()
    backend.send(phone, message)


# --- codes --------------------------------------------------------------------------------------


def request_code(
    purpose: str, contact: str, *, subject: str, client: str = "?", email: bool = True, actor: Any
) -> str:
    """Send a new code for ``purpose`` to ``contact``; returns it (pages show it in DEBUG only).

    ``subject`` names what the code is for in the message («góp ý dự thảo»). ``actor`` is the
    party asking (``CITIZEN`` on the portal).
    """
    normal = normalise_contact(contact, email=email)
    digest = contact_hash(normal)
    limit = settings.VERIFICATION_CODES_PER_HOUR
    if ratelimit.hit(f"verify:contact:{digest[:32]}", limit) or ratelimit.hit(
        f"verify:client:{client}", limit * 4
    ):
        raise UserError(_("Too many verification codes were sent; please try again later."))
    code = f"{secrets.randbelow(1_000_000):06d}"
    now = timezone.now()
    minutes = settings.VERIFICATION_CODE_MINUTES
    with transaction.atomic():
        ContactCode.objects.create(
            purpose=purpose[:80],
            contact_hash=digest,
            code_hash=_code_hash(purpose, digest, code),
            created_at=now,
            expires_at=now + dt.timedelta(minutes=minutes),
        )
    text = _("Verification code for %(subject)s: %(code)s (valid for %(minutes)s minutes).") % {
        "subject": subject,
        "code": code,
        "minutes": minutes,
    }
    try:
        if "@" in normal:
            send_mail(_("Verification code"), text, settings.DEFAULT_FROM_EMAIL, [normal])
        else:
            send_sms(normal, text)
    except Exception:  # noqa: BLE001  (the citizen can ask for another code)
        log.warning("a verification code could not be sent (%s)", purpose, exc_info=True)
    return code


def verify_code(purpose: str, contact: str, code: str, *, email: bool = True, actor: Any) -> str:
    """The contact's hash when ``code`` is the latest unexpired code sent for ``purpose``.

    A wrong code counts against the code (``MAX_ATTEMPTS``), and that count is kept even though
    the call fails.
    """
    digest = contact_hash(contact, email=email)
    given = (code or "").strip()
    problem = ""
    with transaction.atomic():
        pending = (
            ContactCode.objects.select_for_update()
            .filter(purpose=purpose, contact_hash=digest, verified_at__isnull=True)
            .order_by("-created_at", "-id")
            .first()
        )
        if pending is None or pending.expires_at <= timezone.now():
            problem = _("The verification code has expired or was not sent; ask for a new code.")
        elif pending.attempts >= MAX_ATTEMPTS:
            problem = _("Too many wrong codes were entered; ask for a new code.")
        elif not hmac.compare_digest(pending.code_hash, _code_hash(purpose, digest, given)):
            pending.attempts += 1
            pending.save(update_fields=["attempts"])
            problem = _("The verification code is not correct.")
        else:
            pending.verified_at = timezone.now()
            pending.save(update_fields=["verified_at"])
    if problem:
        raise UserError(problem)
    return digest


def is_verified(purpose: str, contact: str, *, email: bool = True) -> bool:
    """Whether ``contact`` entered a right code for ``purpose`` in the last ``VERIFIED_FOR``."""
    digest = contact_hash(contact, email=email)
    return ContactCode.objects.filter(
        purpose=purpose,
        contact_hash=digest,
        verified_at__gte=timezone.now() - VERIFIED_FOR,
    ).exists()
