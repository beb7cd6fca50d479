"""Periodic reports owed by a date, registered with the kernel's one reminder job.

For every active form, each period whose due date falls in the job's window, each unit that must
report for it (the units existing when the period's data end, so a commune merged away still
owes the periods it existed in; the kernel reminds its successor, ``orgs.succession.carrier_of``)
and that has not sent it yet. The reminder window is the form's own ``reminder_days``. Keys keep
the former ``reporting.tasks`` format (``…:before`` / ``…:overdue``), so a live database is
not reminded again of what that job already sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.obligations import ObligationKind, Owed, register

from .models import ReportForm, Submission
from .periods import periods_between

#: Forms may set up to this many reminder days and still be reminded on time.
LOOKAHEAD_DAYS = 62


def unsent_reports(start: dt.date, end: dt.date) -> Iterable[Owed]:
    for form in ReportForm.objects.filter(active=True).select_related("recipient"):
        # A period's due date comes after its data end: look back far enough for the end.
        for period in periods_between(form, start - dt.timedelta(days=LOOKAHEAD_DAYS), end):
            if not start <= period.due <= end:
                continue
            done = set(
                Submission.objects.filter(form=form, period=period.code)
                .exclude(first_submitted_at__isnull=True)
                .values_list("unit_id", flat=True)
            )
            for unit in form.assigned_units(period.end).exclude(pk__in=done):
                yield Owed(
                    item_key=f"{form.pk}:{unit.pk}:{period.code}",
                    unit=unit,
                    due_on=period.due,
                    title=_("Report «%(form)s», %(period)s")
                    % {"form": form.name, "period": period.title},
                    url=reverse("reporting:entry", args=[form.pk, unit.pk, period.code]),
                    reminder_days=(form.reminder_days,),
                )


REPORTS = register(
    ObligationKind(
        key="reporting.submission",
        label=gettext_lazy("periodic report"),
        permission="reporting.change_submission",
        owed=unsent_reports,
        reminder_days=(3,),
        lookahead_days=LOOKAHEAD_DAYS,
        notification_key=lambda item, slot: (
            f"reporting.reminder:{item.item_key}:{'overdue' if slot == 'overdue' else 'before'}"
        ),
    )
)
