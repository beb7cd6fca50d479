"""Events reach the officials they concern, once each, with no job having to run first."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.accounts.models import User
from danvan.core.obligations import remind
from danvan.notifications.models import Notification
from danvan.notifications.services import officials_holding
from danvan.petitions.casework import services as petition_services
from danvan.petitions.tests.factories import make_petition
from danvan.plans.cascade import cascade_plan
from danvan.plans.services import create_plan
from danvan.reporting.services import approve, return_submission, submit_values
from danvan.reporting.tests.factories import make_form
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.django_db


def send_due_soon_alerts(today: dt.date) -> int:
    """The petitions' reminders of the kernel's daily job (``petitions.obligations``)."""
    return remind(today, only=["petitions.step"])["petitions.step"]


def inbox(user: User) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def test_recipients_are_the_nearest_officials_holding_the_permission(
    tree: Tree, province_officer: User, commune_officer: User
) -> None:
    viewer = official("viewer", tree.commune, username="xa.xem")
    assert officials_holding("reporting.change_submission", tree.commune) == [commune_officer]
    # Nobody at the other commune: the province's officer, whose grant covers it, is told.
    assert officials_holding("reporting.change_submission", tree.other_commune) == [
        province_officer
    ]
    assert viewer not in officials_holding("reporting.change_submission", tree.commune)


def test_a_report_tells_its_reviewers_then_its_unit(
    tree: Tree, province_officer: User, commune_officer: User
) -> None:
    form = make_form(tree)
    values = {"officials_total": "20", "trained": "12", "models": "2", "satisfaction": "85",
              "has_plan": "yes"}  # fmt: skip
    sub = submit_values(form, tree.commune, "2026-03", values=values, send=True)
    assert [s for s in inbox(province_officer) if s.startswith("Báo cáo chờ duyệt")]
    sub = return_submission(sub, version=sub.version, comment="Bổ sung số mô hình.")
    assert any("trả lại" in s for s in inbox(commune_officer))
    sub = submit_values(
        form, tree.commune, "2026-03", values={"models": "3"}, send=True, version=sub.version
    )
    approve(sub, version=sub.version)
    assert any("phê duyệt" in s for s in inbox(commune_officer))
    assert len([s for s in inbox(province_officer) if s.startswith("Báo cáo chờ duyệt")]) == 2


def test_a_petition_tells_its_officer_its_new_unit_and_its_handlers_before_the_deadline(
    tree: Tree,
) -> None:
    clerk = official("reception_officer", tree.commune, username="xa.tiepdan")
    handler = official("reception_officer", tree.commune, username="xa.tiepdan2")
    receiver = official("reception_officer", tree.other_commune, username="xa2.tiepdan")
    petition = make_petition(clerk, tree.commune, received_on=dt.date(2026, 3, 2))
    petition = petition_services.classify(
        clerk, petition,
        petition_services.Classification(kind="complaint", eligible=True, competence="within",
                                         assigned_officer=handler),
        petition.version, on=dt.date(2026, 3, 3),
    )  # fmt: skip
    assert inbox(handler) == [f"Bạn được giao xử lý đơn {petition.tracking_code}"]
    due = petition.due_on
    assert due is not None
    assert send_due_soon_alerts(due - dt.timedelta(days=1)) == 1
    assert send_due_soon_alerts(due) == 0  # once per deadline
    assert any("đến hạn" in s and petition.tracking_code in s for s in inbox(handler))

    other = make_petition(clerk, tree.commune, received_on=dt.date(2026, 3, 2), title="Việc khác")
    other = petition_services.classify(
        clerk, other,
        petition_services.Classification(kind="feedback", eligible=True, competence="transfer",
                                         transfer_to=tree.other_commune),
        other.version, on=dt.date(2026, 3, 3),
    )  # fmt: skip
    petition_services.transition(clerk, other, "transferred", other.version, on=dt.date(2026, 3, 4))
    assert any(other.tracking_code in s for s in inbox(receiver))
    assert not any(other.tracking_code in s for s in inbox(handler))


def test_a_cascade_tells_each_addressed_unit_once_committed(
    tree: Tree, commune_officer: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from django.db import transaction

    plan = create_plan(
        owner=tree.province, title="Công tác dân vận chính quyền năm 2026", number="9/KH-UBND",
        year_from=2026, issued_on=dt.date(2026, 1, 20),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                cascade_plan(plan, kinds=["commune"], due_on=dt.date(2026, 2, 28))
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == [] and not inbox(commune_officer)  # nothing announced on rollback
    with django_capture_on_commit_callbacks(execute=True):
        cascade_plan(plan, kinds=["commune"], due_on=dt.date(2026, 2, 28))
    assert len(inbox(commune_officer)) == 1
    assert "trước ngày 28/02/2026" in inbox(commune_officer)[0]


def test_events_go_in_app_always_by_e_mail_where_there_is_one_and_once(
    tree: Tree, commune_officer: User, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from django.utils import translation

    from danvan.reporting.notices import report_submitted

    with_mail = official("officer", tree.province, username="tinh.email", email="cc@tinh.gov.vn")
    without = official("officer", tree.province, username="tinh.khongmail")
    form = make_form(tree)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        sub = submit_values(form, tree.commune, "2026-03", values={"models": "2"}, send=True)
        report_submitted(sub)  # a retried request: the same move, nothing new
    for person in (with_mail, without):
        assert [s for s in inbox(person) if s.startswith("Báo cáo chờ duyệt")] != []
        assert Notification.objects.filter(recipient=person).count() == 1
    assert [m.to for m in mailoutbox] == [["cc@tinh.gov.vn"]]
    assert mailoutbox[0].subject.startswith("Báo cáo chờ duyệt")
    assert not inbox(commune_officer)  # the sender's own unit is not a reviewer
