"""A small form over the persona tree: communes and departments report monthly to Sở Nội vụ."""

from __future__ import annotations

from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnit
from danvan.reporting.models import ReportForm
from danvan.reporting.services import ElementSpec, FormSpec, define_form
from danvan.testing.fixtures import Tree


def make_form(
    tree: Tree, code: str = "bc_dan_van", period_type: str = "monthly", **kw: object
) -> ReportForm:
    return define_form(
        FormSpec(
            code=code,
            name="Báo cáo công tác dân vận chính quyền",
            owner=tree.department,
            recipient=tree.department,
            assigned_root=kw.pop("root", tree.province),  # type: ignore[arg-type]
            period_type=period_type,
            assigned_kinds=["commune", "department"],
            sections=[
                ("ket_qua", "Kết quả thực hiện", ""),
                ("kho_khan", "Khó khăn, vướng mắc", ""),
            ],
            elements=[
                ElementSpec("officials_total", "Tổng số cán bộ, công chức"),
                ElementSpec("trained", "Số cán bộ được tập huấn"),
                ElementSpec("models", "Mô hình Dân vận khéo", comment_when_missing=True),
                ElementSpec(
                    "satisfaction", "Tỷ lệ hài lòng", value_type="percentage", aggregation="avg"
                ),
                ElementSpec("has_plan", "Đã ban hành kế hoạch", value_type="yes_no"),
            ],
            rules=[
                (
                    "trained",
                    "<=",
                    "officials_total",
                    "Số được tập huấn không được vượt tổng số cán bộ.",
                )
            ],
            indicators=[
                ("trained_rate", "Tỷ lệ cán bộ được tập huấn", "trained", "officials_total")
            ],
            **kw,  # type: ignore[arg-type]
        ),
        actor=SYSTEM,
    )


def unit_of(tree: Tree, name: str) -> OrgUnit:
    return getattr(tree, name)
