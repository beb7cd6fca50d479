"""Record what the people decided and tally it against the threshold of the law."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit, OrgUnitKind

from ..models import DecisionMatter, DecisionMethod, PeopleDecision, rule_value
from .common import Action, a_date, bounded, require, required


def record_decision(
    *,
    actor: Any,
    village: OrgUnit,
    matter: DecisionMatter,
    title: str,
    method: str,
    noticed_on: dt.date,
    held_on: dt.date,
    households_total: int,
    ballots: int,
    votes_for: int,
    votes_against: int = 0,
    households_opted_in: int = 0,
    chaired_by: str = "",
    record: str = "",
    initiative: bool = False,
    initiative_households: int = 0,
) -> PeopleDecision:
    require(actor, PeopleDecision, Action.ADD, village)
    if village.kind != OrgUnitKind.VILLAGE:
        raise UserError(_("The people decide in a village or residential group: choose one."))
    title = bounded(required(title, _("what is voted on")), _("what is voted on"), 300)
    if method not in DecisionMethod.values:
        raise UserError(_("The way of voting is not valid."))
    a_date(noticed_on, _("the date of the notice"))
    a_date(held_on, _("the date of the vote"))
    for value, label in (
        (households_total, _("the households of the village")),
        (ballots, _("the households that voted")),
        (votes_for, _("the households for")),
        (votes_against, _("the households against")),
        (households_opted_in, _("the households signed up for the online vote")),
        (initiative_households, _("the households proposing")),
    ):
        if not isinstance(value, int) or value < 0:
            raise UserError(
                _("%(what)s must be a whole number, not negative.") % {"what": capfirst(label)}
            )
    if households_total == 0:
        raise UserError(_("The village must have more than 0 households."))
    if ballots > households_total:
        raise UserError(
            _(
                "The households that voted (%(ballots)d) cannot be more than the households of "
                "the village (%(total)d)."
            )
            % {"ballots": ballots, "total": households_total}
        )
    if votes_for + votes_against > ballots:
        raise UserError(
            _(
                "The households for and against (%(votes)d) are more than the households that "
                "voted (%(ballots)d)."
            )
            % {"votes": votes_for + votes_against, "ballots": ballots}
        )
    notice_days = rule_value("decision.notice_days", village)
    if (held_on - noticed_on).days < notice_days:
        raise UserError(
            _("The people must be told at least %(days)d days before the vote.")
            % {"days": notice_days}
        )
    if method == DecisionMethod.ONLINE:
        if not matter.online_allowed:
            raise UserError(
                _(
                    "An online vote is only for the other self-managed matters of the community "
                    "(Article 17 of the Law on Grassroots Democracy)."
                )
            )
        percent = rule_value("decision.online_optin_percent", village)
        if households_opted_in * 100 <= percent * households_total:
            raise UserError(
                _(
                    "More than %(percent)d%% of households must sign up before an online vote "
                    "(Decree 59/2023/NĐ-CP, Article 5)."
                )
                % {"percent": percent}
            )
    if initiative:
        percent = rule_value("decision.initiative_percent", village)
        if initiative_households * 100 < percent * households_total:
            raise UserError(
                _(
                    "A citizens' initiative needs at least %(percent)d%% of the village's "
                    "households (Article 16 of the Law on Grassroots Democracy)."
                )
                % {"percent": percent}
            )
    with transaction.atomic(), acting_as(actor):
        return PeopleDecision.objects.create(
            village=village,
            matter=matter,
            title=title,
            method=method,
            noticed_on=noticed_on,
            held_on=held_on,
            households_total=households_total,
            households_opted_in=households_opted_in,
            ballots=ballots,
            votes_for=votes_for,
            votes_against=votes_against,
            chaired_by=bounded(chaired_by.strip(), _("who chaired"), 200),
            record=bounded(record.strip(), _("the minutes")),
            initiative=initiative,
            initiative_households=initiative_households,
            created_by=actor,
        )


def recognise(*, actor: Any, decision: PeopleDecision, on: dt.date, version: Any) -> PeopleDecision:
    """The commune recognises the result (within 5 working days; lateness is derived)."""
    commune = decision.village.parent or decision.village
    require(actor, PeopleDecision, Action.CHANGE, commune)
    decision.check_version(version)
    a_date(on, _("the date of recognition"))
    if on < decision.held_on:
        raise UserError(_("The result cannot be recognised before the vote."))
    with transaction.atomic(), acting_as(actor):
        decision.recognised_on = on
        decision.bump_version()
        decision.save()
    return decision
