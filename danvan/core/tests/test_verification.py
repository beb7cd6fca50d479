"""One-time codes of the portal (core.verification): sent through the SMS backend, stored
hashed, good for one purpose, refused when wrong, expired or tried too often, rate limited per
phone whatever the purpose, with Vietnamese messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from danvan.core import verification
from danvan.core.actors import CITIZEN
from danvan.core.errors import UserError
from danvan.core.models import ContactCode

pytestmark = pytest.mark.django_db
PHONE = "0912 345 678"


@pytest.fixture(autouse=True)
def _empty_outbox() -> None:
    verification.outbox.clear()


def _sent_code() -> str:
    phone, text = verification.outbox[-1]
    assert phone == "+84912345678"
    return text.split(": ")[1].split(" ")[0]


def test_a_code_goes_by_sms_is_stored_hashed_and_verifies_once() -> None:
    code = verification.request_code("a:1", PHONE, subject="thử", actor=CITIZEN)
    assert len(code) == 6 and code.isdigit() and _sent_code() == code
    assert "có hiệu lực 15 phút" in verification.outbox[-1][1]
    row = ContactCode.objects.get()
    assert code not in row.code_hash and "912345678" not in row.contact_hash
    assert not verification.is_verified("a:1", PHONE)
    digest = verification.verify_code("a:1", "+84912345678", code, actor=CITIZEN)
    assert digest == verification.contact_hash("0912345678")
    assert verification.is_verified("a:1", PHONE)
    assert not verification.is_verified("a:2", PHONE)  # another purpose
    with pytest.raises(UserError, match="hết hạn hoặc chưa được gửi"):  # used up
        verification.verify_code("a:1", PHONE, code, actor=CITIZEN)


def test_a_code_for_one_purpose_does_not_verify_another() -> None:
    code = verification.request_code("a:1", PHONE, subject="thử", actor=CITIZEN)
    with pytest.raises(UserError, match="hết hạn hoặc chưa được gửi"):
        verification.verify_code("a:2", PHONE, code, actor=CITIZEN)


def test_wrong_codes_count_and_lock_the_code() -> None:
    code = verification.request_code("a:1", PHONE, subject="thử", actor=CITIZEN)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(verification.MAX_ATTEMPTS):
        with pytest.raises(UserError, match="Mã xác minh không đúng"):
            verification.verify_code("a:1", PHONE, wrong, actor=CITIZEN)
    assert ContactCode.objects.get().attempts == verification.MAX_ATTEMPTS
    with pytest.raises(UserError, match="nhập sai mã quá nhiều lần"):
        verification.verify_code("a:1", PHONE, code, actor=CITIZEN)
    assert not verification.is_verified("a:1", PHONE)


def test_an_expired_code_is_refused() -> None:
    code = verification.request_code("a:1", PHONE, subject="thử", actor=CITIZEN)
    ContactCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(UserError, match="hết hạn"):
        verification.verify_code("a:1", PHONE, code, actor=CITIZEN)
    assert ContactCode.objects.get().verified_at is None


@override_settings(VERIFICATION_CODES_PER_HOUR=2)
def test_codes_to_one_phone_are_limited_whatever_the_purpose() -> None:
    verification.request_code("a:1", PHONE, subject="thử", actor=CITIZEN)
    verification.request_code("b:7", PHONE, subject="thử", actor=CITIZEN)
    with pytest.raises(UserError, match="quá nhiều mã xác minh"):
        verification.request_code("c:9", PHONE, subject="thử", actor=CITIZEN)
    assert ContactCode.objects.count() == 2 and len(verification.outbox) == 2
    verification.request_code("a:1", "0987654321", subject="thử", actor=CITIZEN)  # another phone


def test_bad_contacts_and_e_mail() -> None:
    with pytest.raises(UserError, match="Số điện thoại hoặc địa chỉ thư điện tử không hợp lệ"):
        verification.request_code("a:1", "12ab", subject="thử", actor=CITIZEN)
    with pytest.raises(UserError, match="Số điện thoại không hợp lệ"):
        verification.request_code(
            "a:1", "dan@example.vn", subject="thử", email=False, actor=CITIZEN
        )
    code = verification.request_code("a:1", "Dan@Example.vn", subject="thử", actor=CITIZEN)
    assert mail.outbox[-1].to == ["dan@example.vn"] and code in mail.outbox[-1].body
    assert ContactCode.objects.count() == 1  # the refused contacts wrote nothing


def test_the_default_backend_writes_the_message_to_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with override_settings(SMS_BACKEND="danvan.core.verification.LogSMSBackend"):
        code = verification.request_code("a:1", PHONE, subject="thử", actor=CITIZEN)
    assert code in caplog.text and "+8491…78" in caplog.text
    assert verification.outbox == []


def test_mobile_numbers_are_normalised() -> None:
    assert verification.normalise_mobile(" +84 912.345.678 ") == "0912345678"
    assert verification.normalise_mobile("84912345678") == "0912345678"
    assert verification.normalise_mobile("") == ""
    with pytest.raises(UserError, match="10 chữ số"):
        verification.normalise_mobile("0212345678")
