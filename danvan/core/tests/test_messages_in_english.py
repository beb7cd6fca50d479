"""Messages outside templates follow the language the official chose (the language cookie; the
platform's default is Vietnamese): the API's own refusals and pydantic's, ninja's, the
management commands' errors and output, and the nouns of upload purposes. Each kind is asserted
in both languages, so a message left as a Vietnamese literal fails here too."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import translation

from danvan.accounts.models import User
from danvan.accounts.services import issue_token
from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.core.uploads import UploadPurpose, check_upload


@pytest.fixture(autouse=True)
def _language_kept() -> Iterator[None]:
    """The language middleware activates the cookie's language for the rest of the thread; put
    back the one before, so that tests run after these do not read English."""
    with translation.override(translation.get_language()):
        yield


def _client(user: User, language: str | None) -> Client:
    raw = issue_token(user, "integration", actor=SYSTEM)[1]
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.django_db
def test_the_api_refuses_in_english_when_the_official_chose_english(
    province_officer: User,
) -> None:
    english = _client(province_officer, "en")
    assert english.get("/api/v1/plans/987654").json()["detail"] == (
        "Not found, or outside the scope of your unit."
    )
    year = english.get("/api/v1/plans/?year=3000")
    assert year.status_code == 422
    assert (
        year.json()["detail"] == "The data sent are not valid: year must not be greater than 2200."
    )
    garbled = english.post(
        "/api/v1/notifications/read", b"{not json", content_type="application/json"
    )
    assert garbled.status_code == 400
    assert garbled.json()["detail"] == (
        "The request body cannot be read (malformed JSON or multipart)."
    )
    anonymous = Client()
    anonymous.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert anonymous.get("/api/v1/petitions/").json()["detail"] == (
        "Sign in or send a valid access token (Authorization: Bearer …)."
    )
    # The default stays Vietnamese.
    vietnamese = _client(province_officer, None)
    assert vietnamese.get("/api/v1/plans/987654").json()["detail"] == (
        "Không tìm thấy, hoặc không thuộc phạm vi đơn vị của bạn."
    )


@pytest.mark.django_db
def test_a_command_errs_and_reports_in_the_active_language(province_officer: User) -> None:
    with translation.override("en"), pytest.raises(UserError) as refused:
        call_command("tokens", "issue", "nobody-here", "x")
    assert refused.value.message == "There is no account «nobody-here»."
    with translation.override("vi"), pytest.raises(UserError) as refused:
        call_command("tokens", "issue", "nobody-here", "x")
    assert refused.value.message == "Không có tài khoản «nobody-here»."
    token, _raw = issue_token(province_officer, "to revoke", actor=SYSTEM)
    out = io.StringIO()
    with translation.override("en"):
        call_command("tokens", "revoke", token.prefix, stdout=out)
    assert out.getvalue().strip() == "Revoked."


@override_settings(TEST_UPLOAD_BYTES=1024)
def test_an_upload_purpose_names_its_file_in_the_active_language() -> None:
    purpose = UploadPurpose("test.pdf", exts=(".pdf",), size_setting="TEST_UPLOAD_BYTES")
    with translation.override("en"), pytest.raises(UserError, match="^Refused file «a.exe»"):
        check_upload(purpose, "a.exe", b"MZ")
    with translation.override("vi"), pytest.raises(UserError, match="^Không nhận tệp «a.exe»"):
        check_upload(purpose, "a.exe", b"MZ")
