"""The JSON API under /api/v1/ (django-ninja); OpenAPI at /api/v1/openapi.json.

Machine clients send ``Authorization: Bearer dv_…`` with a token an administrator issued; it
acts with its owner's roles and scope. The web UI uses its session (with CSRF).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.security import HttpBearer, SessionAuth

from danvan.core.api_types import ApiError
from danvan.core.errors import UserError, http_status


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from danvan.accounts.services import user_for_token

        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class VerifiedSessionAuth(SessionAuth):
    """The browser session, unless the official still owes a two-factor code."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        from danvan.accounts.middleware import two_factor_step

        user = super().authenticate(request, key)
        if user and not user.is_verified() and two_factor_step(request):
            return None
        return user


# What every operation may answer besides its success, all with an ``ApiError`` body: bad input
# a service refused (400), no or a bad token (401), a caller without the right (403), nothing
# there or outside the caller's scope (404), a malformed or out-of-range parameter (422).
ERROR_RESPONSES = {
    400: "Dữ liệu không hợp lệ theo nghiệp vụ (thông báo tiếng Việt trong `detail`).",
    401: "Chưa xác thực: thiếu hoặc sai mã truy cập (Authorization: Bearer …).",
    403: "Không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy, hoặc ngoài phạm vi đơn vị của người gọi.",
    422: "Tham số hay nội dung sai kiểu, sai định dạng hoặc vượt giới hạn (`errors` chỉ rõ).",
}
# Every write may clash with what is stored now (core.errors.Conflict): a stale ``version``, an
# Idempotency-Key reused for another petition.
CONFLICT = (
    "Xung đột với dữ liệu hiện có: đã được người khác cập nhật (phiên bản cũ) hoặc khóa "
    "Idempotency-Key đã dùng cho nội dung khác."
)


class DanvanAPI(NinjaAPI):
    """The API with every refusal declared in its OpenAPI document, so that clients (and
    schemathesis) can rely on the status codes it answers."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        declare_error_responses(schema)
        return schema


def declare_error_responses(schema: dict[str, Any]) -> None:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ApiError"] = ApiError.model_json_schema(ref_template="#/components/schemas/{model}")
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = dict(ERROR_RESPONSES)
            if method != "get":
                codes[409] = CONFLICT
            for code, description in codes.items():
                existing = responses.get(code) or responses.get(str(code))
                if existing is None:
                    responses[code] = {"description": description, "content": ref}
                elif "content" not in existing:
                    existing["content"] = ref


api = DanvanAPI(
    title="Dân Vận API",
    version="1.0.0",
    urls_namespace="api",
    description=(
        "API của nền tảng Dân Vận (công tác dân vận chính quyền). Mọi dữ liệu được giới hạn "
        "theo vai trò và đơn vị của người dùng hoặc của chủ sở hữu mã truy cập."
    ),
    auth=[TokenAuth(), VerifiedSessionAuth()],
    # Swagger UI from the package's static files ("ninja" is an installed app): same origin
    # only, allowed by the CSP as it stands (no inline script, no CDN).
    docs=Swagger(),
)


# Every refusal is an ``ApiError`` with a Vietnamese ``detail`` (ninja's defaults are English).
@api.exception_handler(UserError)
def user_error(request: HttpRequest, exc: UserError) -> Any:
    errors = getattr(exc, "errors", None)
    body: dict[str, Any] = {"detail": exc.message}
    if isinstance(errors, dict):
        body["errors"] = {str(k): str(v) for k, v in errors.items()}
    return api.create_response(request, body, status=http_status(exc))


@api.exception_handler(SuspiciousOperation)
def suspicious_operation(request: HttpRequest, exc: SuspiciousOperation) -> Any:
    # Django answers these (a body too large, data it refuses to handle) with the HTML 400 page;
    # an API client gets the JSON refusal its schema documents instead.
    detail = gettext_lazy("The request was refused: its data cannot be handled.")
    return api.create_response(request, {"detail": str(detail)}, status=400)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> Any:
    message = str(exc) or _("You may not do this.")
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> Any:
    detail = _("Not found, or outside the scope of your unit.")
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(AuthenticationError)
def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> Any:
    detail = _("Sign in or send a valid access token (Authorization: Bearer …).")
    return api.create_response(request, {"detail": detail}, status=401)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> Any:
    detail = _("Too many requests; try again in a few minutes.")
    return api.create_response(request, {"detail": detail}, status=429)


# pydantic's messages are English and fixed; the common ones in the site's language (through
# gettext, Vietnamese by default), with their limits.
_WHOLE_NUMBER = gettext_lazy("must be a whole number")
_TRUE_OR_FALSE = gettext_lazy("must be true or false")
_ONE_OF = gettext_lazy("must be one of: %(expected)s")
_A_DATE = gettext_lazy("is not a valid date (YYYY-MM-DD)")
_AN_OBJECT = gettext_lazy("must be a JSON object")
_VALIDATION_MESSAGES = {
    "missing": gettext_lazy("is required"),
    "int_parsing": _WHOLE_NUMBER,
    "int_type": _WHOLE_NUMBER,
    "int_from_float": _WHOLE_NUMBER,
    "float_parsing": gettext_lazy("must be a number"),
    "bool_parsing": _TRUE_OR_FALSE,
    "bool_type": _TRUE_OR_FALSE,
    "string_type": gettext_lazy("must be a string of characters"),
    "less_than_equal": gettext_lazy("must not be greater than %(le)s"),
    "less_than": gettext_lazy("must be less than %(lt)s"),
    "greater_than_equal": gettext_lazy("must not be less than %(ge)s"),
    "greater_than": gettext_lazy("must be greater than %(gt)s"),
    "string_too_long": gettext_lazy("is longer than %(max_length)s characters"),
    "string_too_short": gettext_lazy("must have at least %(min_length)s characters"),
    "too_long": gettext_lazy("has more than %(max_length)s items"),
    "enum": _ONE_OF,
    "literal_error": _ONE_OF,
    "date_parsing": _A_DATE,
    "date_from_datetime_parsing": _A_DATE,
    "datetime_parsing": gettext_lazy("is not a valid moment (ISO 8601)"),
    "list_type": gettext_lazy("must be a list"),
    "dict_type": _AN_OBJECT,
    "model_attributes_type": _AN_OBJECT,
    "json_invalid": gettext_lazy("is not valid JSON"),
}


def _validation_message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "value_error":  # our own validators already speak the site's language
        return str(error.get("msg", "")).removeprefix("Value error, ")
    template = _VALIDATION_MESSAGES.get(kind)
    if template is None:
        return _("is not valid")
    # pydantic lists the expected values as "'a', 'b' or 'c'".
    word = pgettext("between alternatives", "or")
    alternative = f" {word} "
    ctx = {k: str(v).replace(" or ", alternative) for k, v in (error.get("ctx") or {}).items()}
    try:
        return str(template) % ctx
    except (KeyError, TypeError, ValueError):
        return str(template).split(" %(")[0]


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> Any:
    errors = []
    for e in exc.errors:
        loc = [str(p) for p in e.get("loc", ())]
        # ("body", "payload", "title") → "title"; ("query", "year") → "year".
        names = loc[2:] if loc[:2] == ["body", "payload"] else loc[1:]
        field = ".".join(names) or (loc[0] if loc else "?")
        errors.append(
            {"loc": loc, "field": field, "msg": _validation_message(e), "type": e.get("type", "")}
        )
    parts = sorted({f"{e['field']} {e['msg']}" for e in errors})
    detail = _("The data sent are not valid: %(problems)s.") % {"problems": "; ".join(parts)}
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


# ninja's own refusals carry fixed English texts (the first words of each, as ninja raises them);
# ours are already in the site's language through gettext, and may be English themselves.
_NINJA_MESSAGES = {
    "Cannot parse request body": gettext_lazy(
        "The request body cannot be read (malformed JSON or multipart)."
    ),
    "CSRF check Failed": gettext_lazy(
        "The request was refused (the session's CSRF token is missing)."
    ),
}


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> Any:
    detail = str(exc.message)
    for ninja_text, ours in _NINJA_MESSAGES.items():
        if detail.startswith(ninja_text):
            detail = str(ours)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


def _register_routers() -> None:
    from danvan.deadlines.api import deadlines_router
    from danvan.documents.api import router as documents_router
    from danvan.orgs.api import router as orgs_router

    api.add_router("/org-units/", orgs_router)
    api.add_router("/documents/", documents_router)
    api.add_router("/plans/", "danvan.plans.api.router")
    api.add_router("/deadlines/", deadlines_router)
    api.add_router("/petitions/", "danvan.petitions.casework.api.router")
    api.add_router("/reception/", "danvan.petitions.reception.api.router")
    api.add_router("/notifications/", "danvan.notifications.api.router")
    api.add_router("/dialogues/", "danvan.dialogues.api.router")
    api.add_router("/participation/", "danvan.participation.api.router")
    api.add_router("/hotspots/", "danvan.hotspots.api.router")
    api.add_router("/exemplars/", "danvan.exemplars.api.router")
    api.add_router("/training/", "danvan.training.api.router")
    api.add_router("/inspections/", "danvan.inspections.api.router")
    api.add_router("/reporting/", "danvan.reporting.api.router")
    api.add_router("/surveys/", "danvan.surveys.api.router")
    api.add_router("/evaluation/", "danvan.evaluation.api.router")


_register_routers()
