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
from django.utils.translation import gettext as _

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
        raise UserError(_("The matter consulted on is not one of those of Article 25."))
    label = _("the title of the draft")
    title = bounded(required(title, label), label, 300)
    label = _("the text of the draft")
    draft = bounded(required(draft, label), label, 200_000)
    parts = split_draft(draft)
    with transaction.atomic(), acting_as(actor):
        consultation = Consultation.objects.create(
            owner=owner,
            matter=matter,
            title=title,
            plan=bounded(plan, _("the consultation plan")),
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
    a_date(opens_on, _("the publication date of the draft"))
    a_date(closes_on, _("the last day for comments"))
    minimum = rule_value("consultation.min_days", consultation.owner)
    if (closes_on - opens_on).days + 1 < minimum:
        raise UserError(
            _(
                "Comments must be open for at least %(days)s days from the publication of the "
                "draft (Article 28 of the Law on Grassroots Democracy)."
            )
            % {"days": minimum}
        )
    if consultation.comments.exists() and consultation.opens_on != opens_on:
        raise UserError(_("The draft already has comments: its publication date cannot change."))
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
    label = _("the reason")
    note = bounded(required(note, label), label)
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
        raise UserError(_("The draft is not open for comments."))
    return verification.request_code(
        _purpose(consultation),
        contact,
        subject=_("comments on a draft"),
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
                _("The period for comments is over (it ran until the end of %(date)s).")
                % {"date": f"{consultation.closes_on:%d/%m/%Y}"}
            )
        raise UserError(_("The draft has not been published for comments yet."))
    if not contact_digest:
        raise UserError(_("Verify a phone number or an e-mail address before commenting."))
    text = clean_text(text or "").strip()
    if not text:
        raise UserError(_("The comment cannot be empty."))
    bounded(text, _("the comment"), MAX_COMMENT)
    if paragraph is not None and paragraph.consultation_id != consultation.pk:
        raise UserError(_("The paragraph commented on is not part of this draft."))
    if stance and stance not in StanceKind.values:
        raise UserError(_("The stance (agree or disagree) is not valid."))
    if email:
        email = normalise_contact(email)
        if "@" not in email:
            raise UserError(_("The e-mail address is not valid."))
    target = f"p{paragraph.pk}" if paragraph is not None else "all"
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                consultation=consultation,
                paragraph=paragraph,
                author_name=bounded(
                    clean_text(author_name).strip(), _("the commenter's name"), 120
                ),
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
            _(
                "You have already said whether you agree with this part; each person votes "
                "only once."
            )
        ) from None
    return comment


def moderate(*, actor: Any, comment: Comment, status: str, reason: str, version: Any) -> Comment:
    require(actor, Comment, Action.CHANGE, comment.consultation.owner)
    comment.check_version(version)
    if status not in Moderation.values or status == Moderation.PENDING:
        raise UserError(_("The moderation result is not valid."))
    reason = bounded((reason or "").strip(), _("the reason"), 300)
    if status in (Moderation.HIDDEN, Moderation.REJECTED) and not reason:
        raise UserError(_("Give the reason for hiding or not publishing a comment."))
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
        raise UserError(_("The kind of answer is not valid (accepted, explained, not accepted)."))
    label = _("the answer")
    text = bounded(required(text, label), label)
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
            _("Answer to your comment: %(title)s") % {"title": comment.consultation.title[:120]},
            _("%(unit)s has answered your comment:\n\n%(kind)s: %(text)s")
            % {
                "unit": comment.consultation.owner.name,
                "kind": comment.get_answer_kind_display(),
                "text": comment.answer_text,
            },
            settings.DEFAULT_FROM_EMAIL,
            [comment.contact_email],
        )
    except Exception:  # noqa: BLE001  (the answer is published on the portal anyway)
        log.warning("answer e-mail for comment %s failed", comment.pk, exc_info=True)


def merge(*, actor: Any, comment: Comment, into: Comment) -> Comment:
    """Group a comment with another on the same passage: one answer then covers both."""
    require(actor, Comment, Action.CHANGE, comment.consultation.owner)
    if into.pk == comment.pk or into.consultation_id != comment.consultation_id:
        raise UserError(_("Only another comment on the same draft can be merged into it."))
    if into.paragraph_id != comment.paragraph_id:
        raise UserError(_("Only comments on the same paragraph of the draft can be merged."))
    if into.merged_into_id:
        into = into.merged_into  # type: ignore[assignment]
    with transaction.atomic(), acting_as(actor):
        comment.merged_into = into
        comment.bump_version()
        comment.save()
    return comment
