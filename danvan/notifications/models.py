"""In-app notifications with their e-mail copy, each sent once per recipient and key."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import TimestampedModel


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: object) -> NotificationQuerySet:
        """A notification belongs to its recipient alone: no role or scope widens this."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(TimestampedModel):
    """One message to one official: a reminder (đôn đốc), an overdue alert, a digest.

    ``key`` names what the message is about and when (``plans.task:42:due-in-7:2026-12-01``);
    the pair (recipient, key) is unique, so a reminder job that runs twice — or a task consumer
    that restarts halfway — never tells anyone the same thing twice.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField(pgettext_lazy("notification", "key"), max_length=200)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("content"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_wanted = models.BooleanField(_("also by e-mail"), default=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    # A consumer sending the e-mail holds the row for a while (a lease): one killed after
    # claiming leaves the e-mail to the retry job once the lease has run out, instead of
    # never sending it.
    email_claimed_at = models.DateTimeField(editable=False, null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
