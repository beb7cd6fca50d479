"""Report figures taken from system data: prefill, refresh, review and consolidation."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit
from danvan.petitions.reception.services import ReceptionInput, register_reception
from danvan.petitions.tests.factories import classify_within, make_petition
from danvan.reporting.admin import ElementForm
from danvan.reporting.models import DataValue, ReportForm, Submission, SubmissionStatus
from danvan.reporting.services import (
    ElementSpec,
    FormSpec,
    approve,
    define_form,
    open_submission,
    return_submission,
    submit,
)
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.django_db

PERIOD = "2026-03"  # data from 15/02/2026 to 14/03/2026
IN_WINDOW = dt.date(2026, 3, 2)


def make_sourced_form(tree: Tree) -> ReportForm:
    return define_form(
        FormSpec(
            code="bc_tiep_dan", name="Báo cáo tiếp công dân, xử lý đơn thư",
            owner=tree.department, recipient=tree.department, assigned_root=tree.province,
            period_type="monthly", assigned_kinds=["commune"],
            elements=[
                ElementSpec("received", "Số đơn tiếp nhận", source="petitions.received"),
                ElementSpec("complaints", "Số đơn khiếu nại",
                            source="petitions.received_complaint"),
                ElementSpec("receptions", "Số lượt tiếp công dân", source="reception.entries"),
                ElementSpec("dialogues", "Số cuộc đối thoại"),
            ],
        ), actor=SYSTEM
    )  # fmt: skip


@pytest.fixture
def clerk(tree: Tree) -> User:
    return official("reception_officer", tree.province, username="tinh.tiepdan")


def petitions(clerk: User, unit: OrgUnit, count: int, day: dt.date = IN_WINDOW) -> None:
    for _ in range(count):
        make_petition(clerk, unit, received_on=day)


def entry_url(form: ReportForm, unit: OrgUnit) -> str:
    return f"/reporting/forms/{form.pk}/entry/{unit.pk}/{PERIOD}/"


def field(page: str, name: str) -> str:
    """The value shown in the input named ``name`` of the entry page."""
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, name
    return match.group(1)


def system_note(page: str, code: str) -> str:
    match = re.search(rf'<span id="sys-{code}" class="system-figure">(.*?)</span>', page, re.S)
    assert match, code
    return match.group(1)


def stored(submission: Submission, code: str) -> int | None:
    value = DataValue.objects.get(submission=submission, element__code=code).value
    return None if value is None else int(value)


def test_commune_opens_its_monthly_report_with_its_own_petition_figures(
    tree: Tree, client: Client, commune_officer: User, clerk: User
) -> None:
    form = make_sourced_form(tree)
    petitions(clerk, tree.commune, 2)
    classify_within(clerk, make_petition(clerk, tree.commune, received_on=IN_WINDOW))
    petitions(clerk, tree.commune, 1, dt.date(2026, 2, 14))  # the day before the window
    petitions(clerk, tree.commune, 1, dt.date(2026, 3, 15))  # the day after
    petitions(clerk, tree.other_commune, 4)
    register_reception(
        ReceptionInput(unit=tree.commune, received_on=IN_WINDOW, person_name="Nông Văn Tám",
                       content="Hỏi về chính sách hỗ trợ hộ nghèo.", handling="answered"), actor=clerk,
    )  # fmt: skip

    client.force_login(commune_officer)
    page = client.get(entry_url(form, tree.commune)).content.decode()

    assert field(page, "v_received") == "3"
    assert field(page, "v_complaints") == "1"
    assert field(page, "v_receptions") == "1"
    assert field(page, "v_dialogues") == ""  # typed by the officer, not from the system
    assert f"{timezone.localdate():%d/%m/%Y}" in field(page, "c_received")
    assert field(page, "c_dialogues") == ""
    assert "source-differs" not in page
    # Opening the page (a GET) stored nothing; the first save stores the figures shown.
    assert not Submission.objects.exists()
    assert (
        client.post(entry_url(form, tree.commune), {"version": "1", "action": "save"}).status_code
        == 302
    )
    submission = Submission.objects.get(form=form, unit=tree.commune)
    assert submission.status == SubmissionStatus.DRAFT and stored(submission, "received") == 3
    # The other commune's report is filled with its own figures.
    other = open_submission(form, tree.other_commune, PERIOD, actor=SYSTEM)
    assert stored(other, "received") == 4 and stored(other, "receptions") == 0


def test_typed_values_are_kept_until_the_officer_takes_the_figures_again(
    tree: Tree, client: Client, commune_officer: User, clerk: User
) -> None:
    form = make_sourced_form(tree)
    petitions(clerk, tree.commune, 1)
    client.force_login(commune_officer)
    url = entry_url(form, tree.commune)
    submission = open_submission(form, tree.commune, PERIOD, actor=commune_officer)
    saved = client.post(
        url,
        {"version": submission.version, "action": "save", "v_received": "5", "v_dialogues": "2"},
    )
    assert saved.status_code == 302
    petitions(clerk, tree.commune, 1)  # registered after the report was opened

    page = client.get(url).content.decode()
    assert field(page, "v_received") == "5"  # never replaced silently
    assert re.findall(r"\d+", system_note(page, "received")) == ["2"]
    assert "source-differs" in system_note(page, "received")

    submission.refresh_from_db()
    stale = client.post(url, {"version": submission.version - 1, "action": "refresh"})
    assert stale.status_code == 409 and "phiên bản" in stale.content.decode()
    assert stored(submission, "received") == 5

    refreshed = client.post(url, {"version": submission.version, "action": "refresh"})
    assert refreshed.status_code == 302
    page = client.get(url).content.decode()
    assert field(page, "v_received") == "2"
    assert field(page, "v_dialogues") == "2"  # not from the system: left as typed
    assert "source-differs" not in page
    submission.refresh_from_db()
    assert stored(submission, "received") == 2 and submission.version == 3


def test_refresh_is_refused_once_the_report_is_sent(
    tree: Tree, client: Client, commune_officer: User, province_officer: User, clerk: User
) -> None:
    form = make_sourced_form(tree)
    petitions(clerk, tree.commune, 1)
    submission = open_submission(form, tree.commune, PERIOD, actor=commune_officer)
    submission = submit(submission, version=submission.version, actor=commune_officer)
    petitions(clerk, tree.commune, 2)
    client.force_login(commune_officer)
    api = f"/api/v1/reporting/submissions/{submission.pk}/refresh-sources"

    def refresh(version: int) -> tuple[int, dict[str, object]]:
        response = client.post(api, json.dumps({"version": version}), "application/json")
        return response.status_code, response.json()

    status, body = refresh(submission.version)
    assert status == 400 and "không lấy lại số liệu" in str(body["detail"])
    submission.refresh_from_db()
    assert stored(submission, "received") == 1 and submission.version == 2
    page = client.get(entry_url(form, tree.commune)).content.decode()
    assert 'value="refresh"' not in page  # no button on a sent report

    submission = return_submission(
        submission, version=submission.version, comment="Cập nhật số đơn.", actor=province_officer
    )
    status, body = refresh(submission.version)
    assert status == 200
    values = {v["code"]: v["value"] for v in body["values"]}  # type: ignore[attr-defined]
    assert float(values["received"]) == 3
    forms = client.get("/api/v1/reporting/forms").json()["items"]
    assert {e["code"]: e["source"] for e in forms[0]["elements"]}["received"] == (
        "petitions.received"
    )


def test_province_consolidation_is_the_sum_of_the_communes_approved_figures(
    tree: Tree, client: Client, commune_officer: User, province_officer: User, clerk: User
) -> None:
    form = make_sourced_form(tree)
    petitions(clerk, tree.commune, 2)
    petitions(clerk, tree.other_commune, 3)
    petitions(clerk, tree.province, 4)  # the province's own petitions: no commune reports them
    other_officer = official("officer", tree.other_commune, username="tanlap.congchuc")

    first = open_submission(form, tree.commune, PERIOD, actor=commune_officer)
    first = submit(first, version=first.version, actor=commune_officer)
    second = open_submission(form, tree.other_commune, PERIOD, actor=other_officer)
    client.force_login(other_officer)
    client.post(  # the commune corrects the system figure: one petition never entered
        entry_url(form, tree.other_commune),
        {"version": second.version, "action": "submit", "v_received": "4"},
    )
    second.refresh_from_db()
    assert second.status == SubmissionStatus.SUBMITTED

    client.force_login(province_officer)
    review = client.get(f"/reporting/submissions/{second.pk}/").content.decode()
    assert re.findall(r"\d+", system_note(review, "received")) == ["3"]
    assert "source-differs" in system_note(review, "received")
    approve(first, version=first.version, actor=province_officer)
    approve(second, version=second.version, actor=province_officer)

    data = client.get(
        f"/api/v1/reporting/forms/{form.pk}/consolidated?period={PERIOD}&unit_id={tree.province.pk}"
    ).json()
    figures = {f["code"]: f for f in data["figures"]}
    approved = DataValue.objects.filter(form=form, period=PERIOD, approved=True)
    assert sum(v.value or 0 for v in approved if v.element.code == "received") == 6
    assert float(figures["received"]["value"]) == 6  # 2 + 4, not the province's own 4
    assert figures["received"]["reported_by"] == 2


def test_an_unknown_source_code_is_refused(tree: Tree) -> None:
    with pytest.raises(UserError, match="Không có nguồn số liệu «petitions.khong_co»"):
        define_form(
            FormSpec(
                code="bc_sai", name="Báo cáo", owner=tree.department, recipient=tree.department,
                assigned_root=tree.province, period_type="monthly", assigned_kinds=["commune"],
                elements=[ElementSpec("received", "Số đơn", source="petitions.khong_co")],
            ), actor=SYSTEM
        )  # fmt: skip
    assert not ReportForm.objects.exists()

    data = {"code": "received", "name": "Số đơn", "value_type": "integer", "aggregation": "sum",
            "order": "0", "source": "petitions.khong_co"}  # fmt: skip
    admin_form = ElementForm(data=data)
    assert not admin_form.is_valid()
    assert "Không có nguồn số liệu «petitions.khong_co»" in admin_form.errors["source"][0]
    assert ElementForm(data={**data, "source": "petitions.received"}).is_valid()
