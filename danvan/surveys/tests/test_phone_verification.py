"""A questionnaire that asks for a verified phone: the respondent enters a phone, receives a
one-time code (core.verification, the SMS backend), enters it, and only then may answer — once
per phone. Wrong and expired codes, an unverified phone and a second answer from the same
verified phone are refused with a Vietnamese message and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from danvan.core import verification
from danvan.core.actors import CITIZEN
from danvan.core.errors import UserError
from danvan.core.models import ContactCode
from danvan.surveys import services
from danvan.surveys.models import Response
from danvan.testing.fixtures import Tree

from .support import open_questionnaire

pytestmark = pytest.mark.django_db
GOOD = {"a": "5", "c": "4", "co": "Không"}
PHONE = "0912 345 678"


@pytest.fixture(autouse=True)
def _empty_outbox() -> None:
    verification.outbox.clear()


def _sms_code() -> str:
    phone, text = verification.outbox[-1]
    assert phone == "+84912345678" and "trả lời phiếu khảo sát" in text
    return text.split(": ")[1].split(" ")[0]


def test_the_answer_needs_the_code_sent_to_the_phone(tree: Tree) -> None:
    q = open_questionnaire(tree.commune, phone_verification=True)
    # Without a phone, or with a phone that never received a code: refused, nothing written.
    with pytest.raises(UserError, match="cần xác minh số điện thoại"):
        services.submit_response(q, GOOD, device_token="d1", actor=CITIZEN)
    with pytest.raises(UserError, match="cần xác minh số điện thoại"):
        services.submit_response(q, GOOD, device_token="d1", phone=PHONE, actor=CITIZEN)
    services.request_phone_code(q, PHONE, actor=CITIZEN)
    code = _sms_code()
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(UserError, match="Mã xác minh không đúng"):
        services.verify_phone_code(q, PHONE, wrong, actor=CITIZEN)
    with pytest.raises(UserError, match="cần xác minh số điện thoại"):
        services.submit_response(q, GOOD, device_token="d1", phone=PHONE, actor=CITIZEN)
    assert services.verify_phone_code(q, "+84912345678", code, actor=CITIZEN) == "0912345678"
    services.submit_response(q, GOOD, device_token="d1", phone=PHONE, actor=CITIZEN)
    assert Response.objects.count() == 1
    # The same verified phone from another device: refused, nothing written.
    with pytest.raises(UserError, match="đã được trả lời từ thiết bị hoặc số điện thoại"):
        services.submit_response(q, GOOD, device_token="d2", phone=PHONE, actor=CITIZEN)
    # And it gets no new code (it could not answer again).
    with pytest.raises(UserError, match="đã được trả lời"):
        services.request_phone_code(q, PHONE, actor=CITIZEN)
    assert Response.objects.count() == 1 and len(verification.outbox) == 1


def test_an_expired_code_and_a_code_of_another_survey_do_not_verify(tree: Tree) -> None:
    q = open_questionnaire(tree.commune, phone_verification=True)
    other = open_questionnaire(tree.other_commune, phone_verification=True)
    services.request_phone_code(other, PHONE, actor=CITIZEN)
    code_other = _sms_code()
    with pytest.raises(UserError, match="hết hạn hoặc chưa được gửi"):
        services.verify_phone_code(q, PHONE, code_other, actor=CITIZEN)
    services.request_phone_code(q, PHONE, actor=CITIZEN)
    code = _sms_code()
    ContactCode.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(UserError, match="hết hạn"):
        services.verify_phone_code(q, PHONE, code, actor=CITIZEN)
    with pytest.raises(UserError, match="cần xác minh số điện thoại"):
        services.submit_response(q, GOOD, device_token="d1", phone=PHONE, actor=CITIZEN)
    assert not Response.objects.exists()


def test_bad_phones_are_refused_before_any_code(tree: Tree) -> None:
    q = open_questionnaire(tree.commune, phone_verification=True)
    for bad, message in (("", "Nhập số điện thoại"), ("0212345678", "10 chữ số")):
        with pytest.raises(UserError, match=message):
            services.request_phone_code(q, bad, actor=CITIZEN)
    assert not ContactCode.objects.exists() and verification.outbox == []


def test_without_the_option_the_device_token_stays_the_guard(tree: Tree) -> None:
    q = open_questionnaire(tree.commune)
    services.submit_response(q, GOOD, device_token="d1", actor=CITIZEN)
    with pytest.raises(UserError, match="đã được trả lời"):
        services.submit_response(q, GOOD, device_token="d1", actor=CITIZEN)
    assert Response.objects.count() == 1


def test_the_public_page_verifies_the_phone_then_takes_the_answer(tree: Tree) -> None:
    q = open_questionnaire(tree.commune, phone_verification=True)
    url = f"/khao-sat/{q.public_key}/"
    citizen = Client()
    page = citizen.get(url).content.decode()
    assert 'name="step" value="phone"' in page and "q-a" not in page  # questions after the code
    # Answers posted before the phone is verified are refused.
    early = citizen.post(url, {"q-a": "5", "q-c": "4", "q-co": "Không"})
    assert early.status_code == 400 and "cần xác minh số điện thoại" in early.content.decode()
    assert citizen.post(url, {"step": "phone", "phone": PHONE}).status_code == 302
    page = citizen.get(url).content.decode()
    assert 'name="step" value="code"' in page
    bad = citizen.post(url, {"step": "code", "code": "99999x"})
    assert bad.status_code == 400 and "Mã xác minh không đúng" in bad.content.decode()
    assert citizen.post(url, {"step": "code", "code": _sms_code()}).status_code == 302
    page = citizen.get(url).content.decode()
    assert "Đã xác minh số điện thoại: 0912345678" in page and "q-a" in page
    sent = citizen.post(url, {"q-a": "5", "q-c": "4", "q-co": "Không"})
    assert sent.status_code == 302 and Response.objects.count() == 1
    # Another browser with the same phone: no code, no second answer.
    other = Client()
    again = other.post(url, {"step": "phone", "phone": "+84 912 345 678"})
    assert again.status_code == 400 and "đã được trả lời" in again.content.decode()
    assert Response.objects.count() == 1
