"""Demo inspection of Cao Bằng (order 80): this year's plan, a round of two communes with a
team from several bodies, findings (one closed, one overdue, one open). Idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .models import InspectionPlan
from .services import (
    add_finding,
    close_finding,
    conclude_round,
    create_plan,
    create_round,
    report_on_finding,
)

TITLE = "Kế hoạch kiểm tra, giám sát việc thực hiện công tác dân vận chính quyền"


@transaction.atomic
def seed_inspections_demo() -> int:
    actor = User.objects.filter(username="tinh.congchuc").first()
    commune_actor = User.objects.filter(username="thucphan.congchuc").first()
    province = OrgUnit.objects.filter(key="p04").first()
    if actor is None or commune_actor is None or province is None:
        return 0
    today = timezone.localdate()
    if InspectionPlan.objects.filter(title=TITLE, year=today.year).exists():
        return 0
    thuc_phan = OrgUnit.objects.get(key="w01273")
    other = (
        OrgUnit.objects.filter(parent=province, kind=OrgUnitKind.COMMUNE, valid_to__isnull=True)
        .exclude(pk=thuc_phan.pk)
        .order_by("path")
        .first()
    )
    units = [u for u in (thuc_phan, other) if u is not None]
    plan = create_plan(
        province,
        year=today.year,
        title=TITLE,
        basis="Quy chế công tác dân vận của hệ thống chính trị",
        actor=actor,
    )
    starts = max(dt.date(today.year, 1, 2), today - dt.timedelta(days=90))
    round_ = create_round(
        plan,
        title="Kiểm tra công tác dân vận chính quyền tại cơ sở",
        units=units,
        starts_on=starts,
        ends_on=starts + dt.timedelta(days=2),
        notice_sent_on=starts - dt.timedelta(days=1),
        team=[
            {"name": "Hoàng Văn Sơn", "body": "Ban Dân vận Tỉnh ủy", "role": "Trưởng đoàn"},
            {"name": "Nông Thị Hằng", "body": "Sở Nội vụ", "role": "Thành viên"},
            {"name": "Lương Văn Bình", "body": "Ủy ban MTTQ Việt Nam tỉnh", "role": "Thành viên"},
        ],
        actor=actor,
    )
    conclude_round(
        round_,
        version=1,
        concluded_on=starts + dt.timedelta(days=5),
        today=today,
        conclusion="Các đơn vị cơ bản thực hiện tốt công tác dân vận chính quyền; "
        "còn một số tồn tại về công khai thủ tục hành chính và tiếp công dân.",
        actor=actor,
    )
    done = add_finding(
        round_,
        finding="Chưa niêm yết đầy đủ thủ tục hành chính tại bộ phận một cửa.",
        recommendation="Niêm yết đầy đủ, cập nhật thủ tục hành chính.",
        responsible_unit=thuc_phan,
        due_on=starts + dt.timedelta(days=30),
        actor=actor,
    )
    report_on_finding(
        done, version=done.version, text="Đã niêm yết đầy đủ 120 thủ tục.", actor=commune_actor
    )
    close_finding(
        done,
        version=done.version,
        note="Đã kiểm tra lại, đạt yêu cầu.",
        closed_on=starts + dt.timedelta(days=28),
        today=today,
        actor=actor,
    )
    add_finding(
        round_,
        finding="Sổ tiếp công dân ghi chưa đầy đủ nội dung.",
        recommendation="Ghi sổ tiếp công dân theo đúng mẫu quy định.",
        responsible_unit=thuc_phan,
        due_on=starts + dt.timedelta(days=60),
        actor=actor,
    )
    add_finding(
        round_,
        finding="Chưa tổ chức đối thoại định kỳ với Nhân dân.",
        recommendation="Xây dựng kế hoạch và tổ chức đối thoại định kỳ.",
        responsible_unit=units[-1],
        due_on=today + dt.timedelta(days=45),
        actor=actor,
    )
    return 1
