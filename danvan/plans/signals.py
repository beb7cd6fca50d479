"""Keep obligations with the unit that carries them on when a unit is merged away."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from danvan.orgs.models import OrgUnit


@receiver(post_save, sender=OrgUnit, dispatch_uid="plans.hand_over_on_unit_end")
def hand_over_when_unit_ends(sender: type, instance: OrgUnit, **kwargs: Any) -> None:
    """``record_succession`` ends the predecessors (``valid_to``) once the event is linked."""
    if instance.valid_to is None or kwargs.get("raw"):
        return
    from .cascade import hand_over_obligations
    from .models import ImplementationObligation

    if ImplementationObligation.objects.filter(
        holder=instance, absorbed_into__isnull=True
    ).exists():
        hand_over_obligations([instance])
