from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "danvan.orgs"
    label = "orgs"
    verbose_name = _("Organisation units")

    def ready(self) -> None:
        from danvan.core.audit import register_audited

        from .models import Mandate, OrgUnit, OrgUnitEvent

        register_audited(OrgUnit, OrgUnitEvent, Mandate)
        from danvan.core import stamps

        from . import succession  # noqa: F401  (the one hand-over hook on merges)

        # Scopes hold unit paths and the merges that widen them (see danvan.core.stamps).
        stamps.watch(stamps.ACCESS, OrgUnit, OrgUnitEvent, Mandate)
