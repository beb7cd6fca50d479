"""Issue 17: the API answers every bad request with a declared 4xx and a Vietnamese message.

Each test here failed on the code before the fix: out-of-range integers reached the database
(500), refusals were not in the OpenAPI document, two schemas shared the name ``CountsOut``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from pydantic import BaseModel

from danvan.accounts.models import User
from danvan.accounts.services import issue_token
from danvan.core.audit import SYSTEM
from danvan.testing.fixtures import Tree

BIG = "99999999999999999999999"  # beyond a signed 64-bit integer


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(user, 'kiểm thử', actor=SYSTEM)[1]}"}


def _schema() -> dict[str, Any]:
    from danvan.api import api

    return api.get_openapi_schema(path_prefix="/api/v1")


def test_every_operation_declares_its_refusals() -> None:
    paths = _schema()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            codes = {int(c) for c in operation["responses"]}
            assert {400, 401, 403, 404, 422} <= codes, (method, path, codes)
    follow_up = paths["/api/v1/dialogues/follow-ups/{action_id}"]["patch"]["responses"]
    assert 409 in {int(c) for c in follow_up}


def _models(annotation: Any, seen: set[type]) -> None:
    """Every pydantic model reachable from an annotation (lists, unions, fields)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, seen)
        return
    for arg in getattr(annotation, "__args__", ()) or ():
        _models(arg, seen)


def test_schema_names_are_unique() -> None:
    """ninja keys components by class name: two classes of one name and one of them is
    documented for both (``/plans/{id}/compliance`` was checked against reporting's counts)."""
    from danvan.api import api

    seen: set[type] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    _models(model, seen)
                for model in operation.models:
                    _models(model, seen)
    by_name: dict[str, set[str]] = {}
    for model in seen:
        if model.__module__.startswith("danvan."):
            by_name.setdefault(model.__name__, set()).add(
                f"{model.__module__}.{model.__qualname__}"
            )
    clashes = {
        name: places
        for name, places in by_name.items()
        if len(places) > 1 and not _same_shape(name, seen)
    }
    assert not clashes


def _same_shape(name: str, models: set[type]) -> bool:
    shapes = {
        repr(sorted(m.model_json_schema()["properties"].items()))  # type: ignore[attr-defined]
        for m in models
        if m.__name__ == name
    }
    return len(shapes) == 1


def test_compliance_counts_are_documented_as_the_plans_counts() -> None:
    components = _schema()["components"]["schemas"]
    assert "on_time_pct" in components["ComplianceCountsOut"]["properties"]
    assert "expected" in components["CompletenessCountsOut"]["properties"]
    assert "CountsOut" not in components


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/petitions/?offset={BIG}",
        f"/api/v1/org-units/?offset={BIG}",
        "/api/v1/plans/?year=99999999999999999999",
        "/api/v1/plans/?year=10000",
        "/api/v1/dialogues/?year=10000",
        "/api/v1/documents/?year=10000",
        f"/api/v1/plans/{BIG}",
        f"/api/v1/org-units/{BIG}",
        f"/api/v1/petitions/?limit={BIG}",
        "/api/v1/org-units/?q=Cao%00Bang",
        "/api/v1/documents/?q=d%00an",
    ],
)
def test_out_of_range_parameters_are_a_422_in_vietnamese(url: str, province_officer: User) -> None:
    response = Client().get(url, headers=bearer(province_officer))
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"].startswith("Dữ liệu gửi lên không hợp lệ")
    assert body["errors"]


def test_refusals_speak_vietnamese(province_officer: User, tree: Tree) -> None:
    client = Client()
    anonymous = client.get("/api/v1/petitions/")
    assert anonymous.status_code == 401 and "mã truy cập" in anonymous.json()["detail"]
    year = client.get("/api/v1/plans/?year=3000", headers=bearer(province_officer))
    assert year.json()["detail"] == "Dữ liệu gửi lên không hợp lệ: year không được lớn hơn 2200."
    missing = client.get("/api/v1/plans/987654", headers=bearer(province_officer))
    assert missing.status_code == 404 and "Không tìm thấy" in missing.json()["detail"]
    garbled = client.post(
        "/api/v1/notifications/read",
        b"{not json",
        content_type="application/json",
        headers=bearer(province_officer),
    )
    assert garbled.status_code == 400 and "không đọc được" in garbled.json()["detail"]


def test_a_lone_surrogate_is_a_422_not_a_500(province_officer: User, tree: Tree) -> None:
    """JSON may carry "\\ud800"; pydantic keeps it, and no database can encode it."""
    from danvan.dialogues.models import Dialogue

    body = json.dumps(
        {
            "owner_id": tree.province.pk,
            "held_on": "2026-01-05",
            "place": "@@",
            "topic": "Giải phóng mặt bằng",
            "chaired_by": "Chủ tịch UBND tỉnh",
        }
    ).replace("@@", "\\ud800")
    response = Client().post(
        "/api/v1/dialogues/",
        body,
        content_type="application/json",
        headers=bearer(province_officer),
    )
    assert response.status_code == 422, response.content
    assert not Dialogue.objects.exists()


def test_an_id_beyond_bigint_in_a_body_is_a_422(province_officer: User) -> None:
    response = Client().post(
        "/api/v1/notifications/read",
        {"ids": [int(BIG)]},
        content_type="application/json",
        headers=bearer(province_officer),
    )
    assert response.status_code == 422, response.content


def test_a_body_django_refuses_is_a_json_400(province_officer: User, settings: Any) -> None:
    # Django raises SuspiciousOperation (here RequestDataTooBig) while the API reads the body;
    # without a handler the client got the HTML 400 page, which no operation documents.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 16
    response = Client().post(
        "/api/v1/plans/",
        data=json.dumps({"title": "x" * 200}),
        content_type="application/json",
        headers=bearer(province_officer),
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
