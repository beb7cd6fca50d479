"""Who is told when a petition moves to them: the officer assigned, the unit it is sent to.

Messages name the petition by tracking code and summary only, never the petitioner (a
denouncer's identity must not travel in notifications, Điều 47 Luật Tố cáo 2018). They are in
the site's language (gettext). A step nearing its legal deadline is the kernel's reminder job
(``petitions.obligations``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Petition


def _url(petition: Petition) -> str:
    return f"/petitions/{petition.pk}/"


def petition_assigned(petition: Petition) -> None:
    from danvan.notifications.services import notify

    officer = petition.assigned_officer
    if officer is None or not officer.is_active:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = {"code": petition.tracking_code, "title": petition.title}
        if petition.due_on:
            values["due"] = f"{petition.due_on:%d/%m/%Y}"
            body = _("Petition %(code)s («%(title)s»); the current step is due on %(due)s.")
        else:
            body = _("Petition %(code)s («%(title)s»).")
        notify(
            f"petitions.assigned:{petition.pk}:{officer.pk}",
            [officer],
            _("You are assigned petition %(code)s") % values,
            body % values,
            url=_url(petition),
        )


def petition_transferred(petition: Petition) -> None:
    """The body the petition is sent to, when it uses the platform, hears of it at once."""
    from danvan.notifications.services import notify, officials_holding

    target = petition.transfer_to
    if target is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "code": petition.tracking_code,
            "title": petition.title,
            "source": petition.handling_unit.display_name,
            "target": target.display_name,
        }
        notify(
            f"petitions.transferred:{petition.pk}:{target.pk}",
            officials_holding("petitions.add_petition", target),
            _("Petition transferred from %(source)s: %(code)s") % values,
            _(
                "«%(title)s» is transferred to %(target)s as the competent body; it is to be "
                "registered and handled as the law provides."
            )
            % values,
            url="/petitions/",
        )
