"""The pages an official uses: document → plan, cascade, compliance, tasks, drafts, exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.accounts.models import Role
from danvan.core.audit import SYSTEM
from danvan.documents.services import import_document
from danvan.orgs.models import OrgUnitKind
from danvan.plans.cascade import cascade_plan
from danvan.plans.forms import CascadeForm, PlanFieldsForm
from danvan.plans.importing import propose
from danvan.plans.models import ImplementationObligation, Plan, Task, TaskStatus
from danvan.plans.views import (
    BudgetRows,
    ReportingRows,
    TargetRows,
    TaskRows,
    _task_initial,
    _units_under,
)
from danvan.testing.fixtures import Tree

from .support import COMMUNE_PLAN, PROVINCE_PLAN, formset_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    Role.objects.update(require_two_factor=False)


@pytest.fixture
def document(tree: Tree, province_officer):
    return import_document(
        io.BytesIO(PROVINCE_PLAN.encode()),
        filename="ke-hoach-88.txt",
        owner=tree.province,
        actor=province_officer,
        confirm=True,
    ).document


def _review_post(document) -> dict[str, str]:
    proposal = propose(document)
    units = _units_under(document.owner)
    tasks = TaskRows(
        initial=_task_initial(proposal.tasks), prefix="tasks", form_kwargs={"units": units}
    )
    targets = TargetRows(initial=proposal.targets, prefix="targets")
    budget = BudgetRows(initial=proposal.budget, prefix="budget")
    reporting = ReportingRows(initial=proposal.reporting, prefix="reporting")
    plan_form = PlanFieldsForm(initial=proposal.plan, prefix="plan")
    cascade = CascadeForm(initial={"enabled": False, "kinds": [], "due_on": None}, prefix="cascade")
    return formset_data(tasks, targets, budget, reporting, forms=(plan_form, cascade))


def test_proposal_reads_tasks_units_deadlines_targets_reports(document, tree: Tree) -> None:
    proposal = propose(document)
    titles = [t.title for t in proposal.tasks]
    assert "Tổ chức đối thoại trực tiếp giữa người đứng đầu chính quyền với Nhân dân." in titles
    training = next(t for t in proposal.tasks if "tập huấn" in t.title)
    assert training.lead_unit == tree.department.pk
    assert training.due_on == dt.date(2026, 9, 30)
    report = next(t for t in proposal.tasks if "báo cáo định kỳ" in t.title)
    assert (report.recurrence, report.due_on) == ("semiannual", dt.date(2026, 12, 15))
    assert proposal.cascade == {
        "enabled": True,
        "kinds": [OrgUnitKind.DEPARTMENT, OrgUnitKind.COMMUNE],
        "due_on": dt.date(2026, 2, 28),
    }
    assert [t["value"] for t in proposal.targets] == [100.0, 3.0]
    assert {r["period"] for r in proposal.reporting} == {"semiannual", "annual"}
    assert proposal.plan["year_from"] == 2026 and proposal.plan["number"] == "88/KH-UBND"


def test_money_is_a_budget_line_and_the_signature_block_no_task(
    client: Client, tree: Tree, province_officer
) -> None:
    text = PROVINCE_PLAN.replace(
        "2. Tổ chức 03 lớp tập huấn kỹ năng dân vận cho công chức cấp xã.\n",
        "2. Tổ chức 03 lớp tập huấn kỹ năng dân vận cho công chức cấp xã.\n\n"
        "3. Tổng kinh phí thực hiện: 877.945.000 đồng (Bằng chữ: Tám trăm bảy mươi bảy triệu "
        "chín trăm bốn mươi lăm nghìn đồng).\n",
    ).replace("\nNơi nhận:", "\n- TM. ỦY BAN NHÂN DÂN\n- KT. CHỦ TỊCH\n\nNơi nhận:")
    document = import_document(
        io.BytesIO(text.encode()),
        filename="ke-hoach-kinh-phi.txt",
        owner=tree.province,
        actor=province_officer,
        confirm=True,
    ).document
    proposal = propose(document)
    assert proposal.budget == [
        {"item": "Tổng kinh phí thực hiện", "amount": 877_945_000, "source": ""}
    ]
    assert [t["value"] for t in proposal.targets] == [100.0, 3.0]
    titles = " ".join(t.title for t in proposal.tasks)
    assert "ỦY BAN NHÂN DÂN" not in titles and "CHỦ TỊCH" not in titles
    client.force_login(province_officer)
    response = client.post(f"/plans/from-document/{document.pk}/", _review_post(document))
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = Plan.objects.get()
    assert list(plan.budget_lines.values_list("item", "amount")) == [
        ("Tổng kinh phí thực hiện", 877_945_000)
    ]
    assert plan.targets.count() == 2


def test_review_creates_nothing_until_confirmed(client: Client, document, province_officer) -> None:
    client.force_login(province_officer)
    page = client.get(f"/plans/from-document/{document.pk}/")
    assert page.status_code == 200
    assert "Tổ chức đối thoại trực tiếp" in page.content.decode()
    assert not Plan.objects.exists()
    data = _review_post(document)
    data["tasks-0-title"] = "Tổ chức quán triệt Chỉ thị 33 (đã sửa)"
    response = client.post(f"/plans/from-document/{document.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = Plan.objects.get()
    assert plan.issued_document == document and plan.status == "issued"
    assert plan.tasks.filter(title="Tổ chức quán triệt Chỉ thị 33 (đã sửa)").exists()
    assert plan.tasks.filter(parent__title="Tuyên truyền về công tác dân vận").count() == 2
    assert plan.targets.count() == 2 and plan.reporting.count() == 2


def test_review_with_a_bad_row_creates_nothing(client: Client, document, province_officer) -> None:
    client.force_login(province_officer)
    data = _review_post(document)
    data["tasks-1-due_on"] = "2025-06-01"
    response = client.post(f"/plans/from-document/{document.pk}/", data)
    assert response.status_code == 200
    assert "trước ngày bắt đầu của kế hoạch" in response.content.decode()
    assert not Plan.objects.exists() and not Task.objects.exists()


@pytest.fixture
def cascaded(document, province_officer, tree: Tree) -> Plan:
    client = Client()
    client.force_login(province_officer)
    client.post(f"/plans/from-document/{document.pk}/", _review_post(document))
    plan = Plan.objects.get()
    response = client.post(
        f"/plans/{plan.pk}/cascade/",
        {
            "enabled": "on",
            "kinds": ["department", "commune"],
            "due_on": "2026-02-28",
            "root": str(tree.province.pk),
        },
    )
    assert response.status_code == 302
    return plan


def test_commune_draft_lists_only_what_the_province_gave_it(
    client: Client, cascaded: Plan, commune_officer, tree: Tree
) -> None:
    from docx import Document as read_docx

    obligation = ImplementationObligation.objects.get(holder=tree.commune)
    client.force_login(commune_officer)
    draft = client.get(f"/plans/obligations/{obligation.pk}/draft.docx")
    text = "\n".join(p.text for p in read_docx(io.BytesIO(draft.content)).paragraphs)
    # Its own task, and the content every unit carries out.
    assert "Xây dựng mô hình điểm" in text
    assert "Tổ chức đối thoại trực tiếp giữa người đứng đầu chính quyền" in text
    # Not the department's tasks, nor the province's headings naming who does what.
    assert "Tổ chức các lớp tập huấn kỹ năng công tác dân vận" not in text
    assert "Ủy ban nhân dân xã Hòa Bình\n" not in text and "Sở Nội vụ" not in text
    # The share every commune must reach, not the classes the province itself runs.
    assert "100% xã tổ chức đối thoại" in text
    assert "03 lớp tập huấn" not in text
    # No drafting note in a document meant to be signed.
    assert "Hạn ban hành Kế hoạch này" not in text


def test_commune_sees_obligation_drafts_and_submits(
    client: Client, cascaded: Plan, commune_officer, tree: Tree
) -> None:
    client.force_login(commune_officer)
    page = client.get(f"/plans/{cascaded.pk}/")
    assert page.status_code == 200
    obligation = ImplementationObligation.objects.get(holder=tree.commune)
    assert f"/plans/obligations/{obligation.pk}/draft.docx" in page.content.decode()
    draft = client.get(f"/plans/obligations/{obligation.pk}/draft.docx")
    assert draft.status_code == 200
    from docx import Document as read_docx

    doc = read_docx(io.BytesIO(draft.content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert (
        "Thực hiện Kế hoạch số 88/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh Thử Nghiệm"
        in text
    )
    assert "Số:       /KH-UBND" in text and "XÃ HÒA BÌNH" in text and "Nơi nhận:" in text
    section = doc.sections[0]
    assert section.page_width is not None and section.left_margin is not None
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30
    assert doc.styles["Normal"].font.name == "Times New Roman"
    upload = SimpleUploadedFile("ke-hoach-xa.txt", COMMUNE_PLAN.encode(), content_type="text/plain")
    response = client.post(f"/plans/obligations/{obligation.pk}/submit/", {"file": upload})
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert obligation.submitted_on == dt.date(2026, 2, 20)
    assert obligation.fulfilled_by is not None and obligation.fulfilled_by.parent == cascaded
    assert obligation.state_on(dt.date(2026, 11, 22)) == "on_time"


def test_commune_updates_its_task_with_htmx_and_stale_edit_is_refused(
    client: Client, cascaded: Plan, commune_officer, tree: Tree
) -> None:
    task = Task.objects.filter(plan=cascaded, children__isnull=True).first()
    assert task is not None
    task.lead_unit = tree.commune
    task.save()
    client.force_login(commune_officer)
    assert client.get("/plans/tasks/").status_code == 200
    page = client.get(f"/plans/tasks/{task.pk}/")
    assert page.status_code == 200
    data = {
        "version": str(task.version),
        "status": "in_progress",
        "percent": "40",
        "evidence": "Đã tổ chức hội nghị",
        "note": "",
    }
    response = client.post(f"/plans/tasks/{task.pk}/update/", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="task-panel"' in response.content.decode() and "40%" in response.content.decode()
    stale = client.post(
        f"/plans/tasks/{task.pk}/update/", {**data, "percent": "10"}, HTTP_HX_REQUEST="true"
    )
    assert "vừa được người khác cập nhật" in stale.content.decode()
    task.refresh_from_db()
    assert task.percent == 40 and task.status == TaskStatus.IN_PROGRESS
    over = client.post(
        f"/plans/tasks/{task.pk}/update/", {**data, "version": str(task.version), "percent": "150"}
    )
    assert over.status_code in (200, 400)
    task.refresh_from_db()
    assert task.percent == 40


def test_outsider_gets_404(client: Client, cascaded: Plan, outsider) -> None:
    client.force_login(outsider)
    assert client.get(f"/plans/{cascaded.pk}/").status_code == 404
    task = cascaded.tasks.first()
    assert task is not None
    assert client.get(f"/plans/tasks/{task.pk}/").status_code == 404


def test_compliance_dashboard_and_exports(
    client: Client, cascaded: Plan, province_officer, django_assert_max_num_queries
) -> None:
    client.force_login(province_officer)
    with django_assert_max_num_queries(25):
        page = client.get(f"/plans/{cascaded.pk}/compliance/")
    assert page.status_code == 200
    assert "Sở Nội vụ" in page.content.decode()
    with django_assert_max_num_queries(30):
        dash = client.get("/plans/dashboard/")
    assert dash.status_code == 200 and "<svg" in dash.content.decode()
    assert 'id="compliance-table"' in dash.content.decode()
    docx = client.get(f"/plans/{cascaded.pk}/export.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    xlsx = client.get(f"/plans/{cascaded.pk}/export.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb["Nhiệm vụ"]["A4"].value == "STT"
    assert client.get("/dashboard/").status_code == 200


def test_plan_list_queries_do_not_grow(
    client: Client, cascaded: Plan, province_officer, django_assert_max_num_queries
) -> None:
    client.force_login(province_officer)
    with django_assert_max_num_queries(15):
        assert client.get("/plans/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/plans/tasks/").status_code == 200


def test_cascade_helper_with_kinds(cascaded: Plan) -> None:
    assert (
        cascade_plan(cascaded, kinds=["commune"], due_on=dt.date(2026, 2, 28), actor=SYSTEM).created
        == 0
    )


def test_document_page_lists_the_plan_it_issued(
    client: Client, cascaded: Plan, province_officer
) -> None:
    client.force_login(province_officer)
    assert cascaded.issued_document is not None
    page = client.get(f"/documents/{cascaded.issued_document.pk}/")
    assert f"/plans/{cascaded.pk}/" in page.content.decode()


def test_editing_a_plan_into_a_cycle_is_refused_with_a_message(
    client: Client, cascaded: Plan, province_officer, tree: Tree
) -> None:
    from danvan.plans.services import create_plan

    child = create_plan(
        owner=tree.department, title="KH Sở", year_from=2026, parent=cascaded, actor=SYSTEM
    )
    client.force_login(province_officer)
    data = {
        "version": cascaded.version,
        "title": cascaded.title,
        "number": cascaded.number,
        "year_from": 2026,
        "year_to": 2026,
        "parent": child.pk,
        "purpose": "",
        "requirements": "",
        "reminder_days": "7,0",
    }
    response = client.post(f"/plans/{cascaded.pk}/edit/", data)
    assert response.status_code == 200 and "vòng lặp" in response.content.decode()
    data["parent"] = ""
    data["reminder_days"] = "10, 3, 0"
    assert client.post(f"/plans/{cascaded.pk}/edit/", data).status_code == 302
    stale = client.post(f"/plans/{cascaded.pk}/edit/", data)
    assert "vừa được người khác cập nhật" in stale.content.decode()
    cascaded.refresh_from_db()
    assert cascaded.reminder_days == "10,3,0"


def test_plan_page_renders_no_template_per_unit_of_the_new_task_select(
    client: Client, cascaded: Plan, province_officer, tree: Tree
) -> None:
    from danvan.testing.factories import OrgUnitFactory

    client.force_login(province_officer)
    few = client.get(f"/plans/{cascaded.pk}/")
    assert few.status_code == 200
    for n in range(8):
        OrgUnitFactory.create(name=f"Xã Thêm {n}", parent=tree.province)
    many = client.get(f"/plans/{cascaded.pk}/")
    assert all(f">Xã Thêm {n}</option>" in many.content.decode() for n in range(8))
    assert len(many.templates) == len(few.templates)
