"""The public portal of grassroots democracy (no sign-in, phone first, accessible).

Citizens read current disclosures by commune, decisions and their results, recommendations with
their answers, and comment on open drafts after verifying a phone number or e-mail with a
one-time code (shown on screen in DEBUG, where no SMS gateway exists). Flood protection: a
database-counted rate limit per address and per contact (``core.ratelimit``) and a honeypot.
Only published comments are shown; hidden and rejected ones never are. Django's templates
escape every comment.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import ratelimit
from danvan.core.audit import CITIZEN
from danvan.core.clientip import client_address
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .forms import CodeForm, CommentForm, ContactForm
from .models import (
    Comment,
    Consultation,
    Disclosure,
    PeopleBoard,
    PeopleDecision,
    SupervisionRecommendation,
)
from .services import consultation as consult

SESSION_KEY = "participation_verified"


def _verified(request: HttpRequest, consultation: Consultation) -> str:
    return str(request.session.get(SESSION_KEY, {}).get(str(consultation.pk), ""))


def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    published = Consultation.objects.published().select_related("owner")
    communes = (
        OrgUnit.objects.current()
        .filter(kind=OrgUnitKind.COMMUNE, disclosures__in=Disclosure.objects.current(today))
        .distinct()
        .order_by("name")
    )
    return render(
        request,
        "participation/portal/index.html",
        {
            "open": published.open_on(today).order_by("closes_on"),
            "closed": published.closed_on(today).order_by("-closes_on")[:50],
            "communes": communes[:500],
        },
    )


def unit(request: HttpRequest, pk: int) -> HttpResponse:
    place = OrgUnit.objects.current().filter(pk=pk).first()
    if place is None:
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "participation/portal/unit.html",
        {
            "unit": place,
            "disclosures": Disclosure.objects.current(today)
            .filter(owner=place)
            .select_related("item")
            .prefetch_related("channels"),
            "decisions": PeopleDecision.objects.filter(village__parent=place)
            .select_related("village", "matter")
            .order_by("-held_on")[:50],
            "recommendations": SupervisionRecommendation.objects.filter(answering_unit=place)
            .select_related("supervision_round__owner")
            .order_by("-made_on")[:50],
            "boards": PeopleBoard.objects.filter(owner=place, term_ends__gte=today)
            .prefetch_related("findings")
            .order_by("name"),
            "today": today,
        },
    )


def _rate_limited(request: HttpRequest, bucket: str, key: str = "") -> bool:
    address = client_address(request) or "?"
    limit = settings.PARTICIPATION_COMMENTS_PER_HOUR
    over_ip = ratelimit.hit(f"participation:{bucket}:ip:{address}", limit)
    over_key = bool(key) and ratelimit.hit(f"participation:{bucket}:who:{key[:40]}", limit)
    return over_ip or over_key


@require_http_methods(["GET", "POST"])
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    draft = Consultation.objects.published().select_related("owner").filter(pk=pk).first()
    if draft is None:
        raise Http404
    today = timezone.localdate()
    is_open = draft.is_open(today)
    verified = _verified(request, draft)
    contact_form = ContactForm(request.POST if request.POST.get("step") == "contact" else None)
    code_form = CodeForm(request.POST if request.POST.get("step") == "code" else None)
    # The passage chosen with «Comment on this passage» is carried through the verification.
    selected = request.GET.get("p") or request.POST.get("paragraph") or ""
    selected = selected if selected.isascii() and selected.isdigit() and len(selected) < 12 else ""
    here = reverse("participation:portal_consultation", args=[pk])
    back = f"{here}?p={selected}#comment-form" if selected else f"{here}#comment-form"
    comment_form = CommentForm(
        request.POST if request.POST.get("step") == "comment" else None,
        initial={"paragraph": selected},
    )
    shown_code = ""
    status = 200
    step = request.POST.get("step") if request.method == "POST" else None
    error = ""
    if step:
        if request.POST.get("website"):
            error = _("Your submission could not be accepted.")
        elif not is_open:
            error = (
                _("The period for comments is over (it ran until the end of %(date)s).")
                % {"date": f"{draft.closes_on:%d/%m/%Y}"}
                if draft.is_closed(today)
                else _("The draft has not been published for comments yet.")
            )
        try:
            if error:
                raise UserError(error)
            if step == "contact" and contact_form.is_valid():
                contact = contact_form.cleaned_data["contact"]
                code = consult.request_code(
                    draft, contact, client=client_address(request) or "?", actor=CITIZEN
                )
                request.session["participation_contact"] = contact
                if settings.DEBUG:
                    shown_code = code
                    request.session["participation_debug_code"] = code
            elif step == "code" and code_form.is_valid():
                contact = request.session.get("participation_contact", "")
                digest = consult.verify_code(
                    draft, contact, code_form.cleaned_data["code"], actor=CITIZEN
                )
                store = request.session.get(SESSION_KEY, {})
                store[str(draft.pk)] = digest
                request.session[SESSION_KEY] = store
                return redirect(back)
            elif step == "comment" and comment_form.is_valid():
                if not verified:
                    raise UserError(
                        _("Verify a phone number or an e-mail address before commenting.")
                    )
                if _rate_limited(request, "comment", verified):
                    raise UserError(_("You have sent too many comments; please try again later."))
                d = comment_form.cleaned_data
                paragraph = None
                if d["paragraph"]:
                    paragraph = draft.paragraphs.filter(pk=d["paragraph"]).first()
                    if paragraph is None:
                        raise UserError(_("The paragraph commented on is not part of this draft."))
                consult.submit_comment(
                    consultation=draft,
                    contact_digest=verified,
                    text=d["text"],
                    paragraph=paragraph,
                    stance=d["stance"],
                    author_name=d["author_name"],
                    email=d["email"],
                    today=today,
                    actor=CITIZEN,
                )
                request.session["participation_sent"] = draft.pk
                return redirect(f"{here}#sent")
            elif step in ("contact", "code", "comment"):
                status = 400
        except UserError as exc:
            error = exc.message
            status = 400
    comments = (
        Comment.objects.public()
        .filter(consultation=draft)
        .select_related("paragraph")
        .order_by("created_at", "id")
    )
    by_paragraph: dict[int | None, list[Comment]] = {}
    for comment in comments:
        by_paragraph.setdefault(comment.paragraph_id, []).append(comment)
    paragraphs = [(p, by_paragraph.get(p.pk, [])) for p in draft.paragraphs.all()]
    return render(
        request,
        "participation/portal/consultation.html",
        {
            "draft": draft,
            "is_open": is_open,
            "closed": draft.is_closed(today),
            "paragraphs": paragraphs,
            "whole": by_paragraph.get(None, []),
            "verified": bool(verified),
            "contact_form": contact_form,
            "code_form": code_form,
            "comment_form": comment_form,
            "code_sent": bool(request.session.get("participation_contact")) and not verified,
            "shown_code": shown_code
            or (request.session.get("participation_debug_code", "") if settings.DEBUG else ""),
            "selected": selected,
            "back": back,
            "error": error,
            "just_sent": request.session.pop("participation_sent", None) == draft.pk,
        },
        status=status,
    )
