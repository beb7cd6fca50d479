"""Helpers creating petitions through the services, as officers and citizens do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.orgs.models import OrgUnit
from danvan.petitions.casework import services
from danvan.petitions.models import Petition


def make_petition(
    actor: Any,
    unit: OrgUnit,
    *,
    received_on: dt.date | None = None,
    title: str = "Đề nghị giải quyết tranh chấp đất ở thôn Bản Giới",
    content: str = "Gia đình tôi bị hàng xóm lấn chiếm 30 m2 đất vườn, đề nghị xã hòa giải.",
    **kwargs: Any,
) -> Petition:
    kwargs.setdefault("petitioner_name", "Nông Văn Tám")
    kwargs.setdefault("petitioner_id_number", "004090001234")
    kwargs.setdefault("petitioner_address", "Thôn Bản Giới, xã Hòa Bình")
    data = services.PetitionInput(
        handling_unit=unit,
        title=title,
        content=content,
        received_on=received_on or dt.date(2026, 3, 2),
        **kwargs,
    )
    return services.intake(actor, data)


def classify_within(
    actor: Any, petition: Petition, kind: str = "complaint", **kwargs: Any
) -> Petition:
    return services.classify(
        actor,
        petition,
        services.Classification(kind=kind, eligible=True, competence="within", **kwargs),
        petition.version,
        on=petition.received_on + dt.timedelta(days=2),
    )


def reload_legal_data() -> None:
    """Transactional tests flush the database, migration data included: load it again."""
    import importlib

    from danvan.testing.fixtures import CurrentApps

    for app, module, function in (
        ("petitions", "0002_default_deadline_rules", "load_rules"),
        ("petitions", "0003_official_calendar_2025_2026", "load_calendar"),
        ("petitions", "0005_default_topics_and_reception_rules", "load"),
        ("petitions", "0010_deadline_rule_sources_2026", "forwards"),
        ("petitions", "0012_deadline_extensions_by_complexity", "set_denunciation_limit"),
        ("deadlines", "0003_crowd_size", "load"),
    ):
        migration = importlib.import_module(f"danvan.{app}.migrations.{module}")
        getattr(migration, function)(CurrentApps(), None)
    from danvan.deadlines.calendar import forget_calendar

    forget_calendar()
