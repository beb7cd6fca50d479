"""The petitions demo on a small province: idempotent and with the promised cases."""

from __future__ import annotations

from django.utils import timezone

from danvan.orgs.models import OrgUnitKind
from danvan.petitions.demo import seed_petitions_demo
from danvan.petitions.models import Petition, ReceptionSchedule
from danvan.testing.factories import OrgUnitFactory


def test_demo_is_idempotent_and_realistic(db: None) -> None:
    province = OrgUnitFactory.create(
        name="UBND tỉnh Cao Bằng", kind=OrgUnitKind.PROVINCE, key="p04"
    )
    for i in range(6):
        OrgUnitFactory.create(
            name=f"UBND xã {i}", kind=OrgUnitKind.COMMUNE, key=f"w0400{i}", parent=province
        )
    created = seed_petitions_demo(count=120)
    assert created > 120
    assert seed_petitions_demo(count=120) == 0
    assert Petition.objects.count() == created
    today = timezone.localdate()
    assert Petition.objects.overdue(today).exists()
    assert Petition.objects.filter(case__isnull=False).exists()
    assert Petition.objects.filter(is_crowded=True).exists()
    assert Petition.objects.filter(escalated=True).exists()
    assert ReceptionSchedule.objects.filter(host_role="province_chairman").exists()
