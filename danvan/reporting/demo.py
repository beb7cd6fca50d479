"""Demo reporting data for Cao Bằng: the "Báo cáo công tác dân vận chính quyền" forms (monthly,
quarterly, 6-month, yearly) and two years of submissions with some late and missing ones.

Idempotent and deterministic (seeded random). Past periods are a bulk backfill, as an import of
last year's approved reports would be (audit entries through ``log_bulk_created``); the round
under way — the latest period of each form — is filled in, sent, approved or returned through
the services as the platform, so reviewers and units have the notifications of a real round. A
second run only checks that the forms exist (and gives the figures of petitions and reception
their data sources on forms loaded before sources existed).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import SYSTEM, log_bulk_created
from danvan.orgs.models import OrgUnit

from .models import (
    DataElement,
    DataValue,
    Indicator,
    NarrativeText,
    ReportForm,
    Submission,
    SubmissionStatus,
    ValidationRule,
)
from .periods import periods_between
from .services import (
    ElementSpec,
    FormSpec,
    approve,
    define_form,
    return_submission,
    submit_values,
    system_figures,
)

#: A demo report of a period that fell due longer ago than this is dated near its due date.
SENT_TODAY_WITHIN = dt.timedelta(days=10)
FORMS = [
    ("bc_dvcq_thang", "monthly", "hằng tháng"),
    ("bc_dvcq_quy", "quarterly", "hằng quý"),
    ("bc_dvcq_6thang", "semiannual", "6 tháng"),
    ("bc_dvcq_nam", "annual", "hằng năm"),
]
ELEMENTS = [
    ElementSpec(
        "trainings_held",
        "Số hội nghị, lớp tập huấn, quán triệt về công tác dân vận",
        group="Tuyên truyền, tập huấn",
        unit_label="cuộc",
    ),  # noqa: E501
    ElementSpec(
        "attendance", "Số lượt người tham dự", group="Tuyên truyền, tập huấn", unit_label="lượt"
    ),  # noqa: E501
    ElementSpec(
        "officials_total",
        "Tổng số cán bộ, công chức",
        group="Tuyên truyền, tập huấn",
        unit_label="người",
    ),  # noqa: E501
    ElementSpec(
        "officials_trained",
        "Số cán bộ, công chức được tập huấn kỹ năng dân vận",
        group="Tuyên truyền, tập huấn",
        unit_label="người",
    ),  # noqa: E501
    ElementSpec(
        "dvk_models",
        "Số mô hình «Dân vận khéo» được công nhận",
        group="Dân vận khéo",
        unit_label="mô hình",
        comment_when_missing=True,
    ),  # noqa: E501
    ElementSpec(
        "receptions",
        "Số lượt tiếp công dân",
        group="Tiếp công dân, đối thoại",
        unit_label="lượt",
        source="reception.entries",
    ),
    ElementSpec(
        "dialogues",
        "Số cuộc đối thoại với Nhân dân",
        group="Tiếp công dân, đối thoại",
        unit_label="cuộc",
    ),  # noqa: E501
    ElementSpec(
        "petitions_received",
        "Số đơn thư, kiến nghị tiếp nhận",
        group="Tiếp công dân, đối thoại",
        unit_label="đơn",
        source="petitions.received",
    ),
    ElementSpec(
        "petitions_resolved",
        "Số đơn thư, kiến nghị đã giải quyết",
        group="Tiếp công dân, đối thoại",
        unit_label="đơn",
        source="petitions.answered",
    ),
    ElementSpec(
        "petitions_on_time",
        "Số đơn thư, kiến nghị giải quyết đúng hạn",
        group="Tiếp công dân, đối thoại",
        unit_label="đơn",
        source="petitions.answered_on_time",
    ),
    ElementSpec(
        "disclosures",
        "Số nội dung công khai theo Luật Thực hiện dân chủ ở cơ sở",
        group="Dân chủ ở cơ sở",
        unit_label="nội dung",
    ),  # noqa: E501
    ElementSpec(
        "surveys",
        "Số cuộc khảo sát, lấy ý kiến sự hài lòng",
        group="Dân chủ ở cơ sở",
        unit_label="cuộc",
    ),  # noqa: E501
    ElementSpec(
        "satisfaction",
        "Tỷ lệ người dân hài lòng",
        group="Dân chủ ở cơ sở",
        value_type="percentage",
        aggregation="avg",
        unit_label="%",
    ),  # noqa: E501
]
SECTIONS = [
    ("ket_qua", "Kết quả thực hiện công tác dân vận chính quyền", ""),
    ("kho_khan", "Khó khăn, vướng mắc", ""),
    ("kien_nghi", "Phương hướng, kiến nghị", ""),
]
RULES = [
    ("officials_trained", "<=", "officials_total",
     "Số cán bộ được tập huấn không được lớn hơn tổng số cán bộ, công chức."),
    # Not "resolved <= received": petitions answered in a period may have come in earlier.
    ("petitions_on_time", "<=", "petitions_resolved",
     "Số đơn giải quyết đúng hạn không được lớn hơn số đơn đã giải quyết."),
]  # fmt: skip
INDICATORS = [
    (
        "trained_rate",
        "Tỷ lệ cán bộ, công chức được tập huấn",
        "officials_trained",
        "officials_total",
    ),
    ("resolved_rate", "Tỷ lệ đơn thư được giải quyết", "petitions_resolved", "petitions_received"),
    (
        "on_time_rate",
        "Tỷ lệ đơn thư giải quyết đúng hạn",
        "petitions_on_time",
        "petitions_resolved",
    ),
]
FIRST_DAY = dt.date(2025, 1, 1)
PERIOD_SCALE = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}


def seed_reporting(today: dt.date | None = None) -> int:
    """Create the demo forms and submissions; returns the number of submissions created.

    Figures of petitions and citizen reception come from system data (element sources), so
    run it after the petitions demo; the other figures are generated.
    """
    if ReportForm.objects.filter(code=FORMS[-1][0]).exists():
        _link_sources()
        return 0
    province = OrgUnit.objects.filter(key="p04").first()
    agency = OrgUnit.objects.filter(key="p04.so-noi-vu").first()
    if province is None or agency is None:
        return 0
    today = today or timezone.localdate()
    created = 0
    with transaction.atomic():
        for index, (code, period_type, label) in enumerate(FORMS):
            form = define_form(
                FormSpec(
                    code=code,
                    name=f"Báo cáo công tác dân vận chính quyền {label}",
                    owner=agency, recipient=agency, assigned_root=province,
                    period_type=period_type, assigned_kinds=["commune", "department"],
                    legal_basis="Kế hoạch của Ủy ban nhân dân tỉnh về công tác dân vận chính quyền",
                    sections=SECTIONS, elements=ELEMENTS, rules=RULES, indicators=INDICATORS,
                    due_days=5,
                ), actor=SYSTEM
            )  # fmt: skip
            created += _submissions(form, today, random.Random(2026 + index))
    return created


@transaction.atomic
def _link_sources() -> None:
    """Bring forms of a demo loaded before element sources existed up to date (idempotent)."""
    forms = list(ReportForm.objects.filter(code__in=[code for code, _t, _l in FORMS]))
    for form in forms:
        have = {e.code: e for e in form.elements.all()}
        for index, spec in enumerate(ELEMENTS):
            element = have.get(spec.code)
            if element is None:
                # Next to the element it follows in the list (orders of old forms differ).
                before = have.get(ELEMENTS[index - 1].code) if index else None
                DataElement.objects.create(
                    form=form, code=spec.code, name=spec.name, group=spec.group,
                    order=before.order if before else index, unit_label=spec.unit_label,
                    source=spec.source,
                )  # fmt: skip
            elif spec.source and not element.source:
                element.source = spec.source
                element.save(update_fields=["source"])
        form.rules.filter(left="petitions_resolved", right="petitions_received").delete()
        for left, op, right, message in RULES:
            ValidationRule.objects.get_or_create(
                form=form, left=left, operator=op, right=right, defaults={"message": message}
            )
        for code, name, numerator, denominator in INDICATORS:
            Indicator.objects.get_or_create(
                form=form, code=code,
                defaults={"name": name, "numerator": numerator, "denominator": denominator},
            )  # fmt: skip


def _submissions(form: ReportForm, today: dt.date, rng: random.Random) -> int:
    scale = PERIOD_SCALE[form.period_type]
    periods = [p for p in periods_between(form, FIRST_DAY, today) if p.end < today]
    elements = list(form.elements.all())
    sections = list(form.sections.all())
    tz = timezone.get_current_timezone()
    subs: list[Submission] = []
    plans: list[dict[str, Decimal]] = []
    current: list[tuple[Any, Any, bool, dict[str, Decimal]]] = []
    for number, period in enumerate(periods):
        latest = number == len(periods) - 1
        for unit in form.assigned_units(period.end).order_by("path"):
            roll = rng.random()
            if roll < (0.35 if latest else 0.07):
                continue  # missing
            if latest:  # the round under way goes through the services (below)
                reviewed = rng.random() < 0.5
                current.append(
                    (unit, period, reviewed, _figures(rng, scale, unit.kind == "commune"))
                )
                continue
            late = rng.random() < 0.15
            day = period.due + dt.timedelta(days=rng.randint(1, 9) if late else -rng.randint(0, 4))
            when = dt.datetime.combine(min(day, today), dt.time(9 + rng.randint(0, 7)), tz)
            status = SubmissionStatus.APPROVED
            if latest and rng.random() < 0.5:
                status = SubmissionStatus.SUBMITTED
            elif rng.random() < 0.03:
                status = SubmissionStatus.RETURNED
            subs.append(
                Submission(
                    form=form,
                    unit=unit,
                    period=period.code,
                    period_start=period.start,
                    period_end=period.end,
                    due_on=period.due,
                    status=status,
                    version=3,
                    first_submitted_at=when,
                    submitted_at=when,
                    reviewed_at=when + dt.timedelta(days=2) if status != "submitted" else None,
                    review_comment="Đề nghị bổ sung số liệu tiếp công dân."
                    if status == "returned"
                    else "",
                )  # fmt: skip
            )
            plans.append(_figures(rng, scale, unit.kind == "commune"))
    Submission.objects.bulk_create(subs, batch_size=500)
    log_bulk_created(list(subs), actor=SYSTEM)
    sourced = [e for e in elements if e.source]
    if sourced:
        # What the platform itself holds (petitions, reception register) for the unit and
        # window, so a reviewer sees no gap between a past report and the system's figures.
        for sub, figures in zip(subs, plans, strict=True):
            for code, figure in system_figures(sub, sourced).items():
                if figure is not None:
                    figures[code] = figure
    values: list[DataValue] = []
    texts: list[NarrativeText] = []
    for sub, figures in zip(subs, plans, strict=True):
        for element in elements:
            value = figures.get(element.code)
            comment = "" if value is not None else "Chưa có mô hình mới trong kỳ."
            values.append(DataValue.of(sub, element.pk, value, comment))
        texts.extend(
            NarrativeText(
                submission=sub, section=section, text=_narrative(section.code, sub, figures)
            )
            for section in sections
        )
    DataValue.objects.bulk_create(values, batch_size=1000)
    NarrativeText.objects.bulk_create(texts, batch_size=1000)
    if values:
        from .rollup import rebuild

        rebuild(form.pk)  # the province totals of the approved values just loaded
    _current_round(form, current, sections, rng)
    return len(subs) + len(current)


def _current_round(
    form: ReportForm,
    current: list[tuple[Any, Any, bool, dict[str, Decimal]]],
    sections: list[Any],
    rng: random.Random,
) -> None:
    """The latest period as officials live it, through the services as the platform: each
    unit fills in and sends its report (its reviewers are notified), about half are reviewed —
    most approved, a few returned for correction (the unit is notified)."""
    sourced = {e.code for e in form.elements.all() if e.source}
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for unit, period, reviewed, figures in current:
        values = {code: value for code, value in figures.items() if code not in sourced}
        comments = (
            {} if "dvk_models" in figures else {"dvk_models": "Chưa có mô hình mới trong kỳ."}
        )
        probe = Submission(form=form, unit=unit, period=period.code)
        narratives = {s.code: _narrative(s.code, probe, figures) for s in sections}
        sub = submit_values(
            form, unit, period.code, values=values, comments=comments, narratives=narratives,
            send=True, actor=SYSTEM,
        )  # fmt: skip
        if period.due < today - SENT_TODAY_WITHIN:
            # A round that fell due long ago (last year's annual report) was sent around its
            # due date, not today a year late: the demo dates it as the backfill does.
            late = rng.random() < 0.15
            day = period.due + dt.timedelta(days=rng.randint(1, 9) if late else -rng.randint(0, 4))
            when = dt.datetime.combine(min(day, today), dt.time(9 + rng.randint(0, 7)), tz)
            Submission.objects.filter(pk=sub.pk).update(first_submitted_at=when, submitted_at=when)
            sub.refresh_from_db()
        if not reviewed:
            continue
        if rng.random() < 0.1:
            return_submission(
                sub, version=sub.version, actor=SYSTEM,
                comment="Đề nghị bổ sung số liệu tiếp công dân, giải trình số đơn chưa giải quyết.",
            )  # fmt: skip
        else:
            approve(sub, version=sub.version, actor=SYSTEM)


def _figures(rng: random.Random, scale: int, commune: bool) -> dict[str, Decimal]:
    total = rng.randint(18, 30) if commune else rng.randint(25, 60)
    received = rng.randint(0, 6) * scale
    trainings = rng.randint(0, 2) * scale + (1 if scale > 1 else 0)
    figures = {
        "trainings_held": trainings,
        "attendance": trainings * rng.randint(20, 80),
        "officials_total": total,
        "officials_trained": rng.randint(0, total),
        "receptions": rng.randint(1, 8) * scale,
        "dialogues": rng.randint(0, 2) * scale,
        "petitions_received": received,
        "petitions_resolved": (resolved := rng.randint(0, received)),
        # Derived, not drawn: the generator's sequence (and so the demo) stays as it was.
        "petitions_on_time": resolved - resolved // 4,
        "disclosures": rng.randint(1, 5) * scale,
        "surveys": rng.randint(0, 1) * scale,
    }
    result = {k: Decimal(v) for k, v in figures.items()}
    if rng.random() > 0.3:
        result["dvk_models"] = Decimal(rng.randint(0, 2) * max(1, scale // 3))
    result["satisfaction"] = Decimal(rng.randint(720, 985)) / 10
    return result


def _narrative(code: str, sub: Submission, figures: dict[str, Decimal]) -> str:
    if code == "ket_qua":
        return (
            f"Tổ chức {figures['trainings_held']} hội nghị, lớp tập huấn với "
            f"{figures['attendance']} lượt người tham dự; tiếp {figures['receptions']} lượt "
            f"công dân, tổ chức {figures['dialogues']} cuộc đối thoại; tiếp nhận "
            f"{figures['petitions_received']}"
            f" đơn, đã giải quyết {figures['petitions_resolved']} đơn."
        )
    if code == "kho_khan":
        return "Một số thôn, tổ dân phố ở xa trung tâm, việc tổ chức đối thoại còn khó khăn."
    return (
        "Tiếp tục nhân rộng mô hình «Dân vận khéo»; đề nghị tỉnh tổ chức tập huấn kỹ năng dân vận."
    )
