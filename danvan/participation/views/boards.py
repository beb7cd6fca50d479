"""Officer pages of the people's boards and of the coordination programmes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import UserError, http_status
from danvan.core.scoping import (
    Action,
    get_object_for_user,
    holds_at,
    permission_name,
    units_where,
    user_can,
)
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .. import forms
from ..models import (
    BoardFinding,
    BoardKind,
    CoordinationProgramme,
    PeopleBoard,
    VillageHeadTerm,
)
from ..services import boards as board_services
from .common import _unit_param


def _units(user: Any, model: type[Any]) -> Any:
    return units_where(user, permission_name(model, Action.ADD)).order_by("path")


@login_required
def boards(request: HttpRequest) -> HttpResponse:
    rows = PeopleBoard.objects.visible_to(request.user).select_related("owner")[:200]
    return render(
        request,
        "participation/boards.html",
        {
            "rows": [(b, board_services.composition_problems(b)) for b in rows],
            "can_add": _units(request.user, PeopleBoard).exists(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_new(request: HttpRequest) -> HttpResponse:
    units = _units(request.user, PeopleBoard)
    if not units.exists():
        raise PermissionDenied
    form = forms.BoardForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            board = board_services.create_board(actor=request.user, **form.cleaned_data)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("participation:board", pk=board.pk)
    return render(
        request,
        "participation/form.html",
        {"form": form, "title": _("Record a people's board")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_detail(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_for_user(PeopleBoard.objects.select_related("owner"), request.user, pk=pk)
    can_change = user_can(request.user, PeopleBoard, Action.CHANGE, board)
    villages = OrgUnit.objects.current().filter(parent=board.owner, kind=OrgUnitKind.VILLAGE)
    op = request.POST.get("op")
    # Four forms on one page: each gets its own id prefix, or the labels of one form would
    # point at the fields of another (id_sent_on, id_starts_on, id_village appear twice).
    member_form = forms.MemberForm(
        request.POST if op == "member" else None, villages=villages, auto_id="member_%s"
    )
    plans = board.inspection_plans.all()
    finding_form = forms.FindingForm(
        request.POST if op == "finding" else None,
        initial={"sent_on": timezone.localdate()},
        plans=plans,
        auto_id="finding_%s",
    )
    is_inspection = board.kind == BoardKind.INSPECTION
    plan_form = forms.InspectionPlanForm(
        request.POST if op == "plan" else None,
        initial={"sent_on": timezone.localdate()},
        auto_id="plan_%s",
    )
    can_record_heads = is_inspection and holds_at(
        request.user, permission_name(VillageHeadTerm, Action.ADD), board.owner
    )
    head_form = forms.VillageHeadTermForm(
        request.POST if op == "head" else None, villages=villages, auto_id="head_%s"
    )
    answer_form = forms.FindingAnswerForm(request.POST if op == "answer" else None)
    status = 200
    if request.method == "POST":
        try:
            if op == "member" and can_change and member_form.is_valid():
                board_services.add_member(
                    actor=request.user, board=board, **member_form.cleaned_data
                )
            elif op == "finding" and can_change and finding_form.is_valid():
                board_services.record_finding(
                    actor=request.user, board=board, **finding_form.cleaned_data
                )
            elif op == "plan" and can_change and plan_form.is_valid():
                board_services.record_inspection_plan(
                    actor=request.user, board=board, **plan_form.cleaned_data
                )
            elif op == "head" and can_record_heads and head_form.is_valid():
                board_services.record_village_head_term(
                    actor=request.user, owner=board.owner, **head_form.cleaned_data
                )
            elif op == "answer" and answer_form.is_valid():
                d = answer_form.cleaned_data
                finding = board.findings.filter(pk=d["finding"]).first()
                if finding is None:
                    raise UserError(_("The finding was not found."))
                board_services.answer_finding(
                    actor=request.user,
                    finding=finding,
                    answer=d["answer"],
                    on=d["answered_on"],
                    version=d["version"],
                )
            elif (op in ("member", "finding", "plan") and not can_change) or (
                op == "head" and not can_record_heads
            ):
                raise PermissionDenied
            else:
                raise UserError(_("Please check what you entered."))
        except UserError as exc:
            status = http_status(exc)
            error = exc.message
        else:
            return redirect("participation:board", pk=pk)
    else:
        error = ""
    return render(
        request,
        "participation/board.html",
        {
            "board": board,
            "members": board.members.select_related("village"),
            "findings": board.findings.select_related("inspection_plan"),
            "problems": board_services.composition_problems(board),
            "can_change": can_change,
            "can_answer": holds_at(
                request.user, permission_name(BoardFinding, Action.CHANGE), board.owner
            ),
            "member_form": member_form,
            "finding_form": finding_form,
            "plan_form": plan_form,
            "plans": plans,
            "is_inspection": is_inspection,
            "head_form": head_form,
            "can_record_heads": can_record_heads,
            "heads": VillageHeadTerm.objects.filter(owner=board.owner).select_related("village"),
            "today": timezone.localdate(),
            "error": error,
            # The form that failed stays open with what was typed, next to its message.
            "failed": op if error else "",
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def coordination(request: HttpRequest) -> HttpResponse:
    unit = _unit_param(request, CoordinationProgramme)
    units = _units(request.user, CoordinationProgramme)
    form = forms.ProgrammeForm(request.POST or None, units=units)
    if request.method == "POST":
        if not units.exists():
            raise PermissionDenied
        if form.is_valid():
            try:
                board_services.record_programme(actor=request.user, **form.cleaned_data)
            except UserError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect(f"{request.path}?unit={unit.pk}")
    return render(
        request,
        "participation/coordination.html",
        {
            "unit": unit,
            "programmes": CoordinationProgramme.objects.visible_to(request.user)
            .select_related("owner")
            .order_by("-starts_on")[:200],
            "gaps": board_services.coordination_gaps(unit),
            "form": form if units.exists() else None,
            "today": timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )
