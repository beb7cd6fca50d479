"""The JSON API under /api/v1/ (django-ninja); OpenAPI at /api/v1/openapi.json.

Machine clients send ``Authorization: Bearer dv_…`` with a token an administrator issued; it
acts with its owner's roles and scope. The web UI uses its session (with CSRF).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
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


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> Any:
    message = str(exc) or "Bạn không có quyền thực hiện thao tác này."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> Any:
    detail = "Không tìm thấy, hoặc không thuộc phạm vi đơn vị của bạn."
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(AuthenticationError)
def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> Any:
    detail = "Cần đăng nhập hoặc gửi mã truy cập hợp lệ (Authorization: Bearer …)."
    return api.create_response(request, {"detail": detail}, status=401)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> Any:
    detail = "Quá nhiều yêu cầu; hãy thử lại sau ít phút."
    return api.create_response(request, {"detail": detail}, status=429)


# pydantic's messages are English; the common ones in Vietnamese, with their limits.
_VALIDATION_MESSAGES = {
    "missing": "bắt buộc phải có",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "string_type": "phải là chuỗi ký tự",
    "less_than_equal": "không được lớn hơn {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "greater_than_equal": "không được nhỏ hơn {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "string_too_long": "dài quá {max_length} ký tự",
    "string_too_short": "phải có ít nhất {min_length} ký tự",
    "too_long": "có quá {max_length} phần tử",
    "enum": "phải là một trong: {expected}",
    "literal_error": "phải là một trong: {expected}",
    "date_parsing": "không phải ngày hợp lệ (YYYY-MM-DD)",
    "date_from_datetime_parsing": "không phải ngày hợp lệ (YYYY-MM-DD)",
    "datetime_parsing": "không phải thời điểm hợp lệ (ISO 8601)",
    "list_type": "phải là một danh sách",
    "dict_type": "phải là một đối tượng JSON",
    "model_attributes_type": "phải là một đối tượng JSON",
    "json_invalid": "không phải JSON hợp lệ",
}


def _validation_message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "value_error":  # our own validators already speak Vietnamese
        return str(error.get("msg", "")).removeprefix("Value error, ")
    template = _VALIDATION_MESSAGES.get(kind)
    if template is None:
        return "giá trị không hợp lệ"
    try:
        return template.format(**(error.get("ctx") or {})).replace(" or ", " hoặc ")
    except (KeyError, IndexError):
        return template.split(" {")[0]


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
    detail = "Dữ liệu gửi lên không hợp lệ: " + "; ".join(parts) + "."
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


_NINJA_MESSAGES = {
    400: "Nội dung yêu cầu không đọc được (JSON hay multipart sai định dạng).",
    403: "Yêu cầu bị từ chối (thiếu mã CSRF của phiên đăng nhập).",
}


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> Any:
    # ninja's own refusals carry English text; ours are already Vietnamese.
    detail = (
        _NINJA_MESSAGES.get(exc.status_code, exc.message) if exc.message.isascii() else exc.message
    )
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
