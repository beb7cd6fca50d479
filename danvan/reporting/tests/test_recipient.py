"""The form's recipient (Sở Nội vụ) does its job for reports from units not below it, and the
review queue lists every report it may review, paged and filtered."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.reporting import views
from danvan.reporting.models import Submission, SubmissionStatus
from danvan.reporting.services import submit_values
from danvan.reporting.tests.factories import make_form
from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.django_db
GOOD = {"officials_total": "20", "trained": "12", "models": "2", "satisfaction": "80"}


def _sent(form, unit, period: str = "2026-03") -> Submission:  # type: ignore[no-untyped-def]
    return submit_values(
        form,
        unit,
        period,
        values=GOOD,
        narratives={"ket_qua": f"Kết quả {unit.name}"},
        send=True,
        actor=SYSTEM,
    )


def test_the_recipient_reviews_returns_approves_and_consolidates(tree: Tree) -> None:
    form = make_form(tree)  # owner and recipient: Sở Nội vụ; communes are not below it
    sub = _sent(form, tree.commune)
    other = _sent(form, tree.other_commune)
    officer = official("officer", tree.department, username="sonoivu.congchuc")
    client = Client()
    client.force_login(officer)

    page = client.get(f"/reporting/submissions/{sub.pk}/")
    assert page.status_code == 200 and "Phê duyệt" in page.content.decode()
    client.post(
        f"/reporting/submissions/{sub.pk}/",
        {"action": "return", "version": sub.version, "comment": "Bổ sung"},
    )
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.RETURNED and sub.reviewed_by == officer
    sub = submit_values(
        form, tree.commune, "2026-03", values={}, send=True, version=sub.version, actor=SYSTEM
    )
    client.post(f"/reporting/submissions/{sub.pk}/", {"action": "approve", "version": sub.version})
    client.post(
        f"/reporting/submissions/{other.pk}/", {"action": "approve", "version": other.version}
    )
    assert set(Submission.objects.values_list("status", flat=True)) == {"approved"}

    # Completeness and consolidation default to the whole area the form assigns (the province).
    completeness = client.get(f"/reporting/forms/{form.pk}/completeness/?period=2026-03")
    text = completeness.content.decode()
    assert completeness.status_code == 200 and tree.province.display_name in text
    assert "Tân Lập" in text and "Hòa Bình" in text
    # A unit of the area that is outside the officer's own subtree may be chosen.
    below = client.get(
        f"/reporting/forms/{form.pk}/completeness/?unit={tree.commune.pk}&period=2026-03"
    )
    assert below.status_code == 200
    assert (
        client.get(
            f"/reporting/forms/{form.pk}/consolidated/?unit={tree.other_province.pk}&period=2026-03"
        ).status_code
        == 404
    )  # outside the form's area and the officer's scope
    docx = client.get(f"/reporting/forms/{form.pk}/consolidated.docx?period=2026-03")
    assert docx.status_code == 200
    from docx import Document

    body = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Kết quả Ủy ban nhân dân xã Hòa Bình" in body
    assert "Kết quả Ủy ban nhân dân xã Tân Lập" in body
    api = client.get(f"/api/v1/reporting/forms/{form.pk}/consolidated?period=2026-03"
                     f"&unit_id={tree.province.pk}")  # fmt: skip
    assert api.status_code == 200
    figures = {f["code"]: f["value"] for f in api.json()["figures"]}
    assert float(figures["officials_total"]) == 40


def test_the_recipient_sees_no_other_form_of_those_units(tree: Tree) -> None:
    form = make_form(tree)
    from danvan.reporting.services import ElementSpec, FormSpec, define_form

    own_form = define_form(
        FormSpec(
            code="bc_xa_rieng", name="Báo cáo riêng của xã", owner=tree.commune,
            recipient=tree.commune, assigned_root=tree.commune, period_type="monthly",
            assigned_kinds=["commune"], sections=[("ket_qua", "Kết quả", "")],
            elements=[ElementSpec("officials_total", "Tổng số")],
        ), actor=SYSTEM
    )  # fmt: skip
    addressed = _sent(form, tree.commune)
    not_addressed = submit_values(
        own_form, tree.commune, "2026-03", values={"officials_total": "3"}, send=True, actor=SYSTEM
    )
    officer = official("officer", tree.department)
    assert set(Submission.objects.visible_to(officer)) == {addressed}
    client = Client()
    client.force_login(officer)
    assert client.get(f"/reporting/submissions/{not_addressed.pk}/").status_code == 404
    assert client.get(f"/reporting/forms/{own_form.pk}/").status_code == 404


def test_a_viewer_of_the_recipient_reads_but_does_not_approve(tree: Tree) -> None:
    form = make_form(tree)
    sub = _sent(form, tree.commune)
    viewer = official("viewer", tree.department)
    client = Client()
    client.force_login(viewer)
    page = client.get(f"/reporting/submissions/{sub.pk}/")
    assert page.status_code == 200 and "Phê duyệt" not in page.content.decode()
    client.post(f"/reporting/submissions/{sub.pk}/", {"action": "approve", "version": sub.version})
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.SUBMITTED
    assert _queue_rows(client) == []


def test_another_department_and_the_commune_see_what_they_should(
    tree: Tree, commune_officer: User
) -> None:
    form = make_form(tree)
    mine = _sent(form, tree.commune)
    theirs = _sent(form, tree.other_commune)
    justice = OrgUnitFactory.create(
        name="Sở Tư pháp", kind="department", key="p90.so-tu-phap", parent=tree.province
    )
    stranger = Client()
    stranger.force_login(official("officer", justice))
    assert stranger.get(f"/reporting/submissions/{mine.pk}/").status_code == 404
    assert _queue_rows(stranger) == []
    commune = Client()
    commune.force_login(commune_officer)
    assert commune.get(f"/reporting/submissions/{mine.pk}/").status_code == 200
    assert commune.get(f"/reporting/submissions/{theirs.pk}/").status_code == 404
    assert _queue_rows(commune) == []  # it sends reports; it does not review them


def _queue_rows(client: Client, query: str = "") -> list[str]:
    """Every review link of the queue, following its pager to the last page."""
    from danvan.testing.lists import pages

    links: list[str] = []
    for html in pages(client, f"/reporting/review/{query}"):
        links += re.findall(r'href="/reporting/submissions/(\d+)/"', html)
    return links


def test_the_queue_lists_every_waiting_report_across_pages(
    tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "QUEUE_PAGE_SIZE", 4)
    form = make_form(tree)
    quarterly = make_form(tree, code="bc_quy", period_type="quarterly")
    waiting = [_sent(form, unit, f"2026-{m:02d}") for unit in (tree.commune, tree.other_commune)
               for m in range(1, 7)]  # fmt: skip
    waiting.append(_sent(quarterly, tree.commune, "2026-Q1"))
    approved = _sent(form, tree.commune, "2026-07")
    approved.status = SubmissionStatus.APPROVED
    approved.save()
    officer = official("officer", tree.department)
    client = Client()
    client.force_login(officer)

    rows = _queue_rows(client)
    assert sorted(rows) == sorted(str(s.pk) for s in waiting)  # 13 waiting, 4 pages, no repeat
    # The count on the dashboard tile and on the reports page is the queue's count, and links it.
    dashboard = client.get("/dashboard/").content.decode()
    assert (
        "13 báo cáo chờ xem xét" in dashboard and "/reporting/review/?status=submitted" in dashboard
    )
    listing = client.get("/reporting/").content.decode()
    assert "13 báo cáo chờ xem xét" in listing
    assert '<p id="queue-count">13 ' in client.get("/reporting/review/").content.decode()

    # Filters: by form, by period, by unit name, and every state.
    assert _queue_rows(client, f"?form={quarterly.pk}") == [str(waiting[-1].pk)]
    assert len(_queue_rows(client, "?period=2026-03")) == 2
    assert len(_queue_rows(client, "?unit=T%C3%A2n+L%E1%BA%ADp")) == 6
    assert len(_queue_rows(client, "?status=")) == 14
    assert _queue_rows(client, "?status=approved") == [str(approved.pk)]
    # A filter value that means nothing is ignored, never a 500.
    assert len(_queue_rows(client, "?form=999999999999&page=abc")) == 13
    assert client.get("/reporting/review/?unit=%00").status_code == 200
