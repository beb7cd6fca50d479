"""Officials, their roles in the org-unit tree, and API tokens for machine clients."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit


class UserQuerySet(ScopedQuerySet["User"]):
    pass


class OfficialManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    """Django's user manager with the scoping queryset."""


class User(AbstractUser, ScopedModel):
    """An official (cán bộ, công chức) who signs in; belongs to one org unit."""

    scope_path_field = "org_unit__path"
    scope_unit_field = "org_unit_id"

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(pgettext_lazy("job title", "position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )

    objects = OfficialManager()  # type: ignore[misc]

    class Meta(AbstractUser.Meta):
        verbose_name = _("official")  # type: ignore[assignment]
        verbose_name_plural = _("officials")  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class RoleCode(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    LEADER = "leader", _("Leader in charge of dân vận")
    OFFICER = "officer", _("Dân vận officer")
    RECEPTION_OFFICER = "reception_officer", _("Citizen-reception officer")
    INSPECTOR = "inspector", _("Inspector")
    FRONT_SUPERVISOR = "front_supervisor", _("Fatherland Front supervisor")
    VIEWER = "viewer", _("Viewer")


class Role(models.Model):
    """A role and what it may do, as permission patterns over ``app.action_model``.

    Roles are data (seeded by a migration, editable in the admin) so that a province can adjust
    what each role may do without a new release.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    permissions = models.JSONField(
        _("permissions"),
        default=list,
        help_text=_(
            'Patterns such as "*.view_*" or "plans.*"; a leading "!" excludes, e.g. "!accounts.*".'
        ),
    )
    require_two_factor = models.BooleanField(_("require two-factor sign-in"), default=False)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class RoleAssignmentQuerySet(ScopedQuerySet["RoleAssignment"]):
    def current(self) -> RoleAssignmentQuerySet:
        today = timezone.localdate()
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))


class RoleAssignment(ScopedModel, TimestampedModel):
    """Role × org unit × (this unit only | this unit and everything below)."""

    scope_path_field = "org_unit__path"
    scope_unit_field = "org_unit_id"

    user = models.ForeignKey(
        User, verbose_name=_("official"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.PROTECT)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    include_subtree = models.BooleanField(
        _("includes units below"),
        default=True,
        help_text=_("Off: this unit only. On: this unit and everything below it."),
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "org_unit"], name="unique_role_assignment"
            )
        ]

    def __str__(self) -> str:
        scope = _("and below") if self.include_subtree else _("only")
        return f"{self.user} · {self.role} · {self.org_unit} ({scope})"


class ApiTokenQuerySet(ScopedQuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_token_value() -> str:
    return "dv_" + secrets.token_urlsafe(32)


class ApiToken(ScopedModel, TimestampedModel):
    """A bearer token for a machine client; it acts with its owner's roles and scope.

    Only a hash is stored; the token itself is shown once, when an administrator issues it.
    """

    scope_path_field = "user__org_unit__path"
    scope_unit_field = "user__org_unit_id"

    user = models.ForeignKey(
        User, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
