"""One scoping mechanism for all domain data: role × org unit × (unit only | whole subtree).

A user holds role assignments (``accounts.RoleAssignment``). A role grants permissions written
as patterns over ``app_label.action_modelname`` (``orgs.view_orgunit``, ``*.view_*``). Each model
of domain data says, through ``scope_path_field`` and ``scope_unit_field``, which org unit owns a
row; :func:`scope_filter` turns the user's matching assignments into one ``Q`` over that unit's
materialised path, so "everything under this unit" is an index range scan on any database.

Every view and API endpoint reads domain data through :meth:`ScopedQuerySet.visible_to` or
:func:`get_object_for_user`; an object outside the user's scope is a 404, never a 403, so that
its existence is not revealed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any, Generic, Self, TypeAlias, TypeVar

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from .stamps import ACCESS, StampedCache

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    from .actors import NonOfficial

    AnyUser: TypeAlias = AbstractBaseUser | AnonymousUser | NonOfficial

M = TypeVar("M", bound=models.Model)


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"
    #: Report progress on something assigned (a task, a follow-up): checked against the change
    #: permission, but an assignee unit gets it without getting ``change`` on the definition.
    REPORT = "report"


def _permission_action(action: str) -> str:
    return Action.CHANGE if action == Action.REPORT else action


def permission_name(model: type[models.Model], action: str) -> str:
    return f"{model._meta.app_label}.{_permission_action(action)}_{model._meta.model_name}"


#: Permissions granted only by their exact name, never by a wildcard (``*``, ``petitions.*``,
#: ``*.view_*``); the value says whether a superuser holds it implicitly.
_EXPLICIT: dict[str, bool] = {}


def explicit_permission(name: str, *, superuser: bool) -> str:
    """Declare a permission that no broad pattern grants: a role must name it.

    For duties the law gives to named people rather than to whoever may read a module, such as
    reading a denouncer's identity (Luật Tố cáo 2018 Điều 47: the handling officers and their
    leaders, not every viewer, reception officer or system administrator), or reopening an
    approved report. ``superuser=False`` also withholds it from superusers.
    """
    _EXPLICIT[name] = superuser
    return name


def permission_matches(patterns: Iterable[str], permission: str) -> bool:
    """Whether a role's patterns grant ``permission``; a leading ``!`` excludes.

    An explicit permission (:func:`explicit_permission`) matches only a pattern equal to it.
    """
    explicit = permission in _EXPLICIT
    granted = False
    for pattern in patterns:
        if pattern.startswith("!"):
            if fnmatchcase(permission, pattern[1:]):
                return False
        elif pattern == permission or (not explicit and fnmatchcase(permission, pattern)):
            granted = True
    return granted


@dataclass(frozen=True)
class ScopeRoot:
    """A place in the tree from which a grant applies: its path, and whether it goes down."""

    path: str
    unit_id: int
    include_subtree: bool


def subtree_upper_bound(path: str) -> str:
    """The smallest path greater than every path that starts with ``path``.

    Paths are fixed-width decimal segments, so incrementing the last segment gives the end of
    the range; digit strings sort the same way under every collation (C, ICU or glibc).
    """
    from danvan.orgs.paths import SEGMENT_WIDTH

    head, last = path[:-SEGMENT_WIDTH], path[-SEGMENT_WIDTH:]
    return head + str(int(last) + 1).zfill(SEGMENT_WIDTH)


def path_q(path_field: str, unit_field: str, roots: list[ScopeRoot]) -> Q:
    """A filter matching rows owned by any of ``roots`` (and their subtrees where granted).

    Written as "the owning unit is one of these units", the units found first by their own
    paths (``unit_field IN (SELECT id FROM orgs_orgunit WHERE …)``): the database reads the
    scope's few units, then the rows through the index on the owning unit. The same condition
    written on the joined unit's path, ORed with the single units, made PostgreSQL read every
    row of the table (0.9 s to count a provincial inspector's petitions among 2.5 million).
    A path kept on the row itself (``path_field`` without ``__``: report values, provincial
    totals, units) is filtered as a range on that column, whose index is built for it.
    """
    from danvan.orgs.models import OrgUnit

    if "__" not in path_field:
        return _own_path_q(path_field, unit_field, roots)
    units = Q(pk__in=[])
    single_units = [r.unit_id for r in roots if not r.include_subtree]
    if single_units:
        units |= Q(pk__in=single_units)
    for root in roots:
        if root.include_subtree:
            units |= Q(path__gte=root.path, path__lt=subtree_upper_bound(root.path))
    if units == Q(pk__in=[]):
        return units
    ids = OrgUnit.objects.filter(units).order_by().values("pk")
    return Q(**{f"{unit_field}__in": ids})


def _own_path_q(path_field: str, unit_field: str, roots: list[ScopeRoot]) -> Q:
    q = Q(pk__in=[])
    single_units = [r.unit_id for r in roots if not r.include_subtree]
    if single_units:
        q |= Q(**{f"{unit_field}__in": single_units})
    for root in roots:
        if root.include_subtree:
            q |= Q(
                **{
                    f"{path_field}__gte": root.path,
                    f"{path_field}__lt": subtree_upper_bound(root.path),
                }
            )
    return q


@dataclass(frozen=True)
class Grant:
    """One role assignment as scoping needs it: what it grants, where, until when."""

    patterns: tuple[str, ...]
    root: ScopeRoot
    valid_until: Any  # date or None
    merged: tuple[ScopeRoot, ...]  # predecessors' subtrees that roll up into this one
    # A grant through a mandate (orgs.Mandate) carries only the permissions starting with
    # these prefixes; an ordinary role assignment carries all its role's patterns.
    only: tuple[str, ...] = ()
    valid_from: Any = None  # a mandate may start later than the assignment

    def carries(self, permission: str) -> bool:
        if self.only and not permission.startswith(self.only):
            return False
        return permission_matches(self.patterns, permission)


def _load_grants(user_id: int) -> tuple[Grant, ...]:
    role_assignment = apps.get_model("accounts", "RoleAssignment")
    grants = []
    assignments = role_assignment.objects.filter(user_id=user_id).select_related("role", "org_unit")
    for assignment in assignments:
        unit = assignment.org_unit
        merged: tuple[ScopeRoot, ...] = ()
        if assignment.include_subtree:
            # Units merged into this subtree keep their data; that data rolls up here.
            merged = tuple(ScopeRoot(p, pk, True) for pk, p in unit.predecessor_paths())
        grants.append(
            Grant(
                tuple(assignment.role.permissions),
                ScopeRoot(unit.path, unit.pk, assignment.include_subtree),
                assignment.valid_until,
                merged,
            )
        )
    grants.extend(_mandate_grants(assignments))
    return tuple(grants)


def _mandate_grants(assignments: Any) -> list[Grant]:
    """What officials of a body acting for another (orgs.Mandate) hold at that other body.

    The principal unit itself only, never its subtree (the inspectorate acts on the province
    committee's own cases, not on every commune's), and only the role's permissions within the
    mandate's function; the grant ends with the assignment or the mandate, whichever is first.
    """
    mandate_model = apps.get_model("orgs", "Mandate")
    from danvan.orgs.models import MANDATE_PERMISSIONS

    by_unit: dict[int, list[Any]] = {}
    for assignment in assignments:
        by_unit.setdefault(assignment.org_unit_id, []).append(assignment)
    if not by_unit:
        return []
    grants = []
    # Every mandate, current or not: grants are kept per process, so dates are checked when a
    # scope is asked for (scope_roots), not when the grants are loaded.
    mandates = mandate_model.objects.filter(agent_id__in=list(by_unit)).select_related("principal")
    for mandate in mandates:
        prefixes = MANDATE_PERMISSIONS.get(mandate.function, ())
        if not prefixes:
            continue
        for assignment in by_unit[mandate.agent_id]:
            ends = [d for d in (assignment.valid_until, mandate.valid_until) if d is not None]
            grants.append(
                Grant(
                    tuple(assignment.role.permissions),
                    ScopeRoot(mandate.principal.path, mandate.principal_id, False),
                    min(ends) if ends else None,
                    (),
                    prefixes,
                    mandate.valid_from,
                )
            )
    return grants


_grants_cache: StampedCache[tuple[Grant, ...]] = StampedCache(ACCESS)


def grants_of(user: AnyUser) -> tuple[Grant, ...]:
    """The user's role assignments (all, current or not), kept per process while unchanged."""
    cached: tuple[Grant, ...] | None = user.__dict__.get("_danvan_grants")
    if cached is None:
        user_id = int(user.pk)  # type: ignore[arg-type]  # authenticated: has a pk
        cached = _grants_cache.get(user_id, lambda: _load_grants(user_id))
        user.__dict__["_danvan_grants"] = cached
    return cached


def scope_roots(user: AnyUser, permission: str) -> list[ScopeRoot] | None:
    """The roots from which ``user`` holds ``permission``; ``None`` means everywhere.

    Cached on the user object for the length of a request, since one page asks many times; the
    assignments behind it are kept per process until they change (:mod:`danvan.core.stamps`).
    """
    if not user.is_authenticated or not user.is_active:
        return []
    if getattr(user, "is_superuser", False) and _EXPLICIT.get(permission, True):
        return None
    if user.pk is None:
        # The platform acting by itself (core.actors.SYSTEM) has no role assignments: beyond
        # what a superuser holds, nothing.
        return []
    cache: dict[str, list[ScopeRoot] | None] = user.__dict__.setdefault("_danvan_scope_cache", {})
    if permission in cache:
        return cache[permission]
    today = timezone.localdate()
    roots: list[ScopeRoot] = []
    for grant in grants_of(user):
        if grant.valid_until is not None and grant.valid_until < today:
            continue
        if grant.valid_from is not None and grant.valid_from > today:
            continue
        if grant.carries(permission):
            roots.append(grant.root)
            roots.extend(grant.merged)
    cache[permission] = roots
    return roots


def forget_cached_scope(user: Any) -> None:
    """Drop the per-request cache after the user's assignments change."""
    user.__dict__.pop("_danvan_scope_cache", None)
    user.__dict__.pop("_danvan_grants", None)


@dataclass(frozen=True)
class AddressedTo:
    """A unit a row is addressed to besides its owner, whose officials act on it for ``actions``.

    A report belongs to the unit that wrote it, yet the form names a recipient (Sở Nội vụ
    consolidating the province's reports of dân vận chính quyền) that is not above that unit in
    the tree. A model lists such units in ``scope_addressed_to``; :func:`scope_filter` then
    selects a row when the user's grants cover its owner *or* one of these units, for the listed
    actions only (the recipient reads and approves a report; it does not fill it in).
    """

    path_field: str
    unit_field: str
    actions: frozenset[str]


@dataclass(frozen=True)
class AssigneeRule:
    """What the units a row is assigned to may do with it, declared once on its queryset.

    ``units`` names the relations (foreign keys or many-to-many) to the assigned org units;
    an official holding the action's permission at (or above) one of them gets that action on
    the row. Only ``actions`` are extended: by default seeing the row and reporting progress,
    never changing or deleting its definition, which stays with the owner's scope.
    """

    units: tuple[str, ...]
    actions: frozenset[str] = frozenset({Action.VIEW, Action.REPORT})


def assignee_rule(model: type[models.Model]) -> AssigneeRule | None:
    queryset_class = getattr(model._default_manager, "_queryset_class", None)
    return getattr(queryset_class, "assignee_rule", None)


def assignee_q(model: type[models.Model], roots: list[ScopeRoot]) -> Q:
    """Rows of ``model`` assigned (by its :class:`AssigneeRule`) to a unit within ``roots``."""
    if assignee_rule(model) is None:
        return Q(pk__in=[])
    return Q(pk__in=assigned_values(model, roots, "pk"))


def assigned_values(model: type[models.Model], roots: list[ScopeRoot], column: str) -> Any:
    """``column`` of the rows of ``model`` assigned to a unit within ``roots``, as a subquery.

    One set per unit field of the :class:`AssigneeRule`, united: each is read through the
    index on its own field (the scope's units, then the rows they lead, or the many-to-many
    table), and the union is a semi-join. ORed as separate conditions instead, the database
    checked every row of the table against each (0.7 s for a department's tasks among the
    country's 530,000). ``column`` lets a caller ask for e.g. the tasks' plans directly.
    """
    rule = assignee_rule(model)
    if rule is None:
        return model._default_manager.none().values(column)
    sets = [
        model._default_manager.filter(path_q(f"{name}__path", f"{name}__id", roots))
        .order_by()
        .values(column)
        for name in rule.units
    ]
    return sets[0].union(*sets[1:]) if len(sets) > 1 else sets[0]


def scope_filter(model: type[models.Model], user: AnyUser, action: str = Action.VIEW) -> Q:
    """The ``Q`` selecting the rows of ``model`` that ``user`` may ``action``.

    Rows owned in the user's scope; rows addressed (:class:`AddressedTo`) to units in that scope
    for ``action``; and, when the model's queryset declares an :class:`AssigneeRule` covering
    ``action``, rows assigned to units in that scope.
    """
    roots = scope_roots(user, permission_name(model, action))
    if roots is None:
        return Q()
    own = path_q(model.scope_path_field, model.scope_unit_field, roots)  # type: ignore[attr-defined]
    for addressed in getattr(model, "scope_addressed_to", ()):
        if action in addressed.actions and roots:
            own |= path_q(addressed.path_field, addressed.unit_field, roots)
    rule = assignee_rule(model)
    if rule is None or action not in rule.actions or not roots:
        return own
    return own | assignee_q(model, roots)


def units_where(user: AnyUser, permission: str) -> models.QuerySet[Any]:
    """The current org units at which ``user`` holds ``permission`` (a subtree grant covers
    every unit under it); the one answer to "where may this official do X"."""
    units = apps.get_model("orgs", "OrgUnit").objects.current()
    roots = scope_roots(user, permission)
    if roots is None:
        return units
    return units.filter(path_q("path", "id", roots))


def holds_at(user: AnyUser, permission: str, unit: Any) -> bool:
    """Whether ``user`` holds ``permission`` at ``unit``: a grant on the unit itself, on a unit
    above it with its subtree, or on a unit it was merged into (its predecessors' subtrees roll
    up to the successor's grant). Tested on the unit in hand, without a query."""
    if unit is None:
        return False
    roots = scope_roots(user, permission)
    if roots is None:
        return True
    return any(
        root.path <= unit.path < subtree_upper_bound(root.path)
        if root.include_subtree
        else root.unit_id == unit.pk
        for root in roots
    )


def user_can(
    user: AnyUser, model: type[models.Model], action: str, obj: models.Model | None = None
) -> bool:
    """Whether ``user`` may ``action`` on ``obj`` (or on some object of ``model``)."""
    roots = scope_roots(user, permission_name(model, action))
    if roots is None:
        return True
    if obj is None:
        return bool(roots)
    if not roots:
        return False
    return (
        model._default_manager.filter(pk=obj.pk).filter(scope_filter(model, user, action)).exists()
    )


class ScopedQuerySet(models.QuerySet[M], Generic[M]):
    """Querysets of domain data; ``visible_to`` is the only way views read it.

    A queryset whose rows are assigned to other units than their owner declares
    ``assignee_rule = AssigneeRule(units=(...))``; :func:`scope_filter` applies it.
    """

    assignee_rule: AssigneeRule | None = None

    def visible_to(self, user: AnyUser, action: str = Action.VIEW) -> Self:
        return self.filter(scope_filter(self.model, user, action))


def get_object_for_user(
    queryset: models.QuerySet[M] | type[M], user: AnyUser, action: str = Action.VIEW, **lookup: Any
) -> M:
    """The object matching ``lookup`` if ``user`` may ``action`` it, otherwise 404."""
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    try:
        return qs.filter(scope_filter(qs.model, user, action)).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def check_assignees(
    owner: Any, units: Iterable[Any], *, addressees: Iterable[Any] = (), noun: str = ""
) -> None:
    """Refuse an assignee the owner may not address: only units in the owner's own subtree, or
    units the record is already addressed to (a plan's addressees), may be given work.

    Without this a form or API call could hand a task to any unit in the country, and that
    unit's officials would then see it and report on it.
    """
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    from .errors import UserError

    noun = noun or pgettext("assignment", "unit")
    allowed = {u.pk for u in addressees if u is not None}
    upper = subtree_upper_bound(owner.path)
    for unit in units:
        if unit is None or unit.pk in allowed or owner.path <= unit.path < upper:
            continue
        message = (
            _(
                "Cannot assign to %(unit)s: a %(noun)s is assigned only to units under "
                "%(owner)s or units the plan was sent to."
            )
            if allowed
            else _(
                "Cannot assign to %(unit)s: a %(noun)s is assigned only to units under %(owner)s."
            )
        )
        raise UserError(message % {"unit": unit.name, "noun": noun, "owner": owner.name})
