"""Officer pages: dialogues (list, record, page) and follow-up actions (list, page, update)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import UserError, http_status
from danvan.core.lists import listing, render_list
from danvan.core.scoping import Action, get_object_for_user, user_can
from danvan.core.uploads import serve_file

from .filters import DialogueFilter, FollowUpFilter
from .forms import (
    ConclusionForm,
    DialogueForm,
    FollowUpForm,
    FollowUpUpdateForm,
    ParticipantForm,
)
from .models import Dialogue, FollowUpAction, FollowUpStatus, overdue_q
from .services import (
    add_conclusion,
    add_follow_up,
    add_participant,
    can_update_follow_up,
    create_dialogue,
    follow_up_for,
    units_where,
    update_dialogue,
    update_follow_up,
)


@login_required
def dialogue_list(request: HttpRequest) -> HttpResponse:
    """Dialogues of the official's scope, newest first, with their follow-up counts."""
    today = timezone.localdate()
    visible = Dialogue.objects.visible_to(request.user)
    dialogues = visible.select_related("owner").annotate(
        n_follow_ups=Count("follow_ups", distinct=True),
        n_open=Count(
            "follow_ups", filter=~Q(follow_ups__status=FollowUpStatus.DONE), distinct=True
        ),
        n_overdue=Count("follow_ups", filter=overdue_q(today, "follow_ups__"), distinct=True),
    )
    found = listing(request, DialogueFilter, dialogues)
    context = found.context(can_add=units_where(request.user, Dialogue, Action.ADD).exists())
    return render_list(request, "dialogues/list.html", "dialogues/_dialogue_rows.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_create(request: HttpRequest) -> HttpResponse:
    """Record a dialogue that took place: who, what was said, what was concluded."""
    if not units_where(request.user, Dialogue, Action.ADD).exists():
        raise PermissionDenied
    form = DialogueForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = create_dialogue(
                form.cleaned_data["owner"],
                participants=form.participants(),
                conclusions=form.conclusion_texts(),
                minutes=form.cleaned_data.get("minutes"),
                **form.dialogue_fields(),
                actor=request.user,
            )
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The dialogue is recorded. Now assign its follow-ups."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    return render(request, "dialogues/form.html", {"form": form, "dialogue": None})


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = get_object_for_user(Dialogue, request.user, Action.CHANGE, pk=pk)
    initial = {f: getattr(dialogue, f) for f in DialogueForm.base_fields if hasattr(dialogue, f)}
    form = DialogueForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        editing=dialogue,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_dialogue(
                dialogue,
                minutes=form.cleaned_data.get("minutes"),
                **form.dialogue_fields(),
                actor=request.user,
            )
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    return render(request, "dialogues/form.html", {"form": form, "dialogue": dialogue})


def _detail_context(request: HttpRequest, dialogue: Dialogue, **extra: Any) -> dict[str, Any]:
    today = timezone.localdate()
    can_change = user_can(request.user, Dialogue, Action.CHANGE, dialogue)
    follow_ups = (
        dialogue.follow_ups.with_overdue(today)  # type: ignore[attr-defined]
        .select_related("responsible_unit", "conclusion")
        .prefetch_related("supporting_units")
        .order_by("due_on", "id")
    )
    form = FollowUpForm(user=request.user, dialogue=dialogue) if can_change else None
    context = {
        "dialogue": dialogue,
        "participants": list(dialogue.participants.all()),
        "conclusions": list(dialogue.conclusions.all()),
        "follow_ups": follow_ups,
        "can_change": can_change,
        "follow_up_form": form,
        "conclusion_form": ConclusionForm() if can_change else None,
        "participant_form": ParticipantForm() if can_change else None,
    }
    context.update(extra)
    return context


@login_required
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = get_object_for_user(
        Dialogue.objects.select_related("owner", "created_by"), request.user, pk=pk
    )
    return render(request, "dialogues/detail.html", _detail_context(request, dialogue))


@login_required
@require_POST
def follow_up_add(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = get_object_for_user(
        Dialogue.objects.select_related("owner"), request.user, Action.CHANGE, pk=pk
    )
    form = FollowUpForm(request.POST, user=request.user, dialogue=dialogue)
    if form.is_valid():
        try:
            add_follow_up(dialogue, **form.cleaned_data, actor=request.user)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The follow-up action is assigned."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    context = _detail_context(request, dialogue, follow_up_form=form)
    return render(request, "dialogues/detail.html", context, status=400)


@login_required
@require_POST
def conclusion_add(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = get_object_for_user(Dialogue, request.user, Action.CHANGE, pk=pk)
    form = ConclusionForm(request.POST)
    if form.is_valid():
        try:
            add_conclusion(dialogue, form.cleaned_data["text"], actor=request.user)
        except UserError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Write the conclusion before adding it."))
    return redirect("dialogues:detail", pk=dialogue.pk)


@login_required
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = get_object_for_user(Dialogue, request.user, Action.CHANGE, pk=pk)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        try:
            add_participant(dialogue, **form.cleaned_data, actor=request.user)
        except UserError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Give the participant's name."))
    return redirect("dialogues:detail", pk=dialogue.pk)


@login_required
def minutes_download(request: HttpRequest, pk: int) -> FileResponse:
    dialogue = get_object_for_user(Dialogue, request.user, pk=pk)
    if not dialogue.minutes:
        raise Http404
    try:
        handle = dialogue.minutes.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return serve_file(handle, filename=dialogue.minutes_name or "bien-ban")


@login_required
def follow_up_list(request: HttpRequest) -> HttpResponse:
    """Follow-ups the official can see: of their dialogues, and those their units must do."""
    today = timezone.localdate()
    actions = (
        FollowUpAction.objects.visible_to(request.user)
        .with_overdue(today)
        .select_related("dialogue__owner", "responsible_unit")
    )
    found = listing(request, FollowUpFilter, actions)
    context = found.context(today=today)
    return render_list(
        request, "dialogues/follow_ups.html", "dialogues/_follow_up_rows.html", context
    )


def _follow_up_context(request: HttpRequest, action: FollowUpAction, form: Any = None) -> Any:
    can_update = can_update_follow_up(request.user, action)
    if form is None and can_update:
        form = FollowUpUpdateForm(
            initial={"version": action.version, "status": action.status, "percent": action.percent}
        )
    can_move_due = user_can(request.user, FollowUpAction, Action.CHANGE, action)
    if form is not None and not can_move_due:
        form.fields.pop("due_on", None)
    return {
        "action": action,
        "overdue": action.is_overdue(),
        "supporting": list(action.supporting_units.all()),
        "updates": list(action.updates.select_related("by").order_by("-at", "-id")),
        "form": form if can_update else None,
        # The unit responsible for a follow-up may sit outside the dialogue's owner scope: it
        # reads the follow-up, and the dialogue is linked only when it may open that as well.
        "can_read_dialogue": user_can(request.user, Dialogue, Action.VIEW, action.dialogue),
    }


@login_required
def follow_up_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = follow_up_for(request.user, pk)
    return render(request, "dialogues/follow_up.html", _follow_up_context(request, action))


@login_required
@require_POST
def follow_up_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Report progress (HTMX: answers with the refreshed panel)."""
    action = follow_up_for(request.user, pk)
    if not can_update_follow_up(request.user, action):
        raise PermissionDenied
    form = FollowUpUpdateForm(request.POST)
    shown: FollowUpUpdateForm | None = form
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            update_follow_up(
                action,
                version=data["version"],
                status=data["status"],
                percent=data["percent"],
                note=data.get("note") or "",
                due_on=data.get("due_on"),
                actor=request.user,
            )
        except UserError as exc:
            form.add_error(None, exc.message)
            status = http_status(exc)
        else:
            if not request.htmx:  # type: ignore[attr-defined]
                messages.success(request, _("Progress saved."))
                return redirect("dialogues:follow_up", pk=action.pk)
            shown = None  # a fresh form with the new version
    else:
        status = 400
    context = _follow_up_context(request, action, shown)
    if request.htmx:  # type: ignore[attr-defined]
        # HTMX swaps only 2xx answers: the refused update comes back as 200 with its message.
        context["saved"] = status == 200
        return render(request, "dialogues/_follow_up_panel.html", context)
    return render(request, "dialogues/follow_up.html", context, status=status)
