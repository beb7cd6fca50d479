"""Domain operations on officials, role assignments and API tokens."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core import stamps
from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import forget_cached_scope
from danvan.core.stamps import StampedCache
from danvan.orgs.models import OrgUnit

from .models import ApiToken, Role, RoleAssignment, User, hash_token, new_token_value


def create_official(
    *,
    username: str,
    password: str | None,
    org_unit: OrgUnit | None,
    full_name: str = "",
    position: str = "",
    email: str = "",
    actor: Any,
    check_password: bool = True,
) -> User:
    """Create an official's account in ``org_unit``; ``password=None`` leaves it unusable."""
    username = username.strip()
    if not username:
        raise UserError(_("The user name must not be empty."))
    with transaction.atomic(), acting_as(actor):
        if User.objects.filter(username__iexact=username).exists():
            raise UserError(
                _("The user name «%(username)s» is already taken.") % {"username": username}
            )
        user = User(
            username=username,
            full_name=full_name,
            position=position,
            email=email,
            org_unit=org_unit,
        )
        if password is None:
            user.set_unusable_password()
        else:
            if check_password:
                try:
                    validate_password(password, user)
                except ValidationError as exc:
                    raise UserError(" ".join(exc.messages)) from None
            user.set_password(password)
        user.save()
    return user


def assign_role(
    user: User,
    role_code: str,
    org_unit: OrgUnit,
    *,
    include_subtree: bool = True,
    valid_until: dt.date | None = None,
    actor: Any,
) -> RoleAssignment:
    """Give ``user`` a role at ``org_unit`` (and below it, unless ``include_subtree`` is off)."""
    try:
        role = Role.objects.get(code=role_code)
    except Role.DoesNotExist:
        raise UserError(_("There is no role «%(role)s».") % {"role": role_code}) from None
    with transaction.atomic(), acting_as(actor):
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user,
            role=role,
            org_unit=org_unit,
            defaults={"include_subtree": include_subtree, "valid_until": valid_until},
        )
        if not created and (
            assignment.include_subtree != include_subtree or assignment.valid_until != valid_until
        ):
            assignment.include_subtree = include_subtree
            assignment.valid_until = valid_until
            assignment.save()
    forget_cached_scope(user)
    return assignment


def revoke_role(assignment: RoleAssignment, *, actor: Any) -> None:
    """End a role assignment (the audit log keeps what it was)."""
    with transaction.atomic(), acting_as(actor):
        assignment.delete()
    forget_cached_scope(assignment.user)


def issue_token(
    user: User, name: str, *, expires_at: dt.datetime | None = None, actor: Any
) -> tuple[ApiToken, str]:
    """Issue an API token for ``user``; returns the record and the token, shown only once."""
    if not name.strip():
        raise UserError(
            _("Give the access token a name (for example the name of the system that will use it).")
        )
    raw = new_token_value()
    with transaction.atomic(), acting_as(actor):
        token = ApiToken.objects.create(
            user=user,
            name=name.strip(),
            prefix=raw[:10],
            key_hash=hash_token(raw),
            expires_at=expires_at,
        )
    return token, raw


def revoke_token(token: ApiToken, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


@dataclass
class _TokenGrant:
    """What a token lookup yields, kept per process while accounts are unchanged."""

    token_id: int
    user: User
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None


_tokens: StampedCache[_TokenGrant | None] = StampedCache(stamps.ACCESS, maxsize=10_000)


def _load_token(key_hash: str) -> _TokenGrant | None:
    token = ApiToken.objects.usable().filter(key_hash=key_hash).select_related("user").first()
    if token is None:
        return None
    return _TokenGrant(token.pk, token.user, token.expires_at, token.last_used_at)


def user_for_token(raw: str) -> User | None:
    """The active owner of a usable token, or None. Marks the token as used (at most hourly).

    The lookup is kept per process until an account, role or token changes anywhere
    (:mod:`danvan.core.stamps`), so a revoked token stops working at the next request; each
    caller gets its own copy of the owner.
    """
    if not raw.startswith("dv_"):
        return None
    key_hash = hash_token(raw)
    grant = _tokens.get(key_hash, lambda: _load_token(key_hash))
    now = timezone.now()
    if grant is None or not grant.user.is_active:
        return None
    if grant.expires_at is not None and grant.expires_at <= now:
        return None
    if grant.last_used_at is None or now - grant.last_used_at > dt.timedelta(hours=1):
        # A plain UPDATE: usage stamps are bookkeeping, not domain changes worth an audit entry.
        ApiToken.objects.filter(pk=grant.token_id).update(last_used_at=now)
        grant.last_used_at = now
    return copy.copy(grant.user)


def requires_two_factor(user: User) -> bool:
    """Whether the user must sign in with a second factor.

    A superuser can do everything everywhere, so a password alone never suffices; other
    officials need it when one of their roles says so.
    """
    if user.is_superuser:
        return True
    return (
        RoleAssignment.objects.current().filter(user=user, role__require_two_factor=True).exists()
    )


TOTP_DEVICE_NAME = "Ứng dụng xác thực"


def new_totp_key() -> str:
    """A fresh TOTP secret (hex), kept by the caller until the official confirms it."""
    from django_otp.util import random_hex

    return random_hex(20)


def pending_totp_device(user: User, key: str) -> TOTPDevice:
    """An unsaved device for ``key``: what the set-up page shows (QR code and secret).

    Nothing is stored before the official proves the app works, so opening the page (a GET)
    writes nothing, and the secret stays the same until it is confirmed.
    """
    return TOTPDevice(user=user, key=key, name=TOTP_DEVICE_NAME, confirmed=True)


def confirm_totp(user: User, key: str, code: str, *, actor: Any) -> bool:
    """Store the authenticator for ``key`` if ``code`` is its current code; others are removed."""
    from django_otp.oath import TOTP

    device = pending_totp_device(user, key)
    digits = code.strip().replace(" ", "")
    if not digits.isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not totp.verify(int(digits), device.tolerance):
        return False
    with transaction.atomic(), acting_as(actor):
        TOTPDevice.objects.filter(user=user).delete()
        device.last_t = totp.t()  # the code just used cannot be replayed at sign-in
        device.save()
    return True


def remove_two_factor(user: User, *, actor: Any) -> None:
    with transaction.atomic(), acting_as(actor):
        TOTPDevice.objects.filter(user=user).delete()
