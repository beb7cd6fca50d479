"""Who is told when a report moves: the recipient's reviewers, then the reporting unit.

Each occasion has its own key (the submission and the version the move produced), so a report
returned twice tells the unit twice, and a retried request never tells it twice about one move.
"""

from __future__ import annotations

from django.urls import reverse

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

    notify(
        f"reporting.submitted:{submission.pk}:{submission.version}",
        officials_holding("reporting.approve_submission", submission.form.recipient),
        f"Báo cáo chờ duyệt: {_title(submission)}",
        f"{submission.unit.display_name} đã gửi báo cáo; hạn nộp {submission.due_on:%d/%m/%Y}.",
        url=reverse("reporting:review", args=[submission.pk]),
    )


def report_reviewed(submission: Submission) -> None:
    """A report was returned or approved: tell the unit's officials who fill it in."""
    from danvan.notifications.services import notify, officials_holding

    if submission.status == "returned":
        subject = f"Báo cáo bị trả lại để sửa: {_title(submission)}"
        body = f"Nội dung cần sửa: {submission.review_comment}"
    else:
        subject = f"Báo cáo đã được phê duyệt: {_title(submission)}"
        body = submission.review_comment or "Báo cáo đã được phê duyệt và khóa."
    notify(
        f"reporting.{submission.status}:{submission.pk}:{submission.version}",
        officials_holding("reporting.change_submission", submission.unit),
        subject,
        body,
        url=_entry_url(submission),
    )
