from __future__ import annotations

import io
import json

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.reporting.exports import blank_template
from danvan.reporting.models import DataValue, Submission, SubmissionStatus
from danvan.reporting.services import approve, submit_values
from danvan.reporting.tests.factories import make_form
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.django_db
GOOD = {
    "officials_total": "20",
    "trained": "12",
    "models": "2",
    "satisfaction": "80",
    "has_plan": "1",
}


def _post_values(values: dict[str, str]) -> dict[str, str]:
    return {f"v_{k}": v for k, v in values.items()}


def test_entry_page_saves_checks_and_submits(
    tree: Tree, client: Client, commune_officer: User
) -> None:
    form = make_form(tree)
    client.force_login(commune_officer)
    url = f"/reporting/forms/{form.pk}/entry/{tree.commune.pk}/2026-03/"
    page = client.get(url)
    assert page.status_code == 200 and "Tổng số cán bộ" in page.content.decode()
    element = form.elements.get(code="trained")
    check = client.post(
        f"/reporting/forms/{form.pk}/check/{element.pk}/",
        {"v_trained": "30", "v_officials_total": "20"},
        HTTP_HX_REQUEST="true",
    )
    assert "vượt tổng số" in check.content.decode()
    bad = client.post(
        url, {"version": "1", "action": "save", **_post_values({**GOOD, "trained": "-3"})}
    )
    assert bad.status_code == 400 and "số âm" in bad.content.decode()
    assert not DataValue.objects.exists()
    ok = client.post(
        url, {"version": "1", "action": "submit", "n_ket_qua": "Đã làm.", **_post_values(GOOD)}
    )
    assert ok.status_code == 302
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED


def test_review_returns_and_approves_then_downloads(
    tree: Tree, client: Client, province_officer: User
) -> None:
    form = make_form(tree)
    sub = submit_values(
        form,
        tree.commune,
        "2026-03",
        values=GOOD,
        narratives={"ket_qua": "Tập huấn 2 lớp."},
        send=True,
    )
    client.force_login(province_officer)
    assert "Phê duyệt" in client.get(f"/reporting/submissions/{sub.pk}/").content.decode()
    client.post(
        f"/reporting/submissions/{sub.pk}/",
        {"action": "return", "version": sub.version, "comment": "Sửa"},
    )
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.RETURNED
    sub = submit_values(
        form, tree.commune, "2026-03", values={"models": "3"}, send=True, version=sub.version
    )
    client.post(f"/reporting/submissions/{sub.pk}/", {"action": "approve", "version": sub.version})
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.APPROVED
    query = f"?unit={tree.province.pk}&period=2026-03"
    page = client.get(f"/reporting/forms/{form.pk}/consolidated/{query}").content.decode()
    assert "Số cán bộ được tập huấn" in page
    docx = client.get(f"/reporting/forms/{form.pk}/consolidated.docx{query}")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "BÁO CÁO" in text and "Tập huấn 2 lớp." in text
    xlsx = client.get(f"/reporting/forms/{form.pk}/consolidated.xlsx{query}")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    completeness = client.get(f"/reporting/forms/{form.pk}/completeness/{query}").content.decode()
    assert "Tân Lập" in completeness and "chưa gửi" in completeness
    assert (
        client.get(f"/reporting/forms/{form.pk}/trends/?unit={tree.province.pk}").status_code == 200
    )
    assert client.get("/reporting/").status_code == 200
    assert client.get("/dashboard/").status_code == 200


def test_excel_import_rejects_bad_files_and_accepts_the_template(
    tree: Tree, client: Client, commune_officer: User
) -> None:
    from openpyxl import load_workbook

    form = make_form(tree)
    other = make_form(tree, code="khac")
    client.force_login(commune_officer)
    url = f"/reporting/forms/{form.pk}/entry/{tree.commune.pk}/2026-03/"
    client.get(url)

    def upload(data: bytes) -> str:
        f = io.BytesIO(data)
        f.name = "bieu-mau.xlsx"
        return client.post(url, {"action": "import", "version": "1", "file": f}).content.decode()

    assert "nội dung không phải tệp .xlsx hợp lệ" in upload(b"not an excel file")
    assert "không phải biểu mẫu «bc_dan_van»" in upload(blank_template(other))
    assert not DataValue.objects.exists()
    book = load_workbook(io.BytesIO(blank_template(form)))
    sheet = book.active
    sheet["B2"] = "2026-03"
    for row in sheet.iter_rows(min_row=4):
        row[4].value = {"officials_total": 20, "trained": 9}.get(row[0].value)
    out = io.BytesIO()
    book.save(out)
    upload(out.getvalue())
    assert DataValue.objects.get(element__code="trained").value == 9


def test_api_bulk_is_all_or_nothing_with_vietnamese_400(
    tree: Tree, client: Client, commune_officer: User
) -> None:
    form = make_form(tree)
    client.force_login(commune_officer)
    url = f"/api/v1/reporting/forms/{form.pk}/submissions/bulk"
    body = {
        "submissions": [
            {"unit_id": tree.commune.pk, "period": "2026-03", "values": GOOD},
            {"unit_id": tree.commune.pk, "period": "2026-04", "values": {**GOOD, "trained": "abc"}},
        ]
    }
    bad = client.post(url, json.dumps(body), content_type="application/json")
    assert bad.status_code == 400 and "không phải là số" in bad.json()["detail"]
    assert not Submission.objects.exists()
    body["submissions"][1]["values"] = GOOD
    ok = client.post(url, json.dumps(body), content_type="application/json")
    assert ok.status_code == 200 and len(ok.json()) == 2
    assert client.get("/api/v1/reporting/forms").json()[0]["code"] == "bc_dan_van"
    periods = client.get(f"/api/v1/reporting/forms/{form.pk}/periods?year=2026").json()
    assert periods[0] == {
        "code": "2026-01",
        "start": "2025-12-15",
        "end": "2026-01-14",
        "due": "2026-01-14",
    }
    comp = client.get(
        f"/api/v1/reporting/forms/{form.pk}/completeness?period=2026-03&unit_id={tree.commune.pk}"
    )
    assert comp.json()["counts"]["expected"] == 1 and comp.json()["counts"]["missing"] == 1


def test_consolidated_api_counts_only_approved(
    tree: Tree, client: Client, province_officer: User
) -> None:
    form = make_form(tree)
    sub = submit_values(form, tree.commune, "2026-03", values=GOOD, send=True)
    approve(sub, version=sub.version, actor=province_officer)
    submit_values(form, tree.other_commune, "2026-03", values=GOOD, send=True)
    client.force_login(province_officer)
    data = client.get(
        f"/api/v1/reporting/forms/{form.pk}/consolidated?period=2026-03&unit_id={tree.province.pk}"
    ).json()
    figures = {f["code"]: f for f in data["figures"]}
    assert float(figures["trained"]["value"]) == 12 and figures["trained"]["reported_by"] == 1


def test_reminders_are_sent_once(tree: Tree, commune_officer: User) -> None:
    pytest.importorskip("danvan.notifications.services")
    import datetime as dt

    from danvan.core.obligations import remind

    def send_reminders(today: dt.date) -> int:
        return remind(today, only=["reporting.submission"])["reporting.submission"]

    make_form(tree)
    first = send_reminders(dt.date(2026, 3, 12))  # 2 days before the due date of 2026-03
    assert first >= 1
    assert send_reminders(dt.date(2026, 3, 12)) == 0
    assert send_reminders(dt.date(2026, 3, 16)) >= 1  # overdue, a different reminder
    assert send_reminders(dt.date(2026, 3, 17)) == 0


def test_an_existing_report_is_changed_only_with_the_version_read(
    tree: Tree, client: Client, commune_officer: User
) -> None:
    form = make_form(tree)
    client.force_login(commune_officer)
    url = f"/api/v1/reporting/forms/{form.pk}/submissions"
    body = {"unit_id": tree.commune.pk, "period": "2026-03", "values": GOOD}
    first = client.post(url, json.dumps(body), content_type="application/json")
    assert first.status_code == 200, first.content  # a new report needs no version
    blind = client.post(url, json.dumps(body), content_type="application/json")
    assert blind.status_code == 400 and "Thiếu phiên bản" in blind.json()["detail"]
    stale = {**body, "version": first.json()["version"] - 1}
    refused = client.post(url, json.dumps(stale), content_type="application/json")
    assert refused.status_code == 409 and "vừa được người khác cập nhật" in refused.json()["detail"]
    fresh = {**body, "version": first.json()["version"]}
    assert client.post(url, json.dumps(fresh), content_type="application/json").status_code == 200
