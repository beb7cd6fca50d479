"""The API maps the service errors once, in ``danvan/api.py``: a refusal of permission is a
403, bad input a 400, a stale version or other conflict a 409 — each an ``ApiError`` body with
the Vietnamese message, whichever router the service was called from."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from danvan.api import api
from danvan.core.errors import Conflict, StaleVersion, UserError


@pytest.mark.parametrize(
    ("exc", "status", "detail"),
    [
        (PermissionDenied(), 403, "Bạn không có quyền thực hiện thao tác này."),
        (UserError("Thiếu hạn hoàn thành."), 400, "Thiếu hạn hoàn thành."),
        (StaleVersion("Dữ liệu đã được người khác cập nhật."), 409, None),
        (Conflict("Khóa Idempotency-Key đã dùng cho đơn khác."), 409, None),
    ],
)
def test_service_errors_have_one_mapping(exc: Exception, status: int, detail: str | None) -> None:
    request = RequestFactory().post("/api/v1/anything")
    response = api.on_exception(request, exc)
    assert response.status_code == status
    body = json.loads(response.content)
    assert body["detail"] == (detail if detail is not None else str(exc))
