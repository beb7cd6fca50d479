"""Petitions and reception in the permission matrix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.orgs.models import OrgUnit
from danvan.petitions.models import (
    IdentityAccess,
    Open311Key,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionExtension,
    ReceptionEntry,
    ReceptionPlace,
    ReceptionRequirement,
    ReceptionSchedule,
    Topic,
)

_n = iter(range(10**6))


def _petition(unit: OrgUnit) -> Petition:
    return Petition.objects.create(
        handling_unit=unit,
        tracking_code=f"MTRX-{next(_n):04d}",
        received_on=dt.date(2026, 3, 2),
        title="Đơn thử",
        content="Nội dung",
    )


def _event(unit: OrgUnit) -> models.Model:
    return PetitionEvent.objects.create(
        petition=_petition(unit), to_state="received", on=dt.date(2026, 3, 2)
    )


def _extension(unit: OrgUnit) -> models.Model:
    return PetitionExtension.objects.create(
        petition=_petition(unit),
        number=1,
        decision_number="1/QĐ",
        decision_date=dt.date(2026, 3, 2),
        due_on=dt.date(2026, 5, 2),
    )


def _attachment(unit: OrgUnit) -> models.Model:
    return PetitionAttachment.objects.create(
        petition=_petition(unit),
        file="petitions/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )


def _access(unit: OrgUnit) -> models.Model:
    from danvan.testing.factories import UserFactory

    return IdentityAccess.objects.create(
        petition=_petition(unit), user=UserFactory.create(), channel="test"
    )


def _place(unit: OrgUnit) -> ReceptionPlace:
    return ReceptionPlace.objects.create(unit=unit, name="Trụ sở", address="Số 1")


def _schedule(unit: OrgUnit) -> models.Model:
    return ReceptionSchedule.objects.create(
        unit=unit,
        place=_place(unit),
        host_role="commune_chairman",
        host_name="Chủ tịch",
        frequency="weekly",
        weekday=3,
        valid_from=dt.date(2026, 1, 1),
    )


def _entry(unit: OrgUnit) -> models.Model:
    from danvan.testing.factories import UserFactory

    return ReceptionEntry.objects.create(
        unit=unit,
        received_on=dt.date(2026, 3, 2),
        person_name="A",
        content="B",
        handling="answered",
        officer=UserFactory.create(),
    )


CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    Petition: _petition,
    PetitionEvent: _event,
    PetitionExtension: _extension,
    PetitionAttachment: _attachment,
    IdentityAccess: _access,
    ReceptionPlace: _place,
    ReceptionSchedule: _schedule,
    ReceptionEntry: _entry,
}
_WRITERS = {RoleCode.SYSTEM_ADMIN, RoleCode.LEADER, RoleCode.RECEPTION_OFFICER}
EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role.value: dict.fromkeys(CASES, (True, role in _WRITERS)) for role in RoleCode
}
NATIONAL_DATA: dict[type[models.Model], str] = {
    Topic: "/admin/petitions/topic/",
    ReceptionRequirement: "/admin/petitions/receptionrequirement/",
    Open311Key: "/admin/petitions/open311key/",
}
