"""Consultation on drafts: the draft and its paragraphs, publication, citizens' comments with a
verified contact, moderation, answers and merging."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.core import verification
from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit

from ..models import (
    AnswerKind,
    Comment,
    Consultation,
    ConsultationMatter,
    Moderation,
    Paragraph,
    Stance,
    StanceKind,
    rule_value,
)
from .common import Action, a_date, bounded, clean_text, require, required

log = logging.getLogger(__name__)

MAX_COMMENT = 5_000
_HEADING = re.compile(r"^(Chương|Mục|Điều|Phần|[IVX]+\.)\s", re.IGNORECASE)


# --- the draft -------------------------------------------------------------------------------


def split_draft(text: str) -> list[tuple[bool, str]]:
    """Paragraphs of a draft: blank lines separate them; «Chương», «Điều» … start a heading."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    out: list[tuple[bool, str]] = []
    for block in blocks:
        first, _, rest = block.partition("\n")
        if _HEADING.match(first) and len(first) < 200:
            out.append((True, first.strip()))
            if rest.strip():
                out.append((False, rest.strip()))
        else:
            out.append((False, block))
    return out


def create_consultation(
    *, actor: Any, owner: OrgUnit, matter: str, title: str, draft: str, plan: str = ""
) -> Consultation:
    require(actor, Consultation, Action.ADD, owner)
    if matter not in ConsultationMatter.values:
        raise UserError("Nội dung lấy ý kiến không thuộc các nội dung tại Điều 25.")
    title = bounded(required(title, "tên dự thảo"), "tên dự thảo", 300)
    draft = bounded(required(draft, "nội dung dự thảo"), "nội dung dự thảo", 200_000)
    parts = split_draft(draft)
    with transaction.atomic(), acting_as(actor):
        consultation = Consultation.objects.create(
            owner=owner,
            matter=matter,
            title=title,
            plan=bounded(plan, "kế hoạch"),
            created_by=actor,
        )
        Paragraph.objects.bulk_create(
            Paragraph(consultation=consultation, position=i, is_heading=h, text=t)
            for i, (h, t) in enumerate(parts, start=1)
        )
    return consultation


def publish(
    *, actor: Any, consultation: Consultation, opens_on: dt.date, closes_on: dt.date, version: Any
) -> Consultation:
    """Publish the draft for the period; at least ``consultation.min_days`` days (Điều 28)."""
    require(actor, Consultation, Action.CHANGE, consultation.owner)
    consultation.check_version(version)
    a_date(opens_on, "ngày công bố dự thảo")
    a_date(closes_on, "ngày hết hạn góp ý")
    minimum = rule_value("consultation.min_days", consultation.owner)
    if (closes_on - opens_on).days + 1 < minimum:
        raise UserError(
            f"Thời gian lấy ý kiến phải ít nhất {minimum} ngày kể từ ngày công bố dự thảo "
            "(Điều 28 Luật Thực hiện dân chủ ở cơ sở)."
        )
    if consultation.comments.exists() and consultation.opens_on != opens_on:
        raise UserError("Dự thảo đã có ý kiến góp ý: không thể đổi ngày công bố.")
    with transaction.atomic(), acting_as(actor):
        consultation.opens_on, consultation.closes_on = opens_on, closes_on
        consultation.bump_version()
        consultation.save()
    return consultation


def record_decision_note(
    *, actor: Any, consultation: Consultation, note: str, version: Any
) -> Consultation:
    """Why the deciding body went against the majority of comments (Điều 28)."""
    require(actor, Consultation, Action.CHANGE, consultation.owner)
    consultation.check_version(version)
    note = bounded(required(note, "lý do"), "lý do")
    with transaction.atomic(), acting_as(actor):
        consultation.decision_note = note
        consultation.bump_version()
        consultation.save()
    return consultation


# --- verified contact (the kernel's one-time codes, core.verification) -------------------------


def _purpose(consultation: Consultation) -> str:
    return f"participation.consultation:{consultation.pk}"


def normalise_contact(contact: str) -> str:
    return verification.normalise_contact(contact)


def contact_hash(contact: str) -> str:
    return verification.contact_hash(contact)


def request_code(consultation: Consultation, contact: str, *, client: str = "?", actor: Any) -> str:
    """Send a one-time code to the phone or e-mail; returns the code (shown only in DEBUG)."""
    if not consultation.is_open():
        raise UserError("Dự thảo không trong thời gian lấy ý kiến.")
    return verification.request_code(
        _purpose(consultation),
        contact,
        subject="góp ý dự thảo",
        client=client,
        actor=actor,
    )


def verify_code(consultation: Consultation, contact: str, code: str, *, actor: Any) -> str:
    """The contact's hash when ``code`` is the latest unexpired one sent to it."""
    return verification.verify_code(_purpose(consultation), contact, code, actor=actor)


# --- comments --------------------------------------------------------------------------------


def submit_comment(
    *,
    consultation: Consultation,
    contact_digest: str,
    text: str,
    paragraph: Paragraph | None = None,
    stance: str = "",
    author_name: str = "",
    email: str = "",
    today: dt.date | None = None,
    actor: Any,
) -> Comment:
    """A citizen's comment (and optional stance), waiting for moderation.

    ``actor`` is :data:`~danvan.core.actors.CITIZEN` from the portal (no account).
    """
    day = today or timezone.localdate()
    if not consultation.is_open(day):
        if consultation.is_closed(day):
            raise UserError(
                f"Đã hết thời gian lấy ý kiến (đến hết ngày {consultation.closes_on:%d/%m/%Y})."
            )
        raise UserError("Dự thảo chưa được công bố để lấy ý kiến.")
    if not contact_digest:
        raise UserError("Cần xác minh số điện thoại hoặc thư điện tử trước khi góp ý.")
    text = clean_text(text or "").strip()
    if not text:
        raise UserError("Nội dung góp ý không được để trống.")
    bounded(text, "nội dung góp ý", MAX_COMMENT)
    if paragraph is not None and paragraph.consultation_id != consultation.pk:
        raise UserError("Đoạn được góp ý không thuộc dự thảo này.")
    if stance and stance not in StanceKind.values:
        raise UserError("Ý kiến tán thành hay không tán thành không hợp lệ.")
    if email:
        email = normalise_contact(email)
        if "@" not in email:
            raise UserError("Địa chỉ thư điện tử không hợp lệ.")
    target = f"p{paragraph.pk}" if paragraph is not None else "all"
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                consultation=consultation,
                paragraph=paragraph,
                author_name=bounded(clean_text(author_name).strip(), "tên", 120),
                contact_hash=contact_digest,
                contact_email=email,
                text=text,
            )
            if stance:
                Stance.objects.create(
                    consultation=consultation,
                    paragraph=paragraph,
                    target=target,
                    contact_hash=contact_digest,
                    stance=stance,
                )
    except IntegrityError:
        raise UserError(
            "Ông/bà đã bày tỏ tán thành hoặc không tán thành với phần này; mỗi người chỉ "
            "biểu quyết một lần."
        ) from None
    return comment


def moderate(*, actor: Any, comment: Comment, status: str, reason: str, version: Any) -> Comment:
    require(actor, Comment, Action.CHANGE, comment.consultation.owner)
    comment.check_version(version)
    if status not in Moderation.values or status == Moderation.PENDING:
        raise UserError("Kết quả kiểm duyệt không hợp lệ.")
    reason = bounded((reason or "").strip(), "lý do", 300)
    if status in (Moderation.HIDDEN, Moderation.REJECTED) and not reason:
        raise UserError("Cần ghi lý do khi ẩn hoặc không đăng ý kiến.")
    with transaction.atomic(), acting_as(actor):
        comment.status, comment.moderation_reason = status, reason
        comment.bump_version()
        comment.save()
    return comment


def answer(*, actor: Any, comment: Comment, kind: str, text: str, version: Any) -> Comment:
    """Answer a comment (tiếp thu, giải trình, không tiếp thu) and tell the commenter."""
    require(actor, Comment, Action.CHANGE, comment.consultation.owner)
    comment.check_version(version)
    if kind not in AnswerKind.values:
        raise UserError("Hình thức trả lời không hợp lệ (tiếp thu, giải trình, không tiếp thu).")
    text = bounded(required(text, "nội dung trả lời"), "nội dung trả lời")
    with transaction.atomic(), acting_as(actor):
        comment.answer_kind, comment.answer_text = kind, text
        comment.answered_at, comment.answered_by = timezone.now(), actor
        comment.bump_version()
        comment.save()
        if comment.contact_email:
            transaction.on_commit(lambda: _mail_answer(comment))
    return comment


def _mail_answer(comment: Comment) -> None:
    try:
        send_mail(
            f"Trả lời ý kiến góp ý: {comment.consultation.title[:120]}",
            f"{comment.consultation.owner.name} đã trả lời ý kiến của ông/bà:\n\n"
            f"{comment.get_answer_kind_display()}: {comment.answer_text}",
            settings.DEFAULT_FROM_EMAIL,
            [comment.contact_email],
        )
    except Exception:  # noqa: BLE001  (the answer is published on the portal anyway)
        log.warning("answer e-mail for comment %s failed", comment.pk, exc_info=True)


def merge(*, actor: Any, comment: Comment, into: Comment) -> Comment:
    """Group a comment with another on the same passage: one answer then covers both."""
    require(actor, Comment, Action.CHANGE, comment.consultation.owner)
    if into.pk == comment.pk or into.consultation_id != comment.consultation_id:
        raise UserError("Chỉ gộp ý kiến khác của cùng dự thảo.")
    if into.paragraph_id != comment.paragraph_id:
        raise UserError("Chỉ gộp các ý kiến về cùng một đoạn của dự thảo.")
    if into.merged_into_id:
        into = into.merged_into  # type: ignore[assignment]
    with transaction.atomic(), acting_as(actor):
        comment.merged_into = into
        comment.bump_version()
        comment.save()
    return comment
