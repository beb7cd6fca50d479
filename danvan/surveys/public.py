"""The citizen's side: answer a unit's questionnaire from its link or QR code, on a phone,
without an account.

One answer per person: a random device token kept in a long-lived cookie (and, when the citizen
gives one, the phone number) is stored only as a salted hash; a second answer is refused. A
questionnaire that asks for a verified phone first takes the number, sends a one-time code
(:mod:`danvan.core.verification`; shown on screen in DEBUG, where no SMS gateway exists) and
shows the questions once the code is entered; the answer then carries that phone. Every sending
address is rate limited through :mod:`danvan.core.ratelimit`; a hidden honeypot field that
people never see catches form-filling robots, which are thanked and ignored.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core import ratelimit
from danvan.core.audit import CITIZEN
from danvan.core.clientip import client_address
from danvan.core.errors import UserError

from . import services
from .models import QuestionKind, Questionnaire, QuestionnaireStatus

DEVICE_COOKIE = "dv_khao_sat"
DEVICE_MAX_AGE = 3 * 365 * 24 * 3600
#: Answers one address may send in an hour (a commune hall's shared Wi-Fi sends many).
PER_ADDRESS_PER_HOUR = 60
HONEYPOT = "website"
#: Session keys: the phone a code was sent to, and the phone verified, per questionnaire.
PHONE_SENT, PHONE_VERIFIED, DEBUG_CODE = "surveys_phone_sent", "surveys_phone", "surveys_code"


def _session_phone(request: HttpRequest, key: str, questionnaire: Questionnaire) -> str:
    return str(request.session.get(key, {}).get(str(questionnaire.pk), ""))


def _remember(request: HttpRequest, key: str, questionnaire: Questionnaire, value: str) -> None:
    store = dict(request.session.get(key, {}))
    store[str(questionnaire.pk)] = value
    request.session[key] = store


def _phone_step(request: HttpRequest, questionnaire: Questionnaire, step: str) -> None:
    """Send a code to the phone given, or check the code entered (UserError when refused)."""
    if step == "phone":
        phone = request.POST.get("phone", "")[:20]
        code = services.request_phone_code(
            questionnaire, phone, client=client_address(request) or "?", actor=CITIZEN
        )
        _remember(request, PHONE_SENT, questionnaire, services.normalise_phone(phone))
        if settings.DEBUG:
            _remember(request, DEBUG_CODE, questionnaire, code)
        return
    phone = _session_phone(request, PHONE_SENT, questionnaire)
    number = services.verify_phone_code(
        questionnaire, phone, request.POST.get("code", "")[:12], actor=CITIZEN
    )
    _remember(request, PHONE_VERIFIED, questionnaire, number)


def _questionnaire(key: str) -> Questionnaire:
    found = Questionnaire.objects.select_related("owner").filter(public_key=key).first()
    if found is None or found.status == QuestionnaireStatus.DRAFT:
        raise Http404
    return found


def _answers_from(post: Any, questions: list[Any]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for q in questions:
        name = f"q-{q.code}"
        answers[q.code] = (
            post.getlist(name) if q.kind == QuestionKind.MULTIPLE else post.get(name, "")
        )
    return answers


def _device(request: HttpRequest) -> tuple[str, bool]:
    token = request.COOKIES.get(DEVICE_COOKIE, "")
    if len(token) == 32 and token.isalnum():
        return token, False
    return secrets.token_hex(16), True


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, key: str) -> HttpResponse:
    questionnaire = _questionnaire(key)
    questions = services.ordered_questions(questionnaire)
    token, new_token = _device(request)
    petition_code = (request.GET.get("don") or request.POST.get("don") or "").strip()[:20]
    error = ""
    submitted: dict[str, Any] = {}
    status = 200
    verified_phone = _session_phone(request, PHONE_VERIFIED, questionnaire)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if step in ("phone", "code") and questionnaire.phone_verification:
        if request.POST.get(HONEYPOT):
            return redirect("surveys_public:thanks", key=key)
        try:
            _phone_step(request, questionnaire, step)
        except UserError as exc:
            error, status = exc.message, 400
        else:
            return redirect(request.get_full_path())
    elif request.method == "POST":
        submitted = _answers_from(request.POST, questions)
        if request.POST.get(HONEYPOT):
            return redirect("surveys_public:thanks", key=key)
        if ratelimit.hit(f"surveys:answer:{client_address(request)}", PER_ADDRESS_PER_HOUR):
            error = _("Too many answers from your connection in an hour; please try again later.")
            status = 429
        else:
            try:
                services.submit_response(
                    questionnaire,
                    submitted,
                    device_token=token,
                    phone=(
                        verified_phone
                        if questionnaire.phone_verification
                        else request.POST.get("phone", "")
                    ),
                    petition_code=_valid_petition(questionnaire, petition_code),
                    actor=CITIZEN,
                )
            except UserError as exc:
                error, status = exc.message, 400
            else:
                done: HttpResponse = redirect("surveys_public:thanks", key=key)
                done.set_cookie(
                    DEVICE_COOKIE,
                    token,
                    max_age=DEVICE_MAX_AGE,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
                return done
    response = render(
        request,
        "surveys/public/answer.html",
        {
            "q": questionnaire,
            "questions": questions,
            "submitted": submitted,
            "error": error,
            "closed": questionnaire.status != QuestionnaireStatus.OPEN,
            "petition_code": petition_code,
            "honeypot": HONEYPOT,
            "needs_phone": questionnaire.phone_verification and not verified_phone,
            "verified_phone": verified_phone if questionnaire.phone_verification else "",
            "code_sent_to": _session_phone(request, PHONE_SENT, questionnaire),
            "debug_code": (
                _session_phone(request, DEBUG_CODE, questionnaire) if settings.DEBUG else ""
            ),
        },
        status=status,
    )
    if new_token:
        response.set_cookie(
            DEVICE_COOKIE,
            token,
            max_age=DEVICE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _valid_petition(questionnaire: Questionnaire, code: str) -> str:
    """The tracking code of an answered petition of the questionnaire's unit, or ""."""
    if not code or not questionnaire.for_petitions:
        return ""
    from danvan.petitions.casework.services.citizen import find_by_tracking_code

    try:
        petition = find_by_tracking_code(code)
    except UserError:
        return ""
    if petition.handling_unit_id != questionnaire.owner_id or not petition.answer_published:
        return ""
    return str(petition.tracking_code)


def thanks(request: HttpRequest, key: str) -> HttpResponse:
    return render(request, "surveys/public/thanks.html", {"q": _questionnaire(key)})
