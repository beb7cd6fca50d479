"""Duplicate suggestions (all three signals, scope) and intake's scope check and tracking codes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from danvan.accounts.models import User
from danvan.petitions.casework import services
from danvan.petitions.casework.services import receipt
from danvan.petitions.models import Petition
from danvan.testing.fixtures import Tree, official

from .factories import make_petition

TITLE = "Khiếu nại giá bồi thường thu hồi đất làm đường tránh"
CONTENT = "Giá bồi thường đất nông nghiệp khi thu hồi làm đường tránh quá thấp."


@pytest.fixture
def reception(tree: Tree) -> User:
    return official("reception_officer", tree.commune, username="xa.tiepdan")


def test_one_petition_matching_every_signal_carries_every_reason(
    reception: User, tree: Tree
) -> None:
    first = make_petition(reception, tree.commune, place=tree.commune, title=TITLE, content=CONTENT)
    make_petition(
        reception, tree.commune, place=tree.commune, petitioner_name="Lục Thị Hoa",
        petitioner_id_number="004090009999", petitioner_address="Thôn Nà Rị",
        title="Đèn đường hỏng", content="Đèn đường thôn tắt.",
    )  # fmt: skip
    matches = services.similar_petitions(
        reception, place_id=tree.commune.pk, id_number="004090001234",
        name="Nong Van Tam", address="thon ban gioi, xa hoa binh", title=TITLE, content=CONTENT,
    )  # fmt: skip
    assert [m.petition for m in matches] == [first]
    assert matches[0].reasons == ["same_id", "same_person", "similar_content"]
    assert matches[0].score == 1.0


def test_the_petition_itself_and_petitions_outside_the_scope_are_not_suggested(
    reception: User, tree: Tree
) -> None:
    mine = make_petition(reception, tree.commune, place=tree.commune, title=TITLE, content=CONTENT)
    other_reception = official("reception_officer", tree.other_commune, username="khac.tiepdan")
    make_petition(
        other_reception, tree.other_commune, place=tree.commune, title=TITLE, content=CONTENT
    )
    criteria = {
        "place_id": tree.commune.pk, "id_number": "004090001234", "name": "Nông Văn Tám",
        "address": "Thôn Bản Giới, xã Hòa Bình", "title": TITLE, "content": CONTENT,
    }  # fmt: skip
    assert [m.petition for m in services.similar_petitions(reception, **criteria)] == [mine]
    assert services.similar_petitions(reception, exclude_pk=mine.pk, **criteria) == []


def test_intake_is_refused_outside_the_scope_and_allowed_below_it(
    reception: User, tree: Tree
) -> None:
    with pytest.raises(PermissionDenied):
        make_petition(reception, tree.other_commune)
    with pytest.raises(PermissionDenied):
        make_petition(reception, tree.province)
    assert make_petition(reception, tree.village).handling_unit == tree.village
    only_here = official("reception_officer", tree.commune, subtree=False, username="chi.xa")
    assert make_petition(only_here, tree.commune).handling_unit == tree.commune
    with pytest.raises(PermissionDenied):
        make_petition(only_here, tree.village)


@pytest.mark.django_db(transaction=True)
def test_a_tracking_code_already_taken_is_replaced(
    reception: User, tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_petition(reception, tree.commune)
    codes = iter([first.tracking_code, "ABCD-2345"])
    monkeypatch.setattr(receipt, "new_tracking_code", lambda: next(codes))
    second = make_petition(reception, tree.commune)
    assert second.tracking_code == "ABCD-2345"
    assert Petition.objects.count() == 2
    assert second.events.count() == 1
