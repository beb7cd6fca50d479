"""Open311 GeoReport v2 at /open311/v2/ so existing civic apps can file and follow feedback.

Services are our public topics; a request becomes a petition of kind «phản ánh» (feedback) from
the online source at the unit the API key belongs to. Only feedback and recommendations are
published through the API, with their content but never a petitioner's identity; our states map
to the standard's ``open``/``closed``. Posting needs an API key issued by an administrator
(``danvan open311 key NAME``); only its SHA-256 is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree import ElementTree as ET

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from danvan.core.audit import CITIZEN
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit

from .casework import services
from .casework.models import CLOSED_STATES
from .models import Open311Key, Petition, PetitionKind, Topic
from .portal import rate_limited

PUBLIC_KINDS = (PetitionKind.FEEDBACK, PetitionKind.RECOMMENDATION)
KEY_PREFIX = "o311_"


# --- keys ------------------------------------------------------------------------------------


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def issue_key(name: str, unit: OrgUnit | None = None) -> tuple[Open311Key, str]:
    """Create a key; the raw key is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise UserError(_("The name of the application receiving the Open311 key is missing."))
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = Open311Key.objects.create(
        name=name,
        prefix=raw[len(KEY_PREFIX) : len(KEY_PREFIX) + 8],
        key_hash=hash_key(raw),
        handling_unit=unit,
    )
    return key, raw


def key_for(raw: str) -> Open311Key | None:
    if not raw:
        return None
    return Open311Key.objects.filter(key_hash=hash_key(raw), is_active=True).first()


# --- rendering ---------------------------------------------------------------------------------


def _xml(root: str, item: str, rows: list[dict[str, Any]]) -> bytes:
    top = ET.Element(root)
    for row in rows:
        element = ET.SubElement(top, item)
        for key, value in row.items():
            child = ET.SubElement(element, key)
            if isinstance(value, list):
                for v in value:
                    ET.SubElement(child, key.rstrip("s") or "item").text = str(v)
            elif value is not None:
                child.text = str(value).lower() if isinstance(value, bool) else str(value)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")


def _respond(
    fmt: str, rows: list[dict[str, Any]] | dict[str, Any], root: str, item: str, status: int = 200
) -> HttpResponse:
    if fmt == "xml":
        data = rows if isinstance(rows, list) else [rows]
        return HttpResponse(
            _xml(root, item, data), content_type="text/xml; charset=utf-8", status=status
        )
    return JsonResponse(rows, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def _error(fmt: str, code: int, description: str) -> HttpResponse:
    return _respond(fmt, [{"code": code, "description": description}], "errors", "error", code)


def _unstorable(params: Any) -> str | None:
    """A NUL byte in any parameter: PostgreSQL refuses it in text (a 500 if it got there)."""
    for name, values in params.lists():
        if "\x00" in name or any("\x00" in v for v in values):
            return f"Tham số «{name.replace(chr(0), '')}» chứa ký tự NUL không hợp lệ."
    return None


def _too_long(value: str, model_field: str, label: str) -> str | None:
    limit = getattr(Petition._meta.get_field(model_field), "max_length", None)
    if limit and len(value) > limit:
        return f"{label} dài {len(value)} ký tự, vượt quá {limit} ký tự cho phép."
    return None


def _fmt(fmt: str) -> str:
    return "xml" if fmt == "xml" else "json"


# --- endpoints ---------------------------------------------------------------------------------


def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/")
    body = {
        "changeset": "2026-01-01T00:00:00+07:00",
        "contact": settings.DEFAULT_FROM_EMAIL,
        "key_service": "Liên hệ quản trị viên hệ thống Dân Vận để được cấp khóa API.",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2026-01-01T00:00:00+07:00",
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    if _fmt(fmt) == "xml":
        top = ET.Element("discovery")
        for key in ("changeset", "contact", "key_service"):
            ET.SubElement(top, key).text = str(body[key])
        endpoints = ET.SubElement(top, "endpoints")
        endpoint = ET.SubElement(endpoints, "endpoint")
        for key in ("specification", "url", "changeset", "type"):
            ET.SubElement(endpoint, key).text = str(body["endpoints"][0][key])  # type: ignore[index]
        formats = ET.SubElement(endpoint, "formats")
        for f in ("application/json", "text/xml"):
            ET.SubElement(formats, "format").text = f
        return HttpResponse(
            b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8"),
            content_type="text/xml; charset=utf-8",
        )
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def _service(topic: Topic) -> dict[str, Any]:
    return {
        "service_code": topic.service_code,
        "service_name": topic.name,
        "description": topic.description,
        "metadata": False,
        "type": "realtime",
        "keywords": "",
        "group": "Phản ánh, kiến nghị",
    }


def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    topics = Topic.objects.filter(is_public=True)
    return _respond(_fmt(fmt), [_service(t) for t in topics], "services", "service")


def _topic_for(code: str) -> Topic | None:
    for topic in Topic.objects.filter(is_public=True):
        if topic.service_code == code:
            return topic
    return None


def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    fmt = _fmt(fmt)
    topic = _topic_for(code)
    if topic is None:
        return _error(fmt, 404, f"Không có dịch vụ (lĩnh vực) mã «{code}».")
    body = {"service_code": topic.service_code, "attributes": []}
    if fmt == "xml":
        top = ET.Element("service_definition")
        ET.SubElement(top, "service_code").text = topic.service_code
        ET.SubElement(top, "attributes")
        return HttpResponse(
            b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8"),
            content_type="text/xml; charset=utf-8",
        )
    return JsonResponse(body)


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return dt.datetime.combine(value, dt.time(0, 0), timezone.get_current_timezone()).isoformat()


def _request_row(p: Petition) -> dict[str, Any]:
    closed = p.state in CLOSED_STATES
    return {
        "service_request_id": p.tracking_code,
        "status": "closed" if closed else "open",
        "status_notes": p.answer if (closed and p.answer_published) else p.get_state_display(),
        "service_name": p.topic.name if p.topic else "",
        "service_code": p.topic.service_code if p.topic else "",
        "description": p.content,
        "agency_responsible": p.handling_unit.name,
        "service_notice": "",
        "requested_datetime": _iso(p.created_at),
        "updated_datetime": _iso(p.updated_at),
        "expected_datetime": _iso(p.due_on),
        "address": p.location or (p.place.name if p.place else ""),
        "address_id": "",
        "zipcode": "",
        "lat": float(p.latitude) if p.latitude is not None else None,
        "long": float(p.longitude) if p.longitude is not None else None,
        "media_url": "",
    }


def _public_requests() -> Any:
    return Petition.objects.filter(kind__in=PUBLIC_KINDS).select_related(
        "topic", "handling_unit", "place"
    )


def _parse_date(raw: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise UserError(
            _("The date «%(raw)s» is not in the W3C format (e.g. 2026-03-01T00:00:00Z).")
            % {"raw": raw}
        ) from None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


@csrf_exempt
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = _fmt(fmt)
    if request.method == "POST":
        return _post_request(request, fmt)
    if request.method != "GET":
        return _error(fmt, 405, "Chỉ hỗ trợ GET và POST.")
    qs = _public_requests()
    params = request.GET
    if problem := _unstorable(params):
        return _error(fmt, 400, problem)
    try:
        ids = [i.strip() for i in params.get("service_request_id", "").split(",") if i.strip()]
        if ids:
            qs = qs.filter(tracking_code__in=ids)
        else:
            if params.get("service_code"):
                topic = _topic_for(params["service_code"])
                qs = qs.filter(topic=topic) if topic else qs.none()
            end = _parse_date(params["end_date"]) if params.get("end_date") else None
            end = end or timezone.now()
            start = _parse_date(params["start_date"]) if params.get("start_date") else None
            start = start or end - dt.timedelta(days=90)
            qs = qs.filter(created_at__gte=start, created_at__lte=end)
            status = params.get("status", "")
            if status == "open":
                qs = qs.exclude(state__in=CLOSED_STATES)
            elif status == "closed":
                qs = qs.filter(state__in=CLOSED_STATES)
            elif status:
                raise UserError(_("The status parameter takes only open or closed."))
    except UserError as exc:
        return _error(fmt, 400, exc.message)
    rows = [_request_row(p) for p in qs.order_by("-created_at")[:1000]]
    return _respond(fmt, rows, "service_requests", "request")


def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    fmt = _fmt(fmt)
    petition = _public_requests().filter(tracking_code=request_id).first()
    if petition is None:
        return _error(fmt, 404, f"Không có yêu cầu mã «{request_id}».")
    return _respond(fmt, [_request_row(petition)], "service_requests", "request")


def _post_request(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    if problem := _unstorable(data):
        return _error(fmt, 400, problem)
    key = key_for(data.get("api_key", ""))
    if key is None:
        return _error(fmt, 403, "Thiếu hoặc sai khóa API (api_key).")
    if rate_limited(request, f"open311:{key.pk}", 600):
        return _error(fmt, 429, "Quá nhiều yêu cầu; hãy thử lại sau.")
    code = data.get("service_code", "").strip()
    if not code:
        return _error(fmt, 400, "Thiếu service_code (mã dịch vụ).")
    topic = _topic_for(code)
    if topic is None:
        return _error(fmt, 404, f"Không có dịch vụ (lĩnh vực) mã «{code}».")
    description = data.get("description", "").strip()
    if not description:
        return _error(fmt, 400, "Thiếu description (nội dung phản ánh).")
    address = data.get("address_string", "").strip()
    lat, lon = data.get("lat", "").strip(), data.get("long", "").strip()
    if not address and not (lat and lon):
        return _error(fmt, 400, "Cần vị trí: address_string hoặc lat và long.")
    latitude = longitude = None
    if lat or lon:
        try:
            latitude, longitude = Decimal(lat), Decimal(lon)
        except InvalidOperation:
            return _error(fmt, 400, "lat và long phải là số thập phân (WGS84).")
        if not (latitude.is_finite() and longitude.is_finite()) or not (
            -90 <= latitude <= 90 and -180 <= longitude <= 180
        ):
            return _error(fmt, 400, "lat hoặc long nằm ngoài phạm vi hợp lệ.")
    unit = key.handling_unit or OrgUnit.objects.filter(parent__isnull=True).order_by("path").first()
    if unit is None:
        return _error(fmt, 400, "Khóa API chưa được gắn với đơn vị tiếp nhận.")
    name = " ".join(
        x for x in (data.get("last_name", "").strip(), data.get("first_name", "").strip()) if x
    )
    # Refused, not cut: a truncated name or address identifies someone else.
    problem = _too_long(name, "petitioner_name", "Họ và tên (last_name + first_name)")
    problem = problem or (
        _too_long(address, "petitioner_address", "address_string") if name else None
    )
    if problem:
        return _error(fmt, 400, problem)
    try:
        petition = services.intake(
            services.PetitionInput(
                handling_unit=unit,
                title=description[:120],
                content=description,
                location=address,
                received_on=timezone.localdate(),
                source="online",
                kind=PetitionKind.FEEDBACK,
                topic=topic,
                is_anonymous=not name,
                petitioner_name=name,
                petitioner_phone=data.get("phone", "").strip()[:30],
                petitioner_email=data.get("email", "").strip()[:254],
                latitude=latitude,
                longitude=longitude,
            ),
            actor=CITIZEN,
        )
    except UserError as exc:
        return _error(fmt, 400, exc.message)
    Open311Key.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    body = [
        {
            "service_request_id": petition.tracking_code,
            "service_notice": (
                f"Đã tiếp nhận; hạn phân loại, xử lý: {petition.due_on:%d/%m/%Y}."
                if petition.due_on
                else "Đã tiếp nhận."
            ),
            "account_id": None,
        }
    ]
    return _respond(fmt, body, "service_requests", "request", status=201)
