"""Events of plans that notify: an implementing plan owed (the cascade addressed a unit)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import ImplementationObligation


def announce_new_obligations(obligation_ids: list[int]) -> int:
    """One notification per new obligation to the officials who make plans at the unit."""
    from danvan.notifications.services import notify, officials_holding

    sent = 0
    obligations = ImplementationObligation.objects.filter(pk__in=obligation_ids).select_related(
        "plan", "plan__owner", "holder"
    )
    with translation.override(settings.LANGUAGE_CODE):
        for obligation in obligations:
            plan = obligation.plan
            values = {
                "plan": plan,
                "title": plan.title,
                "owner": plan.owner.name,
                "unit": obligation.holder.name,
                "due": f"{obligation.due_on:%d/%m/%Y}",
            }
            sent += len(
                notify(
                    f"plans.obligation-created:{obligation.pk}",
                    officials_holding("plans.add_plan", obligation.holder),
                    _("Draw up the implementing plan of %(plan)s by %(due)s") % values,
                    _(
                        "%(owner)s asks %(unit)s to issue its plan implementing «%(title)s» "
                        "by %(due)s."
                    )
                    % values,
                    url=reverse("plans:detail", args=[plan.pk]),
                )
            )
    return sent
