"""Consultation on drafts: publication, verified comments, moderation, answers, synthesis."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from docx import Document as DocxDocument

from danvan.core.audit import CITIZEN
from danvan.core.errors import StaleVersion, UserError
from danvan.testing.fixtures import Tree, signed_in

from .. import synthesis
from ..models import Comment, Consultation, Moderation, Stance
from ..services import consultation as consult

DRAFT = """Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi
Quy ước này áp dụng cho các hộ gia đình trong xã.

Mỗi hộ giữ gìn vệ sinh đường làng, ngõ xóm."""


@pytest.fixture
def draft(tree: Tree, commune_officer) -> Consultation:  # type: ignore[no-untyped-def]
    c = consult.create_consultation(
        actor=commune_officer,
        owner=tree.commune,
        matter="new_rural",
        title="Dự thảo quy ước xây dựng nông thôn mới",
        draft=DRAFT,
    )
    today = timezone.localdate()
    return consult.publish(
        actor=commune_officer,
        consultation=c,
        opens_on=today - dt.timedelta(days=2),
        closes_on=today + dt.timedelta(days=20),
        version=c.version,
    )


def _verified(draft: Consultation, contact: str = "0912345678") -> str:
    code = consult.request_code(draft, contact, actor=CITIZEN)
    return consult.verify_code(draft, contact, code, actor=CITIZEN)


def test_the_draft_is_split_into_headings_and_paragraphs(draft: Consultation) -> None:
    parts = [(p.is_heading, p.text) for p in draft.paragraphs.all()]
    assert parts[0] == (True, "Chương I")
    assert (True, "Điều 1. Phạm vi") in parts
    assert (False, "Mỗi hộ giữ gìn vệ sinh đường làng, ngõ xóm.") in parts


def test_the_period_must_be_at_least_20_days(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    c = consult.create_consultation(
        actor=commune_officer, owner=tree.commune, matter="policies", title="Dự thảo", draft="A"
    )
    with pytest.raises(UserError, match="ít nhất 20 ngày"):
        consult.publish(
            actor=commune_officer,
            consultation=c,
            opens_on=dt.date(2026, 5, 1),
            closes_on=dt.date(2026, 5, 19),
            version=c.version,
        )
    c.refresh_from_db()
    assert c.opens_on is None
    consult.publish(
        actor=commune_officer,
        consultation=c,
        opens_on=dt.date(2026, 5, 1),
        closes_on=dt.date(2026, 5, 20),
        version=c.version,
    )
    with pytest.raises(StaleVersion):
        consult.publish(
            actor=commune_officer,
            consultation=c,
            opens_on=dt.date(2026, 5, 1),
            closes_on=dt.date(2026, 6, 20),
            version=1,
        )


def test_a_wrong_code_does_not_verify(draft: Consultation) -> None:
    consult.request_code(draft, "0912345678", actor=CITIZEN)
    with pytest.raises(UserError, match="không đúng"):
        consult.verify_code(draft, "0912345678", "000000x", actor=CITIZEN)


def test_comment_vote_once_and_bad_input(draft: Consultation) -> None:
    who = _verified(draft)
    paragraph = draft.paragraphs.filter(is_heading=False).last()
    consult.submit_comment(
        consultation=draft, contact_digest=who, text="Nên thêm lịch thu gom rác.",
        paragraph=paragraph, stance="agree", actor=CITIZEN,
    )  # fmt: skip
    with pytest.raises(UserError, match="một lần"):
        consult.submit_comment(
            consultation=draft, contact_digest=who, text="Lần nữa", paragraph=paragraph,
            stance="disagree", actor=CITIZEN,
        )  # fmt: skip
    assert Stance.objects.count() == 1 and Comment.objects.count() == 1
    with pytest.raises(UserError, match="không được để trống"):
        consult.submit_comment(consultation=draft, contact_digest=who, text="   ", actor=CITIZEN)
    late = draft.closes_on + dt.timedelta(days=1)  # type: ignore[operator]
    assert isinstance(late, dt.date)
    with pytest.raises(UserError, match="Đã hết thời gian lấy ý kiến"):
        consult.submit_comment(
            consultation=draft, contact_digest=who, text="Muộn", today=late, actor=CITIZEN
        )
    assert Comment.objects.count() == 1


def test_moderation_needs_a_reason_and_answers_reach_the_commenter(
    draft: Consultation,
    commune_officer,  # type: ignore[no-untyped-def]
) -> None:
    who = _verified(draft, "dan@example.vn")
    comment = consult.submit_comment(
        consultation=draft, contact_digest=who, text="Ý kiến", email="dan@example.vn", actor=CITIZEN
    )
    with pytest.raises(UserError, match="lý do"):
        consult.moderate(
            actor=commune_officer, comment=comment, status="hidden", reason="", version=1
        )
    consult.moderate(
        actor=commune_officer, comment=comment, status="published", reason="", version=1
    )
    mail.outbox.clear()
    with pytest.raises(UserError, match="Thiếu nội dung trả lời"):
        consult.answer(actor=commune_officer, comment=comment, kind="accepted", text="", version=2)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        consult.answer(
            actor=commune_officer, comment=comment, kind="explained", text="Đã giải trình.",
            version=2,
        )  # fmt: skip
    assert len(mail.outbox) == 1 and "Đã giải trình." in mail.outbox[0].body


def test_merging_only_on_the_same_passage(draft: Consultation, commune_officer) -> None:  # type: ignore[no-untyped-def]
    p1, p2 = draft.paragraphs.filter(is_heading=False)[:2]
    a = consult.submit_comment(
        consultation=draft, contact_digest=_verified(draft), text="A", paragraph=p1, actor=CITIZEN
    )
    b = consult.submit_comment(
        consultation=draft,
        contact_digest=_verified(draft, "0987654321"),
        text="B",
        paragraph=p1,
        actor=CITIZEN,
    )
    c = consult.submit_comment(
        consultation=draft,
        contact_digest=_verified(draft, "0911111111"),
        text="C",
        paragraph=p2,
        actor=CITIZEN,
    )
    consult.merge(actor=commune_officer, comment=b, into=a)
    assert b.merged_into == a
    with pytest.raises(UserError, match="cùng một đoạn"):
        consult.merge(actor=commune_officer, comment=c, into=a)


def test_synthesis_only_after_the_period_and_lists_published_comments_with_answers(
    draft: Consultation,
    commune_officer,  # type: ignore[no-untyped-def]
) -> None:
    paragraph = draft.paragraphs.filter(is_heading=False).last()
    shown = consult.submit_comment(
        consultation=draft, contact_digest=_verified(draft), text="Cần thêm thùng rác.",
        paragraph=paragraph, stance="disagree", actor=CITIZEN,
    )  # fmt: skip
    hidden = consult.submit_comment(
        consultation=draft,
        contact_digest=_verified(draft, "0987654321"),
        text="Nội dung xúc phạm",
        actor=CITIZEN,
    )
    consult.moderate(actor=commune_officer, comment=shown, status="published", reason="", version=1)
    consult.moderate(
        actor=commune_officer, comment=hidden, status="rejected", reason="Xúc phạm", version=1
    )
    consult.answer(
        actor=commune_officer, comment=shown, kind="accepted", text="Tiếp thu, bổ sung.", version=2
    )
    with pytest.raises(UserError, match="sau khi hết thời gian"):
        synthesis.build(draft)
    after = draft.closes_on + dt.timedelta(days=1)  # type: ignore[operator]
    assert isinstance(after, dt.date)
    document = DocxDocument(io.BytesIO(synthesis.build(draft, after)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Cần thêm thùng rác." in text and "Tiếp thu, bổ sung." in text
    assert "Nội dung xúc phạm" not in text
    assert f"Đoạn {paragraph.position}" in cells  # type: ignore[union-attr]
    row = cells.index(f"Đoạn {paragraph.position}")  # type: ignore[union-attr]
    assert cells[row + 1 : row + 4] == ["1", "0", "1"]


# --- the portal ------------------------------------------------------------------------------


def _portal_verify(client: Client, draft: Consultation, contact: str = "0912345678") -> None:
    url = f"/participation/public/consultations/{draft.pk}/"
    from unittest import mock

    from danvan.core import verification

    with mock.patch.object(verification, "secrets") as fake:
        fake.randbelow.return_value = 123456
        assert client.post(url, {"step": "contact", "contact": contact}).status_code == 200
    response = client.post(url, {"step": "code", "code": "123456"})
    assert response.status_code == 302


def test_portal_comment_is_escaped_and_hidden_ones_never_public(
    draft: Consultation,
    commune_officer,  # type: ignore[no-untyped-def]
) -> None:
    client = Client()
    _portal_verify(client, draft)
    url = f"/participation/public/consultations/{draft.pk}/"
    paragraph = draft.paragraphs.filter(is_heading=False).last()
    evil = '<script>alert("x")</script> Đường làng'
    response = client.post(
        url,
        {"step": "comment", "paragraph": paragraph.pk, "text": evil, "stance": "agree"},  # type: ignore[union-attr]
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.paragraph == paragraph and comment.status == Moderation.PENDING
    assert "Đường làng" not in client.get(url).content.decode()  # pending: not public yet
    consult.moderate(
        actor=commune_officer, comment=comment, status="published", reason="", version=1
    )
    page = Client().get(url).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Đường làng" in page
    assert '<script>alert("x")' not in page
    officer_page = signed_in(commune_officer).get(f"/participation/consultations/{draft.pk}/")
    assert '<script>alert("x")' not in officer_page.content.decode()
    for status in ("hidden", "rejected"):
        comment.refresh_from_db()
        consult.moderate(
            actor=commune_officer,
            comment=comment,
            status=status,
            reason="Vi phạm",
            version=comment.version,
        )
        assert "Đường làng" not in Client().get(url).content.decode()
        assert "Đường làng" not in Client().get("/participation/public/").content.decode()


def test_portal_floods_are_throttled_and_the_honeypot_refuses(
    draft: Consultation,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.PARTICIPATION_COMMENTS_PER_HOUR = 3
    client = Client()
    _portal_verify(client, draft)
    url = f"/participation/public/consultations/{draft.pk}/"
    codes = [
        client.post(url, {"step": "comment", "text": f"Ý kiến {i}"}).status_code for i in range(5)
    ]
    assert codes[:3] == [302, 302, 302] and codes[3:] == [400, 400]
    assert Comment.objects.count() == 3
    assert "quá nhiều" in client.post(url, {"step": "comment", "text": "x"}).content.decode()
    bot = client.post(url, {"step": "comment", "text": "spam", "website": "http://spam"})
    assert bot.status_code == 400 and Comment.objects.count() == 3


def test_portal_refuses_a_comment_without_verification_and_after_the_period(
    draft: Consultation,
) -> None:
    url = f"/participation/public/consultations/{draft.pk}/"
    response = Client().post(url, {"step": "comment", "text": "Chưa xác minh"})
    assert response.status_code == 400 and "xác minh" in response.content.decode()
    Consultation.objects.filter(pk=draft.pk).update(
        opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 1, 25)
    )
    closed = Client().post(url, {"step": "comment", "text": "Muộn"})
    assert closed.status_code == 400 and "Đã hết thời gian lấy ý kiến" in closed.content.decode()
    assert not Comment.objects.exists()


def test_an_unpublished_draft_is_not_on_the_portal(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    c = consult.create_consultation(
        actor=commune_officer, owner=tree.commune, matter="policies", title="Nháp", draft="A"
    )
    assert Client().get(f"/participation/public/consultations/{c.pk}/").status_code == 404
