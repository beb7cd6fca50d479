"""The JSON API under /api/v1/ (django-ninja); OpenAPI at /api/v1/openapi.json.

Machine clients send ``Authorization: Bearer dv_…`` with a token an administrator issued; it
acts with its owner's roles and scope. The web UI uses its session (with CSRF).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Swagger
from ninja.security import HttpBearer, SessionAuth

from danvan.core.errors import Conflict, UserError


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


api = NinjaAPI(
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


@api.exception_handler(UserError)
def user_error(request: HttpRequest, exc: UserError) -> Any:
    status = 409 if isinstance(exc, Conflict) else 400
    return api.create_response(request, {"detail": exc.message}, status=status)


def _register_routers() -> None:
    from danvan.documents.api import router as documents_router
    from danvan.orgs.api import router as orgs_router
    from danvan.petitions.api import deadlines_router

    api.add_router("/org-units/", orgs_router)
    api.add_router("/documents/", documents_router)
    api.add_router("/plans/", "danvan.plans.api.router")
    api.add_router("/deadlines/", deadlines_router)
    api.add_router("/petitions/", "danvan.petitions.casework.api.router")
    api.add_router("/notifications/", "danvan.notifications.api.router")
    api.add_router("/dialogues/", "danvan.dialogues.api.router")
    api.add_router("/hotspots/", "danvan.hotspots.api.router")
    api.add_router("/reporting/", "danvan.reporting.api.router")


_register_routers()
