"""Grassroots democracy over the API: disclosures and compliance, consultations and comments,
the people's decisions, supervision rounds and recommendations. Same services, same scope and
same Vietnamese messages as the pages.

No ``from __future__ import annotations`` here: django-ninja resolves the annotations of
paginated views in the namespace of its own wrapper, where string annotations are not found.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Id, Int32, Pagination, Year, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from . import compliance as compliance_mod
from .models import (
    AnswerKind,
    BoardFinding,
    BoardKind,
    Channel,
    Comment,
    Consultation,
    ConsultationMatter,
    CoordinationProgramme,
    DecisionMatter,
    DecisionMethod,
    Disclosure,
    DisclosureChannelUse,
    DisclosureItem,
    Moderation,
    PeopleBoard,
    PeopleDecision,
    RecommendationState,
    SupervisionRecommendation,
    SupervisionRound,
)
from .services import boards as board_services
from .services import consultation as consult
from .services import decisions as decide
from .services import disclosure as disclose
from .services import supervision as supervise

router = Router(tags=["participation"])


class UnitRef(Schema):
    id: int
    key: str
    name: str


# --- disclosures -----------------------------------------------------------------------------


class ChannelSchema(Schema):
    channel: Channel
    starts_on: dt.date
    ends_on: dt.date | None = None
    place: model_text(DisclosureChannelUse, "place") = ""  # type: ignore[valid-type]


class ComplianceFindingOut(Schema):
    code: str
    message: str


class DisclosureOut(Schema):
    id: int
    owner: UnitRef
    item_code: str
    title: str
    document_reference: str
    decided_on: dt.date
    due_on: dt.date = Field(description="Disclose by: working days after the decision.")
    channels: list[ChannelSchema]
    findings: list[ComplianceFindingOut] = Field(
        description="Derived: late, too short, not on the radio."
    )

    @staticmethod
    def resolve_item_code(obj: Any) -> str:
        return str(obj.item.code)

    @staticmethod
    def resolve_due_on(obj: Any) -> dt.date:
        return _checked(obj).due_on

    @staticmethod
    def resolve_channels(obj: Any) -> list[dict[str, Any]]:
        return [
            {"channel": c.channel, "starts_on": c.starts_on, "ends_on": c.ends_on, "place": c.place}
            for c in obj.channels.all()
        ]

    @staticmethod
    def resolve_findings(obj: Any) -> list[dict[str, str]]:
        return [{"code": f.code, "message": f.message} for f in _checked(obj).findings]


class DisclosureIn(Schema):
    owner_id: Id
    item_code: model_text(DisclosureItem, "code")  # type: ignore[valid-type]
    title: model_text(Disclosure, "title")  # type: ignore[valid-type]
    document_reference: model_text(Disclosure, "document_reference") = ""  # type: ignore[valid-type]
    text: model_text(Disclosure, "text") = ""  # type: ignore[valid-type]
    decided_on: dt.date
    channels: list[ChannelSchema] = Field(max_length=20)


def _checked(d: Disclosure) -> compliance_mod.DisclosureCheck:
    """The compliance of one disclosure, computed once per object and answer."""
    cached = d.__dict__.get("_check")
    if cached is None:
        cached = d.__dict__["_check"] = compliance_mod.check(d)
    return cached  # type: ignore[no-any-return]


@router.get("/disclosures", response=list[DisclosureOut], summary="Disclosures")
@paginate(Pagination)
def list_disclosures(request: HttpRequest, year: Year | None = None):  # type: ignore[no-untyped-def]
    qs = Disclosure.objects.visible_to(request.user).select_related("owner", "item")
    if year:
        qs = qs.filter(decided_on__year=year)
    return qs.prefetch_related("channels").order_by("-decided_on", "-id")


@router.post("/disclosures", response={201: DisclosureOut}, summary="Record a disclosure")
def post_disclosure(request: HttpRequest, payload: DisclosureIn) -> Status[Disclosure]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    item = DisclosureItem.objects.filter(code=payload.item_code).first()
    if item is None:
        raise HttpError(400, "Không có nội dung công khai với mã này.")
    disclosure = disclose.record_disclosure(
        actor=request.user,
        owner=owner,
        item=item,
        title=payload.title,
        document_reference=payload.document_reference,
        text=payload.text,
        decided_on=payload.decided_on,
        channels=[
            disclose.ChannelInput(c.channel, c.starts_on, c.ends_on, c.place)
            for c in payload.channels
        ],
    )
    return Status(201, disclosure)


@router.get("/disclosures/{disclosure_id}", response=DisclosureOut, summary="One disclosure")
def get_disclosure(request: HttpRequest, disclosure_id: Id) -> Disclosure:
    return get_object_for_user(
        Disclosure.objects.select_related("owner", "item"), request.user, pk=disclosure_id
    )


class DisclosureComplianceOut(Schema):
    unit: UnitRef
    year: int
    made: int
    missing: int
    late: int
    too_short: int
    no_radio: int
    compliant: bool


@router.get(
    "/compliance/{unit_id}",
    response=list[DisclosureComplianceOut],
    summary="Disclosure compliance of the communes under a unit in a year",
)
def get_compliance(request: HttpRequest, unit_id: Id, year: Year) -> list[dict[str, Any]]:
    unit = get_object_for_user(OrgUnit, request.user, pk=unit_id)
    return [
        {
            "unit": r.unit,
            "year": r.year,
            "made": r.made,
            "missing": r.missing,
            "late": r.late,
            "too_short": r.too_short,
            "no_radio": r.no_radio,
            "compliant": r.compliant,
        }
        for r in compliance_mod.rollup(unit, year)
    ]


# --- consultations ---------------------------------------------------------------------------


class ParagraphOut(Schema):
    id: int
    position: int
    is_heading: bool
    text: str


class ConsultationOut(Schema):
    id: int
    owner: UnitRef
    matter: ConsultationMatter
    title: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    version: int


class ConsultationDetailOut(ConsultationOut):
    plan: str
    decision_note: str
    paragraphs: list[ParagraphOut]


class ConsultationIn(Schema):
    owner_id: Id
    matter: ConsultationMatter
    title: model_text(Consultation, "title")  # type: ignore[valid-type]
    plan: model_text(Consultation, "plan") = ""  # type: ignore[valid-type]
    draft: str = Field(max_length=200_000, description="Paragraphs separated by an empty line.")


class PublishIn(Schema):
    opens_on: dt.date
    closes_on: dt.date
    version: Int32


def _consultation_detail(c: Consultation) -> dict[str, Any]:
    return {
        **{f: getattr(c, f) for f in ConsultationOut.model_fields},
        "plan": c.plan,
        "decision_note": c.decision_note,
        "paragraphs": list(c.paragraphs.all()),
    }


@router.get("/consultations", response=list[ConsultationOut], summary="Consultations on drafts")
@paginate(Pagination)
def list_consultations(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Consultation.objects.visible_to(request.user).select_related("owner").order_by("-id")


@router.post(
    "/consultations", response={201: ConsultationDetailOut}, summary="Put a draft to the people"
)
def post_consultation(request: HttpRequest, payload: ConsultationIn) -> Status[dict[str, Any]]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    consultation = consult.create_consultation(
        actor=request.user,
        owner=owner,
        matter=payload.matter,
        title=payload.title,
        plan=payload.plan,
        draft=payload.draft,
    )
    return Status(201, _consultation_detail(consultation))


@router.get(
    "/consultations/{consultation_id}", response=ConsultationDetailOut, summary="One consultation"
)
def get_consultation(request: HttpRequest, consultation_id: Id) -> dict[str, Any]:
    return _consultation_detail(
        get_object_for_user(
            Consultation.objects.select_related("owner"), request.user, pk=consultation_id
        )
    )


@router.post(
    "/consultations/{consultation_id}/publish",
    response=ConsultationDetailOut,
    summary="Publish a draft for comments (at least 20 days)",
)
def publish_consultation(
    request: HttpRequest, consultation_id: Id, payload: PublishIn
) -> dict[str, Any]:
    consultation = get_object_for_user(
        Consultation.objects.select_related("owner"), request.user, pk=consultation_id
    )
    consult.publish(actor=request.user, consultation=consultation, **payload.dict())
    return _consultation_detail(consultation)


class CommentOut(Schema):
    id: int
    paragraph_id: int | None
    author_name: str
    text: str
    status: Moderation
    moderation_reason: str
    merged_into_id: int | None
    answer_kind: str
    answer_text: str
    created_at: dt.datetime
    version: int


class ModerateIn(Schema):
    status: Moderation
    reason: model_text(Comment, "moderation_reason") = ""  # type: ignore[valid-type]
    version: Int32


class AnswerIn(Schema):
    kind: AnswerKind
    text: model_text(Comment, "answer_text")  # type: ignore[valid-type]
    version: Int32


@router.get(
    "/consultations/{consultation_id}/comments",
    response=list[CommentOut],
    summary="Comments on a draft (all states, for the officers)",
)
@paginate(Pagination)
def list_comments(request: HttpRequest, consultation_id: Id):  # type: ignore[no-untyped-def]
    consultation = get_object_for_user(Consultation, request.user, pk=consultation_id)
    return consultation.comments.order_by("created_at", "id")


def _comment(request: HttpRequest, comment_id: Id) -> Comment:
    return get_object_for_user(
        Comment.objects.select_related("consultation__owner"), request.user, pk=comment_id
    )


@router.post("/comments/{comment_id}/moderate", response=CommentOut, summary="Moderate a comment")
def moderate_comment(request: HttpRequest, comment_id: Id, payload: ModerateIn) -> Comment:
    comment = _comment(request, comment_id)
    return consult.moderate(
        actor=request.user,
        comment=comment,
        status=payload.status,
        reason=payload.reason,
        version=payload.version,
    )


@router.post("/comments/{comment_id}/answer", response=CommentOut, summary="Answer a comment")
def answer_comment(request: HttpRequest, comment_id: Id, payload: AnswerIn) -> Comment:
    comment = _comment(request, comment_id)
    return consult.answer(
        actor=request.user,
        comment=comment,
        kind=payload.kind,
        text=payload.text,
        version=payload.version,
    )


# --- decisions -------------------------------------------------------------------------------


class DecisionOut(Schema):
    id: int
    village: UnitRef
    matter_number: int
    title: str
    method: DecisionMethod
    noticed_on: dt.date
    held_on: dt.date
    households_total: int
    ballots: int
    votes_for: int
    votes_against: int
    passed: bool = Field(description="Derived from the threshold of Điều 21 on all households.")
    needed: int
    rule: str
    recognised_on: dt.date | None

    @staticmethod
    def resolve_matter_number(obj: Any) -> int:
        return int(obj.matter.number)

    @staticmethod
    def resolve_passed(obj: Any) -> bool:
        return obj.tally().passed  # type: ignore[no-any-return]

    @staticmethod
    def resolve_needed(obj: Any) -> int:
        return obj.tally().needed  # type: ignore[no-any-return]

    @staticmethod
    def resolve_rule(obj: Any) -> str:
        return obj.tally().rule  # type: ignore[no-any-return]


class DecisionIn(Schema):
    village_id: Id
    matter_number: int = Field(ge=1, le=6)
    title: model_text(PeopleDecision, "title")  # type: ignore[valid-type]
    method: DecisionMethod
    noticed_on: dt.date
    held_on: dt.date
    households_total: Int32
    households_opted_in: Int32 = 0
    ballots: Int32
    votes_for: Int32
    votes_against: Int32 = 0
    chaired_by: model_text(PeopleDecision, "chaired_by") = ""  # type: ignore[valid-type]
    record: model_text(PeopleDecision, "record") = ""  # type: ignore[valid-type]


@router.get("/decisions", response=list[DecisionOut], summary="Decisions of the people")
@paginate(Pagination)
def list_decisions(request: HttpRequest):  # type: ignore[no-untyped-def]
    qs = PeopleDecision.objects.visible_to(request.user).select_related("village", "matter")
    return qs.order_by("-held_on", "-id")


@router.post("/decisions", response={201: DecisionOut}, summary="Record and tally a decision")
def post_decision(request: HttpRequest, payload: DecisionIn) -> Status[PeopleDecision]:
    village = get_object_for_user(OrgUnit, request.user, pk=payload.village_id)
    data = payload.dict()
    data.pop("village_id")
    matter = DecisionMatter.objects.get(number=data.pop("matter_number"))
    decision = decide.record_decision(actor=request.user, village=village, matter=matter, **data)
    return Status(201, decision)


# --- supervision -----------------------------------------------------------------------------


class RoundOut(Schema):
    id: int
    owner: UnitRef
    supervised_unit: UnitRef
    topic: str
    starts_on: dt.date
    ends_on: dt.date


class RoundIn(Schema):
    owner_id: Id
    supervised_unit_id: Id
    topic: model_text(SupervisionRound, "topic")  # type: ignore[valid-type]
    starts_on: dt.date
    ends_on: dt.date


class RecommendationOut(Schema):
    id: int
    supervision_round_id: int
    text: str
    answering_unit: UnitRef
    made_on: dt.date
    due_on: dt.date
    state: RecommendationState
    answer: str
    answered_on: dt.date | None
    overdue: bool = Field(description="Derived: not answered and the due date passed.")
    version: int

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return bool(obj.is_overdue())


class RecommendationIn(Schema):
    text: model_text(SupervisionRecommendation, "text")  # type: ignore[valid-type]
    answering_unit_id: Id
    made_on: dt.date


class RecommendationAnswerIn(Schema):
    answer: model_text(SupervisionRecommendation, "answer")  # type: ignore[valid-type]
    state: RecommendationState
    answered_on: dt.date
    version: Int32


@router.get("/supervision-rounds", response=list[RoundOut], summary="Supervision rounds")
@paginate(Pagination)
def list_rounds(request: HttpRequest):  # type: ignore[no-untyped-def]
    return (
        SupervisionRound.objects.visible_to(request.user)
        .select_related("owner", "supervised_unit")
        .order_by("-starts_on", "-id")
    )


@router.post("/supervision-rounds", response={201: RoundOut}, summary="Record a supervision round")
def post_round(request: HttpRequest, payload: RoundIn) -> Status[SupervisionRound]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    supervised = OrgUnit.objects.current().filter(pk=payload.supervised_unit_id).first()
    if supervised is None:
        raise HttpError(400, "Không tìm thấy đơn vị được giám sát.")
    round_ = supervise.create_round(
        actor=request.user,
        owner=owner,
        supervised_unit=supervised,
        topic=payload.topic,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    return Status(201, round_)


@router.post(
    "/supervision-rounds/{round_id}/recommendations",
    response={201: RecommendationOut},
    summary="Add a recommendation (due in the province's days, 15 by default)",
)
def post_recommendation(
    request: HttpRequest, round_id: Id, payload: RecommendationIn
) -> Status[SupervisionRecommendation]:
    round_ = get_object_for_user(
        SupervisionRound.objects.select_related("owner", "supervised_unit"),
        request.user,
        pk=round_id,
    )
    unit = OrgUnit.objects.current().filter(pk=payload.answering_unit_id).first()
    if unit is None:
        raise HttpError(400, "Không tìm thấy đơn vị phải trả lời.")
    rec = supervise.add_recommendation(
        actor=request.user,
        supervision_round=round_,
        text=payload.text,
        answering_unit=unit,
        made_on=payload.made_on,
    )
    return Status(201, rec)


@router.get("/recommendations", response=list[RecommendationOut], summary="Recommendations")
@paginate(Pagination)
def list_recommendations(request: HttpRequest, overdue: bool = False):  # type: ignore[no-untyped-def]
    qs = SupervisionRecommendation.objects.visible_to(request.user).select_related("answering_unit")
    if overdue:
        qs = qs.overdue(timezone.localdate())
    return qs.order_by("due_on", "id")


@router.post(
    "/recommendations/{recommendation_id}/answer",
    response=RecommendationOut,
    summary="Answer a recommendation (only the unit it was made to)",
    description="Send the `version` you read; 409 when someone updated it meanwhile.",
)
def answer_recommendation(
    request: HttpRequest, recommendation_id: Id, payload: RecommendationAnswerIn
) -> SupervisionRecommendation:
    rec = get_object_for_user(
        SupervisionRecommendation.objects.select_related("answering_unit"),
        request.user,
        pk=recommendation_id,
    )
    return supervise.answer_recommendation(
        actor=request.user,
        recommendation=rec,
        answer=payload.answer,
        state=payload.state,
        version=payload.version,
        on=payload.answered_on,
    )


# --- people's boards and coordination programmes ---------------------------------------------


class BoardOut(Schema):
    id: int
    owner: UnitRef
    kind: BoardKind
    name: str
    project: str
    term_starts: dt.date
    term_ends: dt.date
    members: int
    problems: list[str] = Field(description="Derived: what the composition lacks by law.")

    @staticmethod
    def resolve_members(obj: Any) -> int:
        return int(obj.members.count())

    @staticmethod
    def resolve_problems(obj: Any) -> list[str]:
        return board_services.composition_problems(obj)


class BoardFindingOut(Schema):
    id: int
    board_id: int
    text: str
    sent_on: dt.date
    due_on: dt.date
    answer: str
    answered_on: dt.date | None
    overdue: bool = Field(description="Derived: not answered and the due date passed.")
    version: int

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return bool(obj.is_overdue())


class FindingAnswerIn(Schema):
    answer: model_text(BoardFinding, "answer")  # type: ignore[valid-type]
    answered_on: dt.date
    version: Int32


class ProgrammeOut(Schema):
    id: int
    owner: UnitRef
    title: str
    parties: str
    starts_on: dt.date
    ends_on: dt.date
    signed_on: dt.date | None
    document_reference: str


@router.get("/boards", response=list[BoardOut], summary="People's boards")
@paginate(Pagination)
def list_boards(request: HttpRequest):  # type: ignore[no-untyped-def]
    return PeopleBoard.objects.visible_to(request.user).select_related("owner").order_by("-id")


@router.get("/board-findings", response=list[BoardFindingOut], summary="Findings of the boards")
@paginate(Pagination)
def list_board_findings(request: HttpRequest, overdue: bool = False):  # type: ignore[no-untyped-def]
    qs = BoardFinding.objects.visible_to(request.user)
    if overdue:
        qs = qs.overdue(timezone.localdate())
    return qs.order_by("due_on", "id")


@router.post(
    "/board-findings/{finding_id}/answer",
    response=BoardFindingOut,
    summary="Answer a board's finding (only the unit that formed the board)",
    description="Send the `version` you read; 409 when someone updated it meanwhile.",
)
def answer_board_finding(
    request: HttpRequest, finding_id: Id, payload: FindingAnswerIn
) -> BoardFinding:
    finding = get_object_for_user(
        BoardFinding.objects.select_related("board__owner"), request.user, pk=finding_id
    )
    return board_services.answer_finding(
        actor=request.user,
        finding=finding,
        answer=payload.answer,
        on=payload.answered_on,
        version=payload.version,
    )


@router.get(
    "/coordination-programmes", response=list[ProgrammeOut], summary="Coordination programmes"
)
@paginate(Pagination)
def list_programmes(request: HttpRequest):  # type: ignore[no-untyped-def]
    return (
        CoordinationProgramme.objects.visible_to(request.user)
        .select_related("owner")
        .order_by("-starts_on", "id")
    )


@router.get(
    "/coordination-gaps/{unit_id}",
    response=list[UnitRef],
    summary="People's Committees under a unit without a signed programme in force today",
)
def coordination_gaps(request: HttpRequest, unit_id: Id) -> list[OrgUnit]:
    unit = get_object_for_user(OrgUnit, request.user, pk=unit_id)
    return board_services.coordination_gaps(unit)
