"""``danvan demo`` on the real Cao Bằng tree: what a newcomer sees after ``make run``.

The whole demo runs once here (about ten seconds), then again to show that a second
``make run`` creates nothing and keeps every promised case in place.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.utils import timezone

from danvan.accounts.models import User
from danvan.dialogues.models import Dialogue, FollowUpAction
from danvan.hotspots.services import visible_candidates
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.petitions.models import Petition, ReceptionSchedule
from danvan.plans.models import Plan
from danvan.reporting.models import Submission


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The demo loaded once for this module's tests (its own transaction, rolled back after)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = io.StringIO()
            call_command("demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_output: str, db: None) -> str:
    return demo_output


def test_the_demo_prints_the_logins_of_every_level(demo: str) -> None:
    for username in ("admin", "tinh.lanhdao", "sonoivu.congchuc", "thucphan.tiepdan"):
        assert username in demo
    assert "danvan-demo-2026" in demo
    assert User.objects.get(username="thucphan.tiepdan").check_password("danvan-demo-2026")


def test_the_province_is_cao_bang_with_its_real_communes(demo: str) -> None:
    province = OrgUnit.objects.get(key="p04")
    assert "Cao Bằng" in province.name
    communes = OrgUnit.objects.current().subtree(province).filter(kind=OrgUnitKind.COMMUNE)
    assert communes.count() >= 50
    assert communes.filter(name__contains="Thục Phán").exists()


def test_a_year_of_petitions_with_the_promised_cases(demo: str) -> None:
    today = timezone.localdate()
    petitions = Petition.objects.all()
    assert 250 <= petitions.count() <= 600
    assert petitions.filter(received_on__lt=today - dt.timedelta(days=300)).exists()
    places = petitions.exclude(place=None).values("place").distinct().count()
    assert places >= 20
    assert petitions.overdue(today).count() >= 5
    assert petitions.filter(case__isnull=False).count() >= 5  # repeats linked to their case
    assert petitions.filter(is_crowded=True, crowd_size__gte=5).exists()
    assert petitions.filter(escalated=True).exists()
    assert set(petitions.values_list("kind", flat=True)) >= {
        "complaint",
        "denunciation",
        "recommendation",
        "feedback",
    }


def test_leaders_reception_days_are_scheduled_and_published(demo: str) -> None:
    roles = set(
        ReceptionSchedule.objects.filter(is_published=True).values_list("host_role", flat=True)
    )
    assert {"province_chairman", "commune_chairman", "agency_head"} <= roles


def test_the_provincial_leader_sees_a_hotspot_candidate(demo: str) -> None:
    leader = User.objects.get(username="tinh.lanhdao")
    candidates = visible_candidates(leader)
    assert candidates, "the demo promises one hotspot (a compensation cluster in one commune)"
    assert any(c.topic is not None and c.topic.code == "boi-thuong-gpmb" for c in candidates)


def test_dialogues_plans_and_reports_are_there(demo: str) -> None:
    assert Dialogue.objects.count() >= 3
    assert FollowUpAction.objects.count() >= 5
    assert Plan.objects.count() >= 10
    assert Submission.objects.count() >= 100


def test_a_second_run_creates_nothing(demo: str) -> None:
    counts = (Petition.objects.count(), Dialogue.objects.count(), Submission.objects.count())
    users = User.objects.count()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert (
        Petition.objects.count(),
        Dialogue.objects.count(),
        Submission.objects.count(),
    ) == counts
    assert User.objects.count() == users
    assert "tinh.lanhdao" in out.getvalue()


def test_past_reports_agree_with_the_petitions_the_platform_holds(demo: str) -> None:
    """The demo's reports take petition and reception figures from the demo's own data."""
    from danvan.reporting.models import DataValue
    from danvan.reporting.services import system_figures

    values = DataValue.objects.filter(
        element__source="petitions.received", value__gt=0
    ).select_related("submission__form", "submission__unit")
    assert values.exists()
    for value in values[:20]:
        figures = system_figures(value.submission, [value.element])
        assert figures[value.element.code] == value.value


def test_so_noi_vu_reviews_the_communes_reports_addressed_to_it(demo: str) -> None:
    """The demo's dân vận reports name Sở Nội vụ as recipient; its officer reviews them although
    the communes are not below it, and the waiting count is the whole queue."""
    import re

    from django.test import Client

    from danvan.reporting.models import ReportForm

    agency = OrgUnit.objects.get(key="p04.so-noi-vu")
    forms = ReportForm.objects.filter(code__startswith="bc_dvcq_")
    assert forms.count() == 4 and set(forms.values_list("recipient_id", flat=True)) == {agency.pk}
    waiting = Submission.objects.filter(status="submitted", form__in=forms)
    sub = waiting.filter(unit__kind="commune").order_by("pk").first()
    assert sub is not None and not sub.unit.path.startswith(agency.path)
    client = Client()
    client.force_login(User.objects.get(username="sonoivu.congchuc"))
    page = client.get(f"/reporting/submissions/{sub.pk}/")
    assert page.status_code == 200 and "Phê duyệt" in page.content.decode()
    queue = client.get("/reporting/review/").content.decode()
    shown = re.search(r'<p id="queue-count">(\d[\d.]*) ', queue)
    assert shown and int(shown.group(1).replace(".", "")) == waiting.count() > 50
    completeness = client.get(f"/reporting/forms/{sub.form_id}/completeness/")
    assert completeness.status_code == 200 and "Cao Bằng" in completeness.content.decode()
    client.post(f"/reporting/submissions/{sub.pk}/", {"action": "approve", "version": sub.version})
    sub.refresh_from_db()
    assert sub.status == "approved"
    # The commune's own officer still reads only its own reports.
    commune = Client()
    commune.force_login(User.objects.get(username="thucphan.congchuc"))
    own = OrgUnit.objects.get(key="w01273")
    mine = Submission.objects.filter(unit=own, form__in=forms).first()
    assert mine is not None
    assert commune.get(f"/reporting/submissions/{mine.pk}/").status_code == 200
    other = waiting.exclude(unit__path__startswith=own.path).order_by("pk").last()
    assert other is not None
    assert commune.get(f"/reporting/submissions/{other.pk}/").status_code == 404


def test_the_demo_went_through_the_services_so_officials_have_notifications(demo: str) -> None:
    """Demo rows are written by the services as the platform: audit entries without an
    official, workflow events, and the notifications the events send (issue #11: a fresh demo
    used to have none)."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from danvan.notifications.models import Notification
    from danvan.petitions.models import PetitionEvent

    notified = Notification.objects.exclude(recipient=None)
    assert notified.filter(key__startswith="petitions.assigned:").exists()
    assert notified.filter(key__startswith="petitions.transferred:").exists()
    # Several demo officials have something waiting for them when they sign in.
    assert notified.values("recipient").distinct().count() >= 3
    petition_type = ContentType.objects.get_for_model(Petition)
    created = LogEntry.objects.filter(content_type=petition_type, action=LogEntry.Action.CREATE)
    assert created.count() == Petition.objects.count()
    assert not created.filter(actor__isnull=False).exists()  # written as the platform («Hệ thống»)
    moved = Petition.objects.exclude(state="received").first()
    assert moved is not None
    assert PetitionEvent.objects.filter(petition=moved).count() >= 2
    # No demo text carries a marker such as «[demo]».
    from danvan.hotspots.models import OpinionSignal

    assert not OpinionSignal.objects.filter(summary__contains="[demo]").exists()
