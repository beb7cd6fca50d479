from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = _("Accounts and permissions")

    def ready(self) -> None:
        from .vendor_l10n import localise_vendor_models

        localise_vendor_models()
        from danvan.core.audit import register_audited

        from .models import ApiToken, Role, RoleAssignment, User

        register_audited(Role, RoleAssignment, ApiToken)
        register_audited(User, exclude_fields=["password", "last_login"])
        from danvan.core import stamps

        # Token and scope caches depend on these (see danvan.core.stamps).
        stamps.watch(
            stamps.ACCESS,
            User,
            Role,
            RoleAssignment,
            ApiToken,
            ignore_fields=frozenset({"last_login"}),
        )
