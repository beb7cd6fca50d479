"""Shapes of the parser's output (see shared/schemas/parsed-document.schema.json)."""

from __future__ import annotations

from typing import Literal, TypedDict

ReportingPeriod = Literal["monthly", "quarterly", "semiannual", "nine_months", "annual", "ad_hoc"]
Role = Literal["lead", "support", "all"]


class DocumentReadError(Exception):
    """Raised when a file cannot be read as a document; the message is Vietnamese, for users."""


class DocMeta(TypedDict):
    number: str | None
    symbol: str | None
    type: str | None
    issued_on: str | None
    place: str | None
    issuer: str | None
    signer: str | None
    title: str | None


class Reference(TypedDict):
    number: str
    type: str | None
    issued_on: str | None
    issuer: str | None


class Deadline(TypedDict):
    year: int | None
    month: int
    day: int
    text: str
    who: str | None


class Reporting(TypedDict):
    period: ReportingPeriod
    to: str | None
    text: str


class Target(TypedDict):
    text: str
    value: float | None
    unit: str | None


class Assignment(TypedDict):
    unit: str
    role: Role
    task: str
    section: str | None


class Section(TypedDict):
    marker: str
    kind: str
    title: str
    text: str
    children: list[Section]
