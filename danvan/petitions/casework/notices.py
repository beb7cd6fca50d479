"""Who is told when a petition moves to them: the officer assigned, the unit it is sent to.

Messages name the petition by tracking code and summary only, never the petitioner (a
denouncer's identity must not travel in notifications, Điều 47 Luật Tố cáo 2018).
"""

from __future__ import annotations

from .models import Petition


def _url(petition: Petition) -> str:
    return f"/petitions/{petition.pk}/"


def petition_assigned(petition: Petition) -> None:
    from danvan.notifications.services import notify

    officer = petition.assigned_officer
    if officer is None or not officer.is_active:
        return
    due = f"; hạn bước hiện tại {petition.due_on:%d/%m/%Y}" if petition.due_on else ""
    notify(
        f"petitions.assigned:{petition.pk}:{officer.pk}",
        [officer],
        f"Bạn được giao xử lý đơn {petition.tracking_code}",
        f"Đơn {petition.tracking_code} («{petition.title}»){due}.",
        url=_url(petition),
    )


def petition_transferred(petition: Petition) -> None:
    """The body the petition is sent to, when it uses the platform, hears of it at once."""
    from danvan.notifications.services import notify, officials_holding

    target = petition.transfer_to
    if target is None:
        return
    notify(
        f"petitions.transferred:{petition.pk}:{target.pk}",
        officials_holding("petitions.add_petition", target),
        f"Đơn chuyển đến từ {petition.handling_unit.display_name}: {petition.tracking_code}",
        f"«{petition.title}» được chuyển đến {target.display_name} theo thẩm quyền; "
        "cơ quan nhận vào sổ và xử lý theo quy định.",
        url="/petitions/",
    )
