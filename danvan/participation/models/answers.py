"""The shape every "answer it within N days" record of this app shares.

A Front recommendation after supervision, a people's board's finding and the Front's social
critique of a draft are each owed an answer in writing by a unit, by a date the law (or the
province) fixes from the day it was sent. One abstract model carries the due date, the answer,
who gave it and when, what "still owed" means for :mod:`danvan.core.obligations` (``open_q``)
and the derived states (overdue, answered on time); the records add what is their own.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.obligations import DueDateQuerySetMixin


class AnswerDueQuerySetMixin(DueDateQuerySetMixin):
    """``overdue()`` / ``due_soon()`` from the kernel, and the on-time answers."""

    def answered_on_time(self):  # type: ignore[no-untyped-def]
        return self.filter(  # type: ignore[attr-defined]
            answered_on__isnull=False, answered_on__lte=models.F("due_on")
        )


class AnswerDue(models.Model):
    due_date_field = "due_on"

    due_on = models.DateField(_("answer due on"), db_index=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    #: What "still owed" means for the obligation predicates (core.obligations).
    open_q = Q(answered_on__isnull=True)

    class Meta:
        abstract = True

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.answered_on is None and self.due_on < (today or timezone.localdate())

    @property
    def answered_on_time(self) -> bool:
        return self.answered_on is not None and self.answered_on <= self.due_on
