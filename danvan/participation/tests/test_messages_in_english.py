"""The consultation's refusals (services, portal, API) follow the chosen language; Vietnamese
by default, English for an official or citizen who chose it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from danvan.accounts.services import issue_token
from danvan.core.actors import CITIZEN
from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.testing.fixtures import Tree

from ..models import Consultation
from ..services import consultation as consult
from .support import make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_kept() -> Iterator[None]:
    """The language middleware activates the cookie's language for the rest of the thread; put
    back the one before, so that tests run after these do not read English."""
    with translation.override(translation.get_language()):
        yield


def test_a_late_comment_is_refused_in_the_active_language(tree: Tree) -> None:
    draft = make_consultation(tree.commune)
    late = draft.closes_on + dt.timedelta(days=1)  # type: ignore[operator]
    assert isinstance(late, dt.date)
    closes = f"{draft.closes_on:%d/%m/%Y}"
    for language, expected in (
        ("vi", f"Đã hết thời gian lấy ý kiến (đến hết ngày {closes})."),
        ("en", f"The period for comments is over (it ran until the end of {closes})."),
    ):
        with translation.override(language), pytest.raises(UserError) as refused:
            consult.submit_comment(
                consultation=draft, contact_digest="x", text="Muộn", today=late, actor=CITIZEN
            )
        assert refused.value.message == expected


def test_the_portal_refuses_in_english_with_the_language_cookie(tree: Tree) -> None:
    draft = make_consultation(tree.commune)
    url = f"/participation/public/consultations/{draft.pk}/"
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(url, {"step": "comment", "text": "Not verified"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Verify a phone number or an e-mail address before commenting." in page
    assert Consultation.objects.get(pk=draft.pk).comments.count() == 0


def test_an_api_refusal_of_the_app_is_english_with_the_language_cookie(
    tree: Tree, commune_officer
) -> None:  # type: ignore[no-untyped-def]
    raw = issue_token(commune_officer, "integration", actor=SYSTEM)[1]
    body = {
        "owner_id": tree.commune.pk,
        "item_code": "no-such-item",
        "title": "Danh sách hộ nghèo",
        "decided_on": "2026-03-02",
        "channels": [{"channel": "posting", "starts_on": "2026-03-03", "ends_on": "2026-04-27"}],
    }
    answers = {}
    for language in ("vi", "en"):
        client = Client(headers={"Authorization": f"Bearer {raw}"})
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.post(
            "/api/v1/participation/disclosures", body, content_type="application/json"
        )
        assert response.status_code == 400
        answers[language] = response.json()["detail"]
    # Ours, in English, is not mistaken for ninja's own (English) refusal and replaced.
    assert answers == {
        "vi": "Không có nội dung công khai với mã này.",
        "en": "There is no disclosure item with this code.",
    }
