"""The demo's yearly evaluation of Cao Bằng's communes and departments (called by ``danvan demo``
after the report figures, order 95): last year's scheme (the model scheme), every unit's points
computed from the demo's own data, a few manual criteria self-assessed with evidence, and an
appraisal that changes some points with reasons. The round is left at the appraisal, so the
standing agency can record the decision.

Idempotent: a province that already has last year's scheme is left as it is.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from danvan.accounts.models import User
from danvan.orgs.models import OrgUnit

from . import services
from .data.model_scheme import BANDS, BASIS, CAPS, GROUPS
from .models import Assessment, Criterion, Method, Scheme

PROVINCE, RUNNER, COMMUNE_OFFICER = "p04", "tinh.congchuc", "thucphan.congchuc"


def seed_evaluation_demo() -> int:
    province = OrgUnit.objects.filter(key=PROVINCE).first()
    runner = User.objects.filter(username=RUNNER).first()
    if province is None or runner is None:
        return 0
    year = timezone.localdate().year - 1
    if Scheme.objects.filter(owner=province, year=year).exists():
        return 0
    scheme = services.create_scheme(
        province,
        year,
        title="Đánh giá, xếp loại công tác dân vận chính quyền",
        basis=BASIS,
        groups=GROUPS,
        bands=BANDS,
        caps=CAPS,
        actor=runner,
    )
    services.open_round(scheme, scheme.version, actor=runner)
    manual = list(Criterion.objects.filter(group__scheme=scheme, method=Method.MANUAL))
    # Every unit fills its manual criteria with evidence; the first few are appraised lower.
    communer = User.objects.filter(username=COMMUNE_OFFICER).first()
    assessments = list(Assessment.objects.filter(scheme=scheme).select_related("unit", "scheme"))
    for n, a in enumerate(assessments):
        entries = {}
        for c in manual:
            if not c.applies_to(a.unit):
                continue
            share = Decimal("0.9") if c.kind == "standard" else Decimal("0.4")
            entries[c.pk] = {
                "points": (c.max_points * share).quantize(Decimal("1")),
                "evidence": f"Báo cáo số {10 + n}/BC-UBND ngày 05/12/{year} của đơn vị",
            }
        actor = communer if communer and a.unit.key == "w01273" else runner
        services.self_assess(
            a,
            entries,
            comment="Đơn vị tự đánh giá hoàn thành tốt nhiệm vụ.",
            version=a.version,
            actor=actor,
        )
    scheme.refresh_from_db()
    services.start_appraisal(scheme, scheme.version, actor=runner)
    # The appraisal team lowers the propaganda point of the first few units, with its reason.
    propaganda = next((c for c in manual if c.code == "TT"), None)
    for a in assessments[:3]:
        if propaganda is None:
            break
        a.refresh_from_db()
        services.appraise(
            a,
            propaganda.pk,
            propaganda.max_points / 2,
            "Minh chứng tuyên truyền chưa đủ: thiếu kế hoạch và báo cáo kết quả của đơn vị.",
            version=a.version,
            actor=runner,
        )
    return len(assessments)
