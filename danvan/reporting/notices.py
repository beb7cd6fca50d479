"""Who is told when a report moves: the recipient's reviewers, then the reporting unit.

Each occasion has its own key (the submission and the version the move produced), so a report
returned twice tells the unit twice, and a retried request never tells it twice about one move.
Messages are in the site's language (gettext), whatever the request's.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Submission
from .periods import period_for


def _title(submission: Submission) -> str:
    period = period_for(submission.form, submission.period)
    return f"{submission.form.name} – {period.title} – {submission.unit.display_name}"


def _entry_url(submission: Submission) -> str:
    return reverse(
        "reporting:entry", args=[submission.form_id, submission.unit_id, submission.period]
    )


def report_submitted(submission: Submission) -> None:
    """A report waits for review: tell the officials who review for the recipient."""
    from danvan.notifications.services import notify, officials_holding

    with translation.override(settings.LANGUAGE_CODE):
        notify(
            f"reporting.submitted:{submission.pk}:{submission.version}",
            officials_holding("reporting.approve_submission", submission.form.recipient),
            _("Report waiting for review: %(title)s") % {"title": _title(submission)},
            _("%(unit)s has sent its report; it was due on %(due)s.")
            % {"unit": submission.unit.display_name, "due": f"{submission.due_on:%d/%m/%Y}"},
            url=reverse("reporting:review", args=[submission.pk]),
        )


def report_reviewed(submission: Submission) -> None:
    """A report was returned or approved: tell the unit's officials who fill it in."""
    from danvan.notifications.services import notify, officials_holding

    with translation.override(settings.LANGUAGE_CODE):
        values = {"title": _title(submission), "comment": submission.review_comment}
        if submission.status == "returned":
            subject = _("Report returned for correction: %(title)s") % values
            body = _("To correct: %(comment)s") % values
        else:
            subject = _("Report approved: %(title)s") % values
            body = submission.review_comment or _("The report was approved and locked.")
        notify(
            f"reporting.{submission.status}:{submission.pk}:{submission.version}",
            officials_holding("reporting.change_submission", submission.unit),
            subject,
            body,
            url=_entry_url(submission),
        )
