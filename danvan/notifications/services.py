"""Sending notifications: in-app first (the record of what was said), then e-mail.

Exactly once per (recipient, key): the database's unique constraint decides, not the caller.
E-mail goes out after the transaction commits; a row whose e-mail did not go (SMTP down, consumer
killed) is retried by ``tasks.send_pending_emails`` until it does.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from danvan.core import stamps
from danvan.core.stamps import StampedCache

from .models import Notification

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.orgs.models import OrgUnit

log = logging.getLogger(__name__)


#: Roles granting a permission, per permission: read on every notification, changed a few times a
#: year; kept while the access stamp (roles, assignments, officials) is unchanged.
_roles_granting: StampedCache[tuple[int, ...]] = StampedCache(stamps.ACCESS, maxsize=1024)


def roles_granting(permission: str) -> tuple[int, ...]:
    """Ids of the roles whose patterns grant ``permission`` (cached, see ``_roles_granting``)."""
    from danvan.accounts.models import Role
    from danvan.core.scoping import permission_matches

    def load() -> tuple[int, ...]:
        return tuple(
            pk
            for pk, patterns in Role.objects.values_list("pk", "permissions")
            if permission_matches(patterns, permission)
        )

    return _roles_granting.get(permission, load)


def officials_holding(permission: str, unit: OrgUnit, *, every_level: bool = False) -> list[User]:
    """Who should hear about ``unit`` in a matter that needs ``permission``.

    The active officials holding the permission at the nearest level: those assigned at the
    unit itself, or, when nobody there holds it, those at the closest unit above whose grant
    covers the units below. A commune's returned report goes to the commune's own officers,
    not to every provincial leader whose scope happens to include the commune. With
    ``every_level`` the holders at every level whose grant covers the unit hear of it (a
    candidate hotspot concerns the commune's leaders and the province's alike).

    ``unit`` is the unit in hand; a caller holding a unit that may have been merged away
    passes ``orgs.succession.carrier_of(unit)``, the unit that answers for it now.
    """
    from danvan.accounts.models import RoleAssignment, User
    from danvan.orgs.paths import SEGMENT_WIDTH

    roles = roles_granting(permission)
    if not roles:
        return []
    ancestors = [unit.path[:i] for i in range(SEGMENT_WIDTH, len(unit.path), SEGMENT_WIDTH)]
    rows = (
        RoleAssignment.objects.current()
        .filter(role_id__in=roles, user__is_active=True)
        .filter(Q(org_unit_id=unit.pk) | Q(include_subtree=True, org_unit__path__in=ancestors))
        .values_list("user_id", "org_unit__path")
    )
    by_level: dict[str, set[int]] = {}
    for user_id, path in rows:
        by_level.setdefault(path, set()).add(user_id)
    if not by_level:
        return []
    if every_level:
        chosen = set().union(*by_level.values())
    else:
        chosen = by_level[max(by_level, key=len)]
    return list(User.objects.filter(pk__in=chosen).order_by("pk"))


def notify(
    key: str,
    recipients: Iterable[User],
    subject: str,
    body: str,
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Tell each recipient once about ``key``; returns the notifications created by this call.

    Recipients who already have a notification with this key are skipped, so periodic jobs can
    call this on every run without keeping state of their own.
    """
    created: list[Notification] = []
    for recipient in {r.pk: r for r in recipients}.values():
        if Notification.objects.filter(recipient=recipient, key=key).exists():
            continue
        try:
            # A savepoint, so that losing a race to a concurrent consumer (the unique constraint)
            # does not break the caller's transaction.
            with transaction.atomic():
                note = Notification.objects.create(
                    recipient=recipient,
                    key=key,
                    subject=subject[:300],
                    body=body,
                    url=url,
                    email_wanted=email and bool(recipient.email),
                )
        except IntegrityError:
            continue
        created.append(note)
    wanted = [n.pk for n in created if n.email_wanted]
    if wanted:
        transaction.on_commit(lambda: send_emails(wanted))
    return created


def claimable(now: dt.datetime | None = None) -> Q:
    """Rows whose e-mail nobody is sending: never claimed, or the claim's lease ran out."""
    lease = dt.timedelta(seconds=settings.NOTIFICATIONS_EMAIL_LEASE_SECONDS)
    return Q(email_claimed_at__isnull=True) | Q(
        email_claimed_at__lt=(now or timezone.now()) - lease
    )


def send_emails(notification_ids: Iterable[int]) -> int:
    """E-mail the given notifications that have not gone yet; returns how many went.

    Each row is claimed before sending (of two consumers racing on it, only one sends) and
    marked sent after; a consumer killed in between leaves a claim whose lease runs out, and
    the retry job sends it then. Every message carries a Message-ID made from the row, so the
    one case left — killed after the mail server took it, before the row was marked — reaches
    the official's mail program as the same message, not a second one.
    """
    from django.core.mail import EmailMessage

    sent = 0
    pending = Notification.objects.filter(
        pk__in=list(notification_ids), email_wanted=True, emailed_at__isnull=True
    ).select_related("recipient")
    domain = urlsplit(settings.SITE_URL).hostname or "danvan.local"
    for note in pending:
        now = timezone.now()
        claimed = (
            Notification.objects.filter(pk=note.pk, emailed_at__isnull=True)
            .filter(claimable(now))
            .update(email_claimed_at=now)
        )
        if not claimed:
            continue
        link = f"\n\n{settings.SITE_URL.rstrip('/')}{note.url}" if note.url else ""
        message = EmailMessage(
            note.subject,
            note.body + link,
            settings.DEFAULT_FROM_EMAIL,
            [note.recipient.email],
            headers={"Message-ID": f"<notification-{note.pk}@{domain}>"},
        )
        try:
            message.send()
        except Exception:  # noqa: BLE001  (any mail failure: release the claim, retry later)
            log.warning("e-mail for notification %s failed; will retry", note.pk, exc_info=True)
            Notification.objects.filter(pk=note.pk).update(email_claimed_at=None)
            continue
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def mark_read(user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when no ids are given)."""
    with transaction.atomic():
        mine = Notification.objects.for_user(user).unread()
        if notification_ids is not None:
            mine = mine.filter(pk__in=list(notification_ids))
        return mine.update(read_at=timezone.now())


def mark_unread(user: User, notification_id: int) -> int:
    with transaction.atomic():
        return Notification.objects.for_user(user).filter(pk=notification_id).update(read_at=None)


def send_pending() -> int:
    """Send the e-mails that did not go when their notification was created (retry job)."""
    now = timezone.now()
    # Leave a moment to the on-commit send of the request that created them.
    settled = now - dt.timedelta(seconds=settings.NOTIFICATIONS_EMAIL_LEASE_SECONDS)
    pending = (
        Notification.objects.filter(email_wanted=True, emailed_at__isnull=True)
        .filter(created_at__lt=settled)
        .filter(claimable(now))
        .values_list("pk", flat=True)[:500]
    )
    return send_emails(list(pending))
