"""Domain operations of dialogues: record a dialogue, its participants and conclusions, and
assign and update follow-up actions.

Every write runs in one transaction as the acting user (audited) and refuses bad input with a
Vietnamese :class:`UserError` before anything is written. Follow-up updates carry the version
the caller read; a stale one is refused, so two officials cannot overwrite each other unseen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from danvan.core import scoping
from danvan.core.audit import acting_as, user_of
from danvan.core.errors import UserError
from danvan.core.scoping import Action, check_assignees, holds_at, permission_name, user_can
from danvan.core.uploads import CheckedUpload, UploadPurpose, check_upload
from danvan.orgs.models import OrgUnit

from .models import (
    Conclusion,
    Dialogue,
    DialogueKind,
    FollowUpAction,
    FollowUpStatus,
    FollowUpUpdate,
    Participant,
    ParticipantKind,
)

# The signed minutes of a dialogue: a scan, a photo or the document itself.
MINUTES_UPLOAD = UploadPurpose(
    "dialogues.minutes",
    exts=(".pdf", ".docx", ".doc", ".odt", ".jpg", ".jpeg", ".png"),
    size_setting="DIALOGUES_MAX_MINUTES_BYTES",
    noun=pgettext_lazy("upload", "minutes"),
)
DIALOGUE_FIELDS = (
    "held_on",
    "place",
    "topic",
    "chaired_by",
    "kind",
    "basis",
    "record",
    "officials_count",
    "citizens_count",
)


# --- permissions ----------------------------------------------------------------------------


def units_where(user: Any, model: type[Any], action: str) -> QuerySet[OrgUnit]:
    """Current units at which ``user`` holds ``action`` on ``model``."""
    return scoping.units_where(user, permission_name(model, action))


def can_add_at(user: Any, unit: OrgUnit) -> bool:
    return holds_at(user, permission_name(Dialogue, Action.ADD), unit)


def follow_up_for(user: Any, pk: int, action: str = Action.VIEW) -> FollowUpAction:
    """A follow-up the user may ``action`` (as owner of the dialogue or responsible unit)."""
    try:
        return (
            FollowUpAction.objects.visible_to(user, action)
            .select_related("dialogue__owner", "responsible_unit", "conclusion")
            .get(pk=pk)
        )
    except (FollowUpAction.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_update_follow_up(user: Any, action: FollowUpAction) -> bool:
    """The dialogue's owner and the responsible unit report progress (the assignee rule)."""
    return user_can(user, FollowUpAction, Action.REPORT, action)


# --- validation -----------------------------------------------------------------------------


def _required(value: Any, label: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UserError(_("Missing: %(what)s.") % {"what": label})


def _clean_dialogue(fields: dict[str, Any], today: dt.date) -> dict[str, Any]:
    clean = {k: v for k, v in fields.items() if k in DIALOGUE_FIELDS}
    for key, label in (
        ("held_on", _("the date of the dialogue")),
        ("place", _("the place of the dialogue")),
        ("topic", _("the subject of the dialogue")),
        ("chaired_by", _("who chaired the dialogue")),
    ):
        if key in clean:
            _required(clean[key], label)
    held_on = clean.get("held_on")
    if held_on is not None:
        if not isinstance(held_on, dt.date):
            raise UserError(_("The date of the dialogue is not valid (format YYYY-MM-DD)."))
        if held_on > today:
            raise UserError(
                _("The date of the dialogue cannot be in the future: record only dialogues held.")
            )
    if "kind" in clean and clean["kind"] not in DialogueKind.values:
        raise UserError(_("The kind of dialogue is not valid (periodic, ad hoc or thematic)."))
    for key in ("officials_count", "citizens_count"):
        if key in clean:
            value = clean[key]
            if value is None or value == "":
                clean[key] = 0
            elif not isinstance(value, int) or value < 0:
                raise UserError(_("The number of attendees must be a whole number, not negative."))
    for key in ("place", "topic", "chaired_by", "basis", "record"):
        if key in clean and isinstance(clean[key], str):
            clean[key] = clean[key].strip()
    return clean


@dataclass
class ParticipantIn:
    kind: str
    name: str
    position: str = ""
    note: str = ""


def _clean_participants(rows: Iterable[ParticipantIn | dict[str, Any]]) -> list[ParticipantIn]:
    clean = []
    for row in rows:
        item = row if isinstance(row, ParticipantIn) else ParticipantIn(**row)
        if not item.name or not item.name.strip():
            raise UserError(_("The name of an attendee is missing."))
        if item.kind not in ParticipantKind.values:
            raise UserError(
                _("The kind of attendee is not valid (official or citizens' representative).")
            )
        clean.append(
            ParticipantIn(item.kind, item.name.strip(), item.position.strip(), item.note.strip())
        )
    return clean


# --- dialogues ------------------------------------------------------------------------------


def create_dialogue(
    owner: OrgUnit,
    *,
    participants: Sequence[ParticipantIn | dict[str, Any]] = (),
    conclusions: Sequence[str] = (),
    minutes: UploadedFile | None = None,
    today: dt.date | None = None,
    actor: Any,
    **fields: Any,
) -> Dialogue:
    """Record a dialogue held by ``owner`` with its participants and conclusions."""
    if not can_add_at(actor, owner):
        raise PermissionDenied
    today = today or timezone.localdate()
    for key in ("held_on", "place", "topic", "chaired_by"):
        fields.setdefault(key, None)
    clean = _clean_dialogue(fields, today)
    people = _clean_participants(participants)
    texts = [t.strip() for t in conclusions if t and t.strip()]
    checked = check_upload(MINUTES_UPLOAD, minutes.name or "", minutes) if minutes else None
    with transaction.atomic(), acting_as(actor):
        dialogue = Dialogue.objects.create(owner=owner, created_by=user_of(actor), **clean)
        _add_people(dialogue, people)
        for n, text in enumerate(texts, start=1):
            Conclusion.objects.create(dialogue=dialogue, position=n, text=text)
        if checked is not None:
            _store_minutes(dialogue, checked)
    return dialogue


def _add_people(dialogue: Dialogue, people: list[ParticipantIn]) -> None:
    for p in people:
        Participant.objects.create(
            dialogue=dialogue, kind=p.kind, name=p.name, position=p.position, note=p.note
        )


def _store_minutes(dialogue: Dialogue, minutes: CheckedUpload) -> None:
    dialogue.minutes_name = minutes.name[:255]
    dialogue.minutes.save(minutes.name, ContentFile(minutes.data), save=False)
    dialogue.save(update_fields=["minutes", "minutes_name", "updated_at"])


def _require_change(dialogue: Dialogue, *, actor: Any) -> None:
    if not user_can(actor, Dialogue, Action.CHANGE, dialogue):
        raise PermissionDenied


def update_dialogue(
    dialogue: Dialogue,
    *,
    minutes: UploadedFile | None = None,
    today: dt.date | None = None,
    actor: Any,
    **fields: Any,
) -> Dialogue:
    """Correct the record of a dialogue (and attach or replace the signed minutes)."""
    _require_change(dialogue, actor=actor)
    clean = _clean_dialogue(fields, today or timezone.localdate())
    checked = check_upload(MINUTES_UPLOAD, minutes.name or "", minutes) if minutes else None
    with transaction.atomic(), acting_as(actor):
        for key, value in clean.items():
            setattr(dialogue, key, value)
        dialogue.save()
        if checked is not None:
            _store_minutes(dialogue, checked)
    return dialogue


def add_participant(dialogue: Dialogue, *, actor: Any, **fields: Any) -> Participant:
    _require_change(dialogue, actor=actor)
    (person,) = _clean_participants([fields])
    with transaction.atomic(), acting_as(actor):
        return Participant.objects.create(
            dialogue=dialogue,
            kind=person.kind,
            name=person.name,
            position=person.position,
            note=person.note,
        )


def add_conclusion(dialogue: Dialogue, text: str, *, actor: Any) -> Conclusion:
    _require_change(dialogue, actor=actor)
    if not text or not text.strip():
        raise UserError(_("The text of the conclusion is missing."))
    with transaction.atomic(), acting_as(actor):
        last = dialogue.conclusions.order_by("-position").values_list("position", flat=True)
        position = (last.first() or 0) + 1
        return Conclusion.objects.create(dialogue=dialogue, position=position, text=text.strip())


# --- follow-up actions ----------------------------------------------------------------------


def add_follow_up(
    dialogue: Dialogue,
    *,
    title: str,
    responsible_unit: OrgUnit | None,
    due_on: dt.date | None,
    supporting_units: Iterable[OrgUnit] = (),
    conclusion: Conclusion | None = None,
    description: str = "",
    actor: Any,
) -> FollowUpAction:
    """Assign a follow-up action of ``dialogue`` to a responsible unit with a due date."""
    _require_change(dialogue, actor=actor)
    _required(title, _("what the follow-up action is"))
    if responsible_unit is None:
        raise UserError(_("The unit responsible for the action is missing."))
    if due_on is None:
        raise UserError(_("The due date of the action is missing."))
    if due_on < dialogue.held_on:
        raise UserError(_("The due date cannot be before the date of the dialogue."))
    if conclusion is not None and conclusion.dialogue_id != dialogue.pk:
        raise UserError(_("The chosen conclusion is not one of this dialogue's."))
    supporters = [u for u in supporting_units if u.pk != responsible_unit.pk]
    check_assignees(
        dialogue.owner,
        [responsible_unit, *supporters],
        noun=pgettext("assignment", "follow-up action"),
    )
    with transaction.atomic(), acting_as(actor):
        action = FollowUpAction.objects.create(
            dialogue=dialogue,
            conclusion=conclusion,
            title=title.strip(),
            description=(description or "").strip(),
            responsible_unit=responsible_unit,
            due_on=due_on,
        )
        if supporters:
            action.supporting_units.set(supporters)
    return action


def update_follow_up(
    action: FollowUpAction,
    *,
    version: int | None,
    status: str | None = None,
    percent: int | None = None,
    note: str = "",
    due_on: dt.date | None = None,
    today: dt.date | None = None,
    actor: Any,
) -> FollowUpAction:
    """Report progress on a follow-up; refuses a stale ``version``.

    The owner of the dialogue and the responsible unit may both update. A new due date may be
    set only by the owner of the dialogue. Each update adds an entry to the timeline.
    """
    if not can_update_follow_up(actor, action):
        raise PermissionDenied
    today = today or timezone.localdate()
    new_status = status or action.status
    if new_status not in FollowUpStatus.values:
        raise UserError(_("The status is not valid (not started, in progress, done)."))
    new_percent = action.percent if percent is None else percent
    if not isinstance(new_percent, int) or not 0 <= new_percent <= 100:
        raise UserError(_("The percentage done must be a whole number from 0 to 100."))
    if new_status == FollowUpStatus.DONE:
        new_percent = 100
    elif new_percent == 100:
        new_status = FollowUpStatus.DONE
    elif new_percent > 0 and new_status == FollowUpStatus.NOT_STARTED:
        new_status = FollowUpStatus.IN_PROGRESS
    if due_on is not None and due_on != action.due_on:
        if not user_can(actor, FollowUpAction, Action.CHANGE, action):
            raise UserError(_("Only the unit that held the dialogue may change the due date."))
        if due_on < action.dialogue.held_on:
            raise UserError(_("The due date cannot be before the date of the dialogue."))
    with transaction.atomic(), acting_as(actor):
        # Lock the row, then compare versions: of two writers holding the same version, the
        # second finds it changed and is refused (SQLite serialises writers by itself).
        current = FollowUpAction.objects.select_for_update().get(pk=action.pk)
        current.check_version(version)
        current.status = new_status
        current.percent = new_percent
        if new_status != FollowUpStatus.DONE:
            current.completed_on = None
        elif current.completed_on is None:
            current.completed_on = today
        if due_on is not None:
            current.due_on = due_on
        current.bump_version()
        current.save()
        FollowUpUpdate.objects.create(
            action=current,
            by=user_of(actor),
            status=new_status,
            percent=new_percent,
            note=note.strip(),
        )
    for field in ("status", "percent", "completed_on", "due_on", "version", "updated_at"):
        setattr(action, field, getattr(current, field))
    return action
