from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from danvan.core.api_types import Id, Pagination
from danvan.core.lists import filter_api, filter_schema

from . import services
from .filters import NotificationFilter
from .models import Notification

router = Router(tags=["notifications"])
NotificationQuery = filter_schema(NotificationFilter)


class NotificationOut(Schema):
    id: int
    key: str
    subject: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None
    is_read: bool = Field(..., description="Đã đọc hay chưa")


class MarkRead(Schema):
    ids: list[Id] | None = Field(None, description="Bỏ trống: đánh dấu tất cả là đã đọc")


class Marked(Schema):
    marked: int


@router.get("/", response=list[NotificationOut], summary="Thông báo của tôi")
@paginate(Pagination)
def list_notifications(request: HttpRequest, filters: Query[NotificationQuery]):  # type: ignore[no-untyped-def,valid-type]
    mine = Notification.objects.for_user(request.user)
    return filter_api(NotificationFilter, filters, mine, request)


@router.post("/read", response=Marked, summary="Đánh dấu đã đọc")
def mark_read(request: HttpRequest, payload: MarkRead) -> dict[str, int]:
    return {"marked": services.mark_read(request.user, payload.ids)}  # type: ignore[arg-type]
