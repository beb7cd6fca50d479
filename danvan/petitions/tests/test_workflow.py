"""Petition intake, classification, workflow transitions and legal due dates."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry

from danvan.accounts.models import User
from danvan.core.errors import UserError
from danvan.core.obligations import remind
from danvan.petitions.casework import services
from danvan.petitions.casework.workflow import TRANSITIONS
from danvan.petitions.models import Petition, PetitionEvent
from danvan.testing.fixtures import Tree, official

from .factories import classify_within, make_petition


def send_overdue_alerts(today: dt.date) -> int:
    """The petitions' reminders of the kernel's daily job (``petitions.obligations``)."""
    return remind(today, only=["petitions.step"])["petitions.step"]


@pytest.fixture
def reception(tree: Tree) -> User:
    return official("reception_officer", tree.commune, username="xa.tiepdan", email="td@x.vn")


def test_intake_sets_the_ten_working_day_step(reception: User, tree: Tree) -> None:
    petition = make_petition(reception, tree.commune, received_on=dt.date(2026, 2, 10))
    assert petition.state == "received"
    assert petition.step_rule == "petition.handle"
    # 10 working days from Tue 10/2/2026 skip the Tết break (16–20/2) and weekends.
    assert petition.due_on == dt.date(2026, 3, 3)
    assert len(petition.tracking_code) == 9
    assert PetitionEvent.objects.filter(petition=petition, to_state="received").count() == 1


def test_full_complaint_path_uses_the_engine(reception: User, tree: Tree) -> None:
    petition = make_petition(reception, tree.commune, received_on=dt.date(2026, 3, 2))
    petition = classify_within(reception, petition)
    assert petition.step_rule == "complaint.accept"
    petition = services.transition(
        reception, petition, "accepted", petition.version, on=dt.date(2026, 3, 9)
    )
    assert petition.step_rule == "complaint.first"
    assert petition.due_on == dt.date(2026, 4, 8)  # 30 days after 9/3
    petition = services.transition(
        reception, petition, "verifying", petition.version, on=dt.date(2026, 3, 10)
    )
    assert petition.due_on == dt.date(2026, 4, 8)  # the resolution clock keeps running
    petition = services.transition(
        reception, petition, "concluded", petition.version, on=dt.date(2026, 3, 20)
    )
    petition = services.transition(
        reception,
        petition,
        "answered",
        petition.version,
        answer="Đã hòa giải thành.",
        on=dt.date(2026, 3, 21),
    )
    assert petition.due_on is None and petition.answer_published
    states = list(
        PetitionEvent.objects.filter(petition=petition).values_list("to_state", flat=True)
    )
    assert states == ["received", "classified", "accepted", "verifying", "concluded", "answered"]


def test_transitions_not_in_the_table_are_refused(reception: User, tree: Tree) -> None:
    petition = make_petition(reception, tree.commune)
    with pytest.raises(UserError, match="Không thể chuyển"):
        services.transition(reception, petition, "answered", petition.version, answer="x")
    assert ("received", "answered") not in {(t.source, t.target) for t in TRANSITIONS}
    petition.refresh_from_db()
    assert petition.state == "received"


def test_stale_version_is_refused(reception: User, tree: Tree) -> None:
    petition = make_petition(reception, tree.commune)
    classify_within(reception, petition)
    with pytest.raises(UserError, match="tải lại"):
        services.transition(reception, petition, "accepted", petition.version)


def test_denunciation_extensions_are_recorded(reception: User, tree: Tree) -> None:
    petition = make_petition(reception, tree.commune, received_on=dt.date(2026, 3, 2))
    petition = classify_within(reception, petition, kind="denunciation", is_complex=True)
    petition = services.transition(
        reception, petition, "accepted", petition.version, on=dt.date(2026, 3, 6)
    )
    first_due = petition.due_on
    ext = services.extend(
        reception,
        petition,
        petition.version,
        decision_number="12/QĐ-UBND",
        decision_date=dt.date(2026, 3, 30),
        reason="Vụ việc phức tạp",
    )
    petition.refresh_from_db()
    assert ext.number == 1 and petition.extensions == 1
    assert petition.due_on and first_due and petition.due_on > first_due
    assert ext.due_on == petition.due_on


def test_a_second_extension_needs_an_especially_complex_case(reception: User, tree: Tree) -> None:
    """Điều 30 Luật Tố cáo 2018: once if complex, twice only if especially complex."""
    petition = make_petition(reception, tree.commune, received_on=dt.date(2026, 3, 2))
    petition = classify_within(reception, petition, kind="denunciation", is_complex=True)
    petition = services.transition(
        reception, petition, "accepted", petition.version, on=dt.date(2026, 3, 6)
    )

    def extend(number: str, ground: str = "") -> None:
        current = Petition.objects.get(pk=petition.pk)
        services.extend(
            reception, current, current.version, decision_number=number,
            decision_date=dt.date(2026, 3, 30), ground=ground,
        )  # fmt: skip

    extend("12/QĐ-UBND")
    with pytest.raises(UserError, match="đặc biệt phức tạp"):
        extend("13/QĐ-UBND")
    assert Petition.objects.get(pk=petition.pk).extensions == 1  # nothing written
    extend("13/QĐ-UBND", ground="especially_complex")
    after = Petition.objects.get(pk=petition.pk)
    assert after.extensions == 2 and after.is_especially_complex
    # 30 + 2 × 30 days from acceptance on Friday 6/3/2026: Thursday 4/6/2026.
    assert after.due_on == dt.date(2026, 6, 4)


def test_a_plain_denunciation_is_not_extended(reception: User, tree: Tree) -> None:
    petition = make_petition(reception, tree.commune, received_on=dt.date(2026, 3, 2))
    petition = classify_within(reception, petition, kind="denunciation")
    petition = services.transition(
        reception, petition, "accepted", petition.version, on=dt.date(2026, 3, 6)
    )
    with pytest.raises(UserError, match="chỉ cho gia hạn khi vụ việc phức tạp"):
        services.extend(
            reception, petition, petition.version, decision_number="12/QĐ-UBND",
            decision_date=dt.date(2026, 3, 30),
        )  # fmt: skip


def test_anonymous_denunciation_is_not_accepted(reception: User, tree: Tree) -> None:
    petition = make_petition(reception, tree.commune, is_anonymous=True, petitioner_name="")
    petition = services.classify(
        reception,
        petition,
        services.Classification(kind="denunciation", eligible=True, competence="within"),
        petition.version,
    )
    assert petition.eligible is False
    assert "Điều 25 Luật Tố cáo" in petition.ineligible_reason
    with pytest.raises(UserError, match="đủ điều kiện"):
        services.transition(reception, petition, "accepted", petition.version)


def test_bad_input_writes_nothing(reception: User, tree: Tree) -> None:
    with pytest.raises(UserError, match="sau ngày hôm nay"):
        make_petition(reception, tree.commune, received_on=dt.date.today() + dt.timedelta(days=3))
    with pytest.raises(UserError, match="Thiếu tóm tắt"):
        make_petition(reception, tree.commune, title="")
    with pytest.raises(UserError, match="định dạng"):
        make_petition(
            reception,
            tree.commune,
            attachments=[services.Upload("virus.exe", b"MZ...")],
        )
    with pytest.raises(UserError, match="quá lớn"):
        make_petition(
            reception,
            tree.commune,
            attachments=[services.Upload("big.pdf", b"%PDF" + b"0" * (6 * 1024 * 1024))],
        )
    assert Petition.objects.count() == 0


def test_overdue_is_derived_and_alerted_once(reception: User, tree: Tree) -> None:
    leader = official("leader", tree.commune, username="xa.lanhdao", email="ld@x.vn")
    petition = make_petition(reception, tree.commune, received_on=dt.date(2026, 3, 2))
    assert not Petition.objects.overdue(dt.date(2026, 3, 16)).exists()
    assert list(Petition.objects.overdue(dt.date(2026, 3, 17))) == [petition]
    from danvan.notifications.models import Notification

    assert send_overdue_alerts(dt.date(2026, 3, 17)) == 2
    assert send_overdue_alerts(dt.date(2026, 3, 18)) == 0
    notes = Notification.objects.filter(recipient=leader)
    assert notes.count() == 1
    assert petition.tracking_code in notes.get().subject
    assert "Nông Văn Tám" not in notes.get().body


def test_audit_log_masks_identity(reception: User, tree: Tree) -> None:
    petition = make_petition(reception, tree.commune, kind="denunciation")
    entries = LogEntry.objects.get_for_object(petition)
    text = str([e.changes for e in entries])
    assert "Nông Văn Tám" not in text and "004090001234" not in text
    assert entries.exists()


def test_repeat_to_a_higher_level_is_escalated(reception: User, tree: Tree) -> None:
    first = make_petition(reception, tree.commune)
    province_reception = official("reception_officer", tree.province, username="tinh.tiepdan")
    second = make_petition(province_reception, tree.province, case=first)
    assert second.case == first and second.escalated


def test_similar_content_is_found_without_accents(reception: User, tree: Tree) -> None:
    first = make_petition(
        reception, tree.commune, place=tree.commune, petitioner_id_number="",
        title="Khiếu nại giá bồi thường thu hồi đất làm đường tránh",
        content="Giá bồi thường đất nông nghiệp khi thu hồi làm đường tránh quá thấp.",
    )  # fmt: skip
    make_petition(
        reception, tree.commune, place=tree.commune, petitioner_id_number="",
        petitioner_name="Lục Thị Hoa", title="Đèn đường hỏng", content="Đèn đường thôn tắt.",
    )  # fmt: skip
    matches = services.similar_petitions(
        reception, place_id=tree.commune.pk, name="Người khác", address="Nơi khác",
        title="khieu nai gia boi thuong thu hoi dat lam duong tranh",
        content="gia boi thuong dat nong nghiep thu hoi lam duong tranh thap",
    )  # fmt: skip
    assert [m.petition for m in matches] == [first]
    assert matches[0].reasons == ["similar_content"]
