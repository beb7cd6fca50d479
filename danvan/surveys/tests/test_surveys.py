"""Surveys: building, freezing, answering (and refusing bad answers), and the index computed by
hand on a small set of answers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.surveys import services
from danvan.surveys.index import by_owner, compute
from danvan.surveys.models import (
    Answer,
    IndexFormula,
    Question,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    SurveyTemplate,
)
from danvan.testing.fixtures import Tree, official, signed_in

from .support import open_questionnaire

pytestmark = pytest.mark.django_db


def _answer(q: Questionnaire, token: str, **answers: object) -> Response:
    return services.submit_response(q, answers, device_token=token, actor=SYSTEM)


def test_templates_and_formulas_are_data_with_their_decision() -> None:
    sipas = SurveyTemplate.objects.get(code="sipas-2023")
    assert "1001/QĐ-BNV" in sipas.basis
    aspects = {g["aspect"] for g in sipas.definition["groups"]}
    assert aspects == {"perception", "policy", "service", "needs"}
    five = SurveyTemplate.objects.get(code="nam-yeu-to-2017")
    assert {g["aspect"] for g in five.definition["groups"]} == {
        "access",
        "procedure",
        "officials",
        "result",
        "feedback",
    }
    share = IndexFormula.objects.get(is_primary=True)
    assert share.levels() == {4, 5} and share.kind == "share"


def test_questionnaire_from_the_sipas_template_keeps_its_condition(tree: Tree) -> None:
    actor = official("officer", tree.commune)
    q = services.create_questionnaire(
        tree.commune,
        title="SIPAS",
        year=2026,
        template=SurveyTemplate.objects.get(code="sipas-2023"),
        actor=actor,
    )
    follow = Question.objects.get(group__questionnaire=q, code="kho-khan-gi")
    assert (
        follow.show_if is not None
        and follow.show_if.code == "gap-kho-khan"
        and follow.show_if_values == ["Có"]
    )
    assert q.basis.startswith("Quyết định 1001/QĐ-BNV")


def test_index_by_question_aspect_and_unit_by_hand(tree: Tree) -> None:
    q = open_questionnaire(tree.commune)
    # A: 5, 4, 2, 3  -> share 2/4 = 50 %, mean 3.5
    # B: 5, 1        -> share 1/2 = 50 %, mean 3
    # C: 4, 4, 1, 5  -> share 3/4 = 75 %, mean 3.5
    rows = [("5", "5", "4"), ("4", "1", "4"), ("2", "", "1"), ("3", "", "5")]
    for n, (a, b, c) in enumerate(rows):
        _answer(q, f"t{n}", a=a, b=b, c=c, co="Không")
    share = IndexFormula.objects.get(code="ty-le-hai-long")
    mean = IndexFormula.objects.get(code="diem-trung-binh")
    result = compute(Questionnaire.objects.filter(pk=q.pk), share)
    by_code = {qf.code: qf for a in result.aspects for qf in a.questions}
    assert by_code["a"].value == Decimal("50.00") and by_code["a"].respondents == 4
    assert by_code["b"].value == Decimal("50.00") and by_code["b"].respondents == 2
    assert by_code["c"].value == Decimal("75.00")
    aspects = {a.aspect: a.value for a in result.aspects}
    assert aspects == {"service": Decimal("50.00"), "policy": Decimal("75.00")}
    assert result.overall == Decimal("62.50")
    assert result.respondents == 4
    means = compute(Questionnaire.objects.filter(pk=q.pk), mean)
    assert {a.aspect: a.value for a in means.aspects} == {
        "service": Decimal("3.25"),
        "policy": Decimal("3.50"),
    }
    assert means.overall == Decimal("3.38")  # (3.25 + 3.5) / 2 = 3.375, rounded half up
    assert by_owner(Questionnaire.objects.all(), share) == {tree.commune.pk: Decimal("62.50")}


def test_a_missing_required_answer_is_refused_and_nothing_stored(tree: Tree) -> None:
    q = open_questionnaire(tree.commune)
    with pytest.raises(UserError, match="Câu A.*bắt buộc"):
        _answer(q, "x", b="5", c="4", co="Không")
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_a_condition_makes_its_question_required_only_when_met(tree: Tree) -> None:
    q = open_questionnaire(tree.commune)
    with pytest.raises(UserError, match="Khó khăn gì"):
        _answer(q, "x", a="5", c="4", co="Có")
    # Answered "Không": the follow-up question is hidden, and an answer to it is dropped.
    response = _answer(q, "y", a="5", c="4", co="Không", **{"vi-sao": ["Hồ sơ"]})
    assert set(response.answers.values_list("question__code", flat=True)) == {"a", "c", "co"}


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"a": "6", "c": "4", "co": "Không"}, "từ 1 đến 5"),
        ({"a": "5", "c": "4", "co": "Có lẽ"}, "phương án"),
        ({"a": "5", "c": "4", "co": "Có", "vi-sao": ["Khác"]}, "phương án"),
    ],
)
def test_values_outside_the_question_are_refused(tree: Tree, answers: dict, message: str) -> None:
    q = open_questionnaire(tree.commune)
    with pytest.raises(UserError, match=message):
        services.submit_response(q, answers, device_token="z", actor=SYSTEM)
    assert not Response.objects.exists()


def test_a_second_answer_from_the_same_device_or_phone_is_refused(tree: Tree) -> None:
    q = open_questionnaire(tree.commune)
    good = {"a": "5", "c": "4", "co": "Không"}
    services.submit_response(q, good, device_token="d1", phone="0912 345 678", actor=SYSTEM)
    with pytest.raises(UserError, match="đã được trả lời"):
        services.submit_response(q, good, device_token="d1", actor=SYSTEM)
    with pytest.raises(UserError, match="đã được trả lời"):
        services.submit_response(q, good, device_token="d2", phone="+84912345678", actor=SYSTEM)
    assert Response.objects.count() == 1
    stored = Response.objects.get()
    assert "0912345678" not in (stored.phone_hash + stored.device_hash)
    with pytest.raises(UserError, match="Số điện thoại"):
        services.submit_response(q, good, device_token="d3", phone="12345", actor=SYSTEM)


def test_questions_freeze_once_answered_and_a_new_edition_takes_changes(tree: Tree) -> None:
    actor = official("officer", tree.commune, username="ks-sua")
    q = open_questionnaire(tree.commune, actor)
    _answer(q, "t", a="5", c="4", co="Không")
    group = q.groups.get(position=1)
    spec = {"code": "moi", "text": "Câu mới", "kind": "scale"}
    with pytest.raises(UserError, match="phiên bản mới"):
        services.add_question(q, group, spec, actor=actor)
    copy = services.new_edition(q, actor=actor)
    q.refresh_from_db()
    assert q.status == QuestionnaireStatus.CLOSED and copy.edition == 2 and copy.previous == q
    services.add_question(copy, copy.groups.get(position=1), spec, actor=actor)
    assert Question.objects.filter(group__questionnaire=copy).count() == 6
    assert Question.objects.filter(group__questionnaire=q).count() == 5


def test_a_closed_or_draft_questionnaire_takes_no_answer(tree: Tree) -> None:
    actor = official("officer", tree.commune, username="ks-dong")
    q = open_questionnaire(tree.commune, actor)
    services.set_status(q, QuestionnaireStatus.CLOSED, q.version, actor=actor)
    q.refresh_from_db()
    with pytest.raises(UserError, match="không nhận"):
        _answer(q, "t", a="5", c="4", co="Không")
    assert Client().get(f"/khao-sat/{q.public_key}/").status_code == 200
    draft = services.create_questionnaire(tree.commune, title="Nháp", year=2026, actor=actor)
    assert Client().get(f"/khao-sat/{draft.public_key}/").status_code == 404


def test_the_public_page_sets_a_device_cookie_and_refuses_a_second_answer(tree: Tree) -> None:
    q = open_questionnaire(tree.commune)
    citizen = Client()
    page = citizen.get(f"/khao-sat/{q.public_key}/")
    assert page.status_code == 200 and "dv_khao_sat" in page.cookies
    data = {"q-a": "5", "q-c": "4", "q-co": "Không"}
    sent = citizen.post(f"/khao-sat/{q.public_key}/", data)
    assert sent.status_code == 302 and Response.objects.count() == 1
    again = citizen.post(f"/khao-sat/{q.public_key}/", data)
    assert again.status_code == 400 and "đã được trả lời" in again.content.decode()
    missing = Client().post(f"/khao-sat/{q.public_key}/", {"q-c": "4", "q-co": "Không"})
    assert missing.status_code == 400 and "bắt buộc" in missing.content.decode()
    assert Response.objects.count() == 1


def test_the_honeypot_is_thanked_and_ignored(tree: Tree) -> None:
    q = open_questionnaire(tree.commune)
    data = {"q-a": "5", "q-c": "4", "q-co": "Không", "website": "http://spam"}
    assert Client().post(f"/khao-sat/{q.public_key}/", data).status_code == 302
    assert not Response.objects.exists()


def test_answers_are_rate_limited_per_address(tree: Tree, monkeypatch: pytest.MonkeyPatch) -> None:
    from danvan.surveys import public

    monkeypatch.setattr(public, "PER_ADDRESS_PER_HOUR", 2)
    q = open_questionnaire(tree.commune)
    codes = []
    for n in range(3):
        data = {"q-a": "5", "q-c": "4", "q-co": "Không", "phone": f"091234567{n}"}
        codes.append(Client().post(f"/khao-sat/{q.public_key}/", data).status_code)
    assert codes == [302, 302, 429]
    assert Response.objects.count() == 2


def test_officer_pages_poster_index_export(tree: Tree) -> None:
    officer = official("officer", tree.commune, username="ks-trang")
    q = open_questionnaire(tree.commune, officer)
    _answer(q, "t", a="5", c="4", co="Không")
    client = signed_in(officer)
    assert client.get("/surveys/").status_code == 200
    detail = client.get(f"/surveys/{q.pk}/")
    assert q.public_key in detail.content.decode()
    poster = client.get(f"/surveys/{q.pk}/poster/")
    assert poster.status_code == 200 and "<svg" in poster.content.decode()
    index = client.get(f"/surveys/{q.pk}/index/")
    assert "100" in index.content.decode() and "Hài lòng" in index.content.decode()
    export = client.get(f"/surveys/{q.pk}/export.xlsx")
    assert export.status_code == 200 and export.content[:2] == b"PK"
    assert client.get("/surveys/compare/?year=2026").status_code == 200
    outsider = signed_in(official("officer", tree.other_province, username="ks-ngoai"))
    assert outsider.get(f"/surveys/{q.pk}/").status_code == 404


def test_create_from_the_page(tree: Tree) -> None:
    officer = official("officer", tree.commune, username="ks-tao")
    client = signed_in(officer)
    response = client.post(
        "/surveys/new/",
        {
            "owner": tree.commune.pk,
            "template": SurveyTemplate.objects.get(code="nam-yeu-to-2017").pk,
            "title": "Khảo sát năm yếu tố",
            "year": 2026,
        },
    )
    assert response.status_code == 302
    q = Questionnaire.objects.get(title="Khảo sát năm yếu tố")
    assert q.groups.count() == 5


def test_answered_petition_links_to_rate_this_service(tree: Tree) -> None:
    from danvan.petitions.models import Petition
    from danvan.petitions.tests.factories import make_petition

    desk = official("officer", tree.commune, username="ks-don")
    petition = make_petition(
        official("reception_officer", tree.commune, username="ks-tiepdan"), tree.commune
    )
    Petition.objects.filter(pk=petition.pk).update(answer="Đã giải quyết.", answer_published=True)
    q = open_questionnaire(tree.commune, desk, for_petitions=True)
    page = Client().get(f"/portal/petitions/{petition.tracking_code}/")
    link = f"/khao-sat/{q.public_key}/?don={petition.tracking_code}"
    assert link in page.content.decode()
    data = {"q-a": "4", "q-c": "4", "q-co": "Không", "don": petition.tracking_code}
    assert Client().post(link, data).status_code == 302
    again = Client().post(link, data)  # another device, same petition
    assert again.status_code == 400
    assert Response.objects.get().source == "petition"


def test_dashboard_tile(tree: Tree) -> None:
    officer = official("officer", tree.commune, username="ks-tile")
    q = open_questionnaire(tree.commune, officer)
    _answer(q, "t", a="5", c="2", co="Không")
    page = signed_in(officer).get("/dashboard/").content.decode()
    assert "Sự hài lòng của người dân" in page and "50" in page


def test_the_tile_open_count_links_to_the_open_questionnaires_of_the_year(tree: Tree) -> None:
    """The count of open questionnaires is the total of the list it links to (a draft is not
    counted), for the same reader; answers are shown with their unit, not as a bare number."""
    import html
    import re

    from django.utils import timezone

    from danvan.testing.lists import total

    officer = official("officer", tree.commune, username="ks-tilelink")
    q = open_questionnaire(tree.commune, officer)
    year = timezone.localdate().year
    draft = services.create_questionnaire(
        tree.commune, title="Phiếu nháp", year=year, actor=officer
    )
    assert draft.status == QuestionnaireStatus.DRAFT
    assert q.year == year
    page = signed_in(officer).get("/dashboard/").content.decode()
    tile = re.search(r'aria-labelledby="tile-surveys">.*?</section>', page, re.S)
    assert tile is not None
    found = re.findall(r'<a class="tile-count" href="([^"]+)">(\d+)</a>', tile.group(0))
    assert [(html.unescape(h), int(n)) for h, n in found] == [
        (f"/surveys/?year={year}&status=open", 1)
    ]
    listed = signed_in(officer).get(html.unescape(found[0][0])).content.decode()
    assert total(listed) == 1 and q.title in listed and "Phiếu nháp" not in listed
    assert not re.search(r"<td>\s*\d+\s*</td>", tile.group(0))
    outsider = official("officer", tree.other_province, username="ks-tile-out")
    assert total(signed_in(outsider).get(html.unescape(found[0][0])).content.decode()) == 0
