"""The demo loader runs through the services and is idempotent."""

from __future__ import annotations

from django.utils import timezone

from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import official

from ..compliance import unit_year
from ..demo import seed_participation_demo
from ..models import (
    BoardFinding,
    Comment,
    CoordinationProgramme,
    Disclosure,
    InspectionPlan,
    PeopleDecision,
    SocialCritique,
    SupervisionRecommendation,
    VillageHeadTerm,
    YearEndMeeting,
)


def test_demo_year(db: None) -> None:
    province = OrgUnitFactory.create(
        name="Ủy ban nhân dân tỉnh Cao Bằng", kind="province", key="p04"
    )
    ward = OrgUnitFactory.create(
        name="Ủy ban nhân dân phường Thục Phán", kind="commune", key="w01273", parent=province
    )
    OrgUnitFactory.create(
        name="Ủy ban MTTQ phường Thục Phán", kind="front", key="w01273.mttq", parent=ward
    )
    official("officer", ward, username="thucphan.congchuc")
    official("front_supervisor", ward, username="thucphan.mttq")
    official("officer", province, username="tinh.congchuc")
    assert seed_participation_demo() > 0
    assert seed_participation_demo() == 0
    year = unit_year(ward, timezone.localdate().year)
    assert year.missing and year.too_short and year.late and year.no_radio
    # Each demo disclosure sits under the khoản of Điều 11 that names its subject.
    subjects = {
        d.title.split(" năm")[0]: d.item.number for d in Disclosure.objects.select_related("item")
    }
    assert subjects  # the first disclosures of the year are made in January
    assert subjects.get("Thủ tục hành chính thuộc thẩm quyền của phường", 13) == 13
    assert subjects.get("Danh sách hộ nghèo, cận nghèo", 7) == 7  # (early in a year: not yet)
    assert subjects.get("Mức thu phí, lệ phí do phường trực tiếp thu", 12) == 12
    results = sorted(d.tally().passed for d in PeopleDecision.objects.all())
    assert results == [False, True]
    assert Comment.objects.count() == 34 and Comment.objects.filter(status="rejected").count() == 2
    assert SupervisionRecommendation.objects.overdue().count() == 2
    assert BoardFinding.objects.overdue().count() == 1
    assert BoardFinding.objects.filter(inspection_plan__in=InspectionPlan.objects.all()).exists()
    assert VillageHeadTerm.objects.exists()
    critiques = SocialCritique.objects.all()
    assert critiques.count() == 2 and critiques.overdue().count() == 1
    assert [c.received_in_time() for c in critiques.order_by("draft_received_on")] == [True, False]
    assert YearEndMeeting.objects.filter(held_on__year=timezone.localdate().year - 1).count() == 1
    assert set(CoordinationProgramme.objects.values_list("owner__key", flat=True)) == {
        "p04",
        "w01273",
    }
