"""The Fatherland Front's social critique of drafts, and the drafting units' answers.

Luật Mặt trận Tổ quốc Việt Nam 2015 (as amended by Luật 97/2025/QH15), Chương VI: Điều 32–34
define social critique, its subjects and forms; Điều 36 khoản 1: the drafting body sends the draft
«chậm nhất là 15 ngày trước khi trình cơ quan có thẩm quyền ban hành văn bản»
(``critique.min_days_before_submission``); Điều 36 khoản 3: it «trả lời bằng văn bản đối với kiến
nghị của Mặt trận Tổ quốc Việt Nam, trường hợp không tiếp thu kiến nghị thì phải giải trình», which
the Front may require (Điều 35 khoản 5). The law fixes no period for the answer:
``critique.answer_days`` after the critique was sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core.actors import user_of
from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import holds_at, permission_name
from danvan.orgs.models import OrgUnit

from ..models import CritiqueAcceptance, SocialCritique, rule_value
from .common import Action, a_date, bounded, require, required


def late_receipt_warning(received_on: dt.date, submission_on: dt.date, minimum: int) -> str:
    """The warning shown when the draft reached the Front fewer days before submission than
    the law requires ("" when it came in time)."""
    days = (submission_on - received_on).days
    if days >= minimum:
        return ""
    return _(
        "The draft reached the Front %(days)d days before it is submitted; the law requires at "
        "least %(minimum)d days (Law on the Fatherland Front, Article 36)."
    ) % {"days": days, "minimum": minimum}


def record_critique(
    *,
    actor: Any,
    owner: OrgUnit,
    drafting_unit: OrgUnit,
    draft_title: str,
    draft_received_on: dt.date,
    submission_on: dt.date,
    text: str,
    sent_on: dt.date,
    accept_late_draft: bool = False,
) -> SocialCritique:
    """Record a critique the Front sent, due for an answer in the province's days.

    A draft received fewer than the rule's days before submission is refused unless the Front
    confirms it critiqued it anyway (``accept_late_draft``): the record then carries the
    shortfall, shown wherever the critique is.
    """
    require(actor, SocialCritique, Action.ADD, owner)
    draft_title = bounded(required(draft_title, _("the title of the draft")), _("draft"), 300)
    text = bounded(required(text, _("the text of the critique")), _("critique"))
    a_date(draft_received_on, _("the date the draft was received"))
    a_date(submission_on, _("the date of submission"))
    a_date(sent_on, _("the date the critique was sent"))
    if submission_on < draft_received_on:
        raise UserError(_("The draft cannot be submitted before the Front received it."))
    if sent_on < draft_received_on:
        raise UserError(_("The critique cannot be sent before the draft was received."))
    minimum = rule_value("critique.min_days_before_submission", drafting_unit)
    warning = late_receipt_warning(draft_received_on, submission_on, minimum)
    if warning and not accept_late_draft:
        raise UserError(
            warning + " " + _("Confirm that the Front critiqued it anyway to record it.")
        )
    days = rule_value("critique.answer_days", drafting_unit)
    with transaction.atomic(), acting_as(actor):
        critique = SocialCritique.objects.create(
            owner=owner,
            drafting_unit=drafting_unit,
            draft_title=draft_title,
            draft_received_on=draft_received_on,
            submission_on=submission_on,
            min_days_before=minimum,
            text=text,
            sent_on=sent_on,
            due_on=sent_on + dt.timedelta(days=days),
            created_by=user_of(actor),
        )
        from danvan.notifications.services import notify, officials_holding

        notify(
            f"participation.critique:{critique.pk}:sent",
            officials_holding(permission_name(SocialCritique, Action.CHANGE), drafting_unit),
            _("Social critique of a draft: %(title)s") % {"title": draft_title[:120]},
            _("%(front)s sent its critique. Answer in writing by %(due)s.")
            % {"front": owner.name, "due": f"{critique.due_on:%d/%m/%Y}"},
            url=reverse("participation:critique", args=[critique.pk]),
        )
    return critique


def answer_critique(
    *,
    actor: Any,
    critique: SocialCritique,
    acceptance: str,
    answer: str,
    reasons_not_accepted: str = "",
    on: dt.date,
    version: Any,
) -> SocialCritique:
    """Only the unit whose draft it is answers; what it does not accept needs its reasons."""
    unit = critique.drafting_unit
    if not holds_at(actor, permission_name(SocialCritique, Action.CHANGE), unit):
        raise UserError(
            _("Only %(unit)s (whose draft it is) can answer this critique.") % {"unit": unit.name}
        )
    critique.check_version(version)
    if acceptance not in CritiqueAcceptance.values:
        raise UserError(_("Say whether the critique was accepted in full, in part or not."))
    answer = bounded(required(answer, _("the answer")), _("answer"))
    reasons = bounded((reasons_not_accepted or "").strip(), _("reasons"))
    if acceptance != CritiqueAcceptance.ACCEPTED and not reasons:
        raise UserError(
            _(
                "Give the reasons for what is not accepted "
                "(Law on the Fatherland Front, Article 36)."
            )
        )
    a_date(on, _("the date of the answer"))
    if on < critique.sent_on:
        raise UserError(_("The answer cannot be dated before the critique was sent."))
    with transaction.atomic(), acting_as(actor):
        critique.acceptance, critique.answer = acceptance, answer
        critique.reasons_not_accepted = reasons
        if critique.answered_on is None:
            critique.answered_on = on
        critique.answered_by = user_of(actor)
        critique.bump_version()
        critique.save()
    return critique
