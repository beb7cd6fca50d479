"""Officer pages: every page answers for an officer, forms go through the services, and no
page leaks another province's records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from danvan.reporting import sources
from danvan.testing.fixtures import Tree, official, signed_in

from ..models import Comment, Disclosure, PeopleDecision, SupervisionRecommendation
from .support import make_comment, make_decision, make_disclosure, make_recommendation


def test_pages_answer_and_stay_in_scope(tree: Tree, commune_officer, outsider) -> None:  # type: ignore[no-untyped-def]
    disclosure = make_disclosure(tree.commune)
    comment = make_comment(tree.commune)
    decision = make_decision(tree.village)
    rec = make_recommendation(tree.province, tree.commune)
    client = signed_in(commune_officer)
    for url in [
        "/participation/",
        "/participation/disclosures/",
        "/participation/disclosures/new/",
        f"/participation/disclosures/{disclosure.pk}/",
        f"/participation/compliance/?unit={tree.commune.pk}&year=2026",
        "/participation/compliance/",
        f"/participation/compliance/quarter/?unit={tree.commune.pk}&year=2026&quarter=1",
        "/participation/consultations/",
        "/participation/consultations/new/",
        f"/participation/consultations/{comment.consultation_id}/",
        "/participation/decisions/",
        "/participation/decisions/new/",
        f"/participation/decisions/{decision.pk}/",
        "/participation/supervision/",
        f"/participation/recommendations/{rec.pk}/",
        "/participation/public/",
        f"/participation/public/units/{tree.commune.pk}/",
    ]:
        assert client.get(url).status_code == 200, url
    stranger = signed_in(outsider)
    for url in [
        f"/participation/disclosures/{disclosure.pk}/",
        f"/participation/consultations/{comment.consultation_id}/",
        f"/participation/decisions/{decision.pk}/",
        f"/participation/recommendations/{rec.pk}/",
        f"/participation/compliance/?unit={tree.commune.pk}",
    ]:
        assert stranger.get(url).status_code == 404, url
    assert (
        stranger.post(f"/participation/comments/{comment.pk}/", {"op": "answer"}).status_code == 404
    )


def test_record_a_disclosure_through_the_form(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    from danvan.participation.models import DisclosureItem

    item = DisclosureItem.objects.get(code="xa.7")
    client = signed_in(commune_officer)
    bad = client.post(
        "/participation/disclosures/new/",
        {
            "owner": tree.commune.pk, "item": item.pk, "title": "Mức thu phí chợ",
            "decided_on": "2026-03-02", "channel": "posting", "starts_on": "2026-03-10",
            "ends_on": "2026-03-05",
        },
    )  # fmt: skip
    assert bad.status_code == 400
    assert "không được trước ngày bắt đầu" in bad.content.decode()
    assert not Disclosure.objects.exists()
    ok = client.post(
        "/participation/disclosures/new/",
        {
            "owner": tree.commune.pk, "item": item.pk, "title": "Mức thu phí chợ",
            "decided_on": "2026-03-02", "channel": "posting", "starts_on": "2026-03-03",
            "ends_on": "2026-04-10",
        },
    )  # fmt: skip
    disclosure = Disclosure.objects.get()
    assert ok.status_code == 302
    page = client.get(f"/participation/disclosures/{disclosure.pk}/").content.decode()
    assert "Chưa thông báo trên hệ thống truyền thanh" in page
    client.post(
        f"/participation/disclosures/{disclosure.pk}/",
        {"channel": "radio", "starts_on": "2026-03-04", "ends_on": "2026-03-06"},
    )
    page = client.get(f"/participation/disclosures/{disclosure.pk}/").content.decode()
    assert "Chưa thông báo trên hệ thống truyền thanh" not in page


def test_a_viewer_gets_no_write_links_nor_writes(tree: Tree) -> None:
    viewer = official("viewer", tree.commune, username="xa.xem")
    comment = make_comment(tree.commune)
    client = signed_in(viewer)
    page = client.get(f"/participation/consultations/{comment.consultation_id}/").content.decode()
    assert 'name="op" value="answer"' not in page
    assert (
        "/participation/disclosures/new/"
        not in client.get("/participation/disclosures/").content.decode()
    )
    assert client.get("/participation/disclosures/new/").status_code == 403
    response = client.post(
        f"/participation/comments/{comment.pk}/",
        {"op": "answer", "kind": "accepted", "text": "x", "version": 1},
    )
    assert response.status_code == 404
    assert Comment.objects.get().answer_text == ""


def _figure(code: str) -> sources.Compute:
    source = sources.get(code)
    assert source is not None, code
    return source.compute


def test_report_sources_count_the_unit_itself(tree: Tree) -> None:
    make_disclosure(tree.commune)
    make_disclosure(tree.other_commune)
    rec = make_recommendation(tree.province, tree.commune, due_on=dt.date(2026, 4, 20))
    SupervisionRecommendation.objects.filter(pk=rec.pk).update(answered_on=dt.date(2026, 4, 18))
    late = make_recommendation(tree.province, tree.commune, due_on=dt.date(2026, 4, 20))
    SupervisionRecommendation.objects.filter(pk=late.pk).update(answered_on=dt.date(2026, 4, 25))
    window = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert _figure("participation.disclosures_made")(tree.commune, *window) == Decimal(1)
    assert _figure("participation.recommendations_answered")(tree.commune, *window) == Decimal(2)
    assert _figure("participation.recommendations_on_time")(tree.commune, *window) == Decimal(1)
    assert _figure("participation.disclosures_made")(tree.province, *window) == Decimal(0)
    from ..models import SocialCritique
    from .support import make_critique

    on_time = make_critique(tree.province, tree.commune, due_on=dt.date(2026, 5, 25))
    late_critique = make_critique(tree.province, tree.commune, due_on=dt.date(2026, 5, 25))
    make_critique(tree.province, tree.commune)  # not answered
    SocialCritique.objects.filter(pk=on_time.pk).update(answered_on=dt.date(2026, 5, 20))
    SocialCritique.objects.filter(pk=late_critique.pk).update(answered_on=dt.date(2026, 6, 2))
    assert _figure("participation.critiques_answered")(tree.commune, *window) == Decimal(2)
    assert _figure("participation.critiques_on_time")(tree.commune, *window) == Decimal(1)
    assert _figure("participation.critiques_on_time")(tree.province, *window) == Decimal(0)


def test_recommendations_are_reminded_as_obligations(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    from danvan.core.obligations import remind
    from danvan.notifications.models import Notification

    today = timezone.localdate()
    make_recommendation(tree.province, tree.commune, due_on=today - dt.timedelta(days=2))
    sent = remind(today, only=["participation.recommendation"])
    assert sent["participation.recommendation"] == 1
    assert Notification.objects.filter(recipient=commune_officer).count() == 1
    assert remind(today, only=["participation.recommendation"])["participation.recommendation"] == 0


@pytest.mark.parametrize("passed", [False, True])
def test_the_decision_page_says_passed_or_not_with_the_rule(
    tree: Tree, commune_officer, passed
) -> None:  # type: ignore[no-untyped-def]
    decision = make_decision(tree.village)
    if passed:
        PeopleDecision.objects.filter(pk=decision.pk).update(votes_for=60, votes_against=20)
    page = (
        signed_in(commune_officer).get(f"/participation/decisions/{decision.pk}/").content.decode()
    )
    assert ("Đã thông qua" if passed else "Không được thông qua") in page
    assert "60/90" in page


def test_no_link_to_record_a_decision_without_a_village(tree: Tree) -> None:
    department = official("officer", tree.department, username="snv.congchuc")
    client = signed_in(department)
    assert (
        "/participation/decisions/new/"
        not in client.get("/participation/decisions/").content.decode()
    )
    assert client.get("/participation/decisions/new/").status_code == 403


def test_critique_pages_and_board_plans(tree: Tree, commune_officer, outsider) -> None:  # type: ignore[no-untyped-def]
    from ..models import InspectionPlan, SocialCritique
    from .support import make_board, make_critique

    front = official("front_supervisor", tree.province, username="mttq.tinh.trang")
    critique = make_critique(tree.province, tree.commune)
    board = make_board(tree.commune)
    officer = signed_in(commune_officer)
    for url in [
        "/participation/critiques/",
        f"/participation/critiques/{critique.pk}/",
        f"/participation/boards/{board.pk}/",
        "/participation/annual/",
    ]:
        assert officer.get(url).status_code == 200, url
    assert signed_in(outsider).get(f"/participation/critiques/{critique.pk}/").status_code == 404
    # The Front reads but does not answer; its attempt changes nothing.
    page = signed_in(front).get(f"/participation/critiques/{critique.pk}/").content.decode()
    assert 'name="acceptance"' not in page
    refused = officer.post(
        f"/participation/critiques/{critique.pk}/",
        {"acceptance": "not_accepted", "answer": "Không tiếp thu", "answered_on": "2026-05-20",
         "version": critique.version},
    )  # fmt: skip
    assert refused.status_code == 400 and "lý do" in refused.content.decode()
    done = officer.post(
        f"/participation/critiques/{critique.pk}/",
        {"acceptance": "not_accepted", "answer": "Không tiếp thu", "answered_on": "2026-05-20",
         "reasons_not_accepted": "Ngoài thẩm quyền <script>", "version": critique.version},
    )  # fmt: skip
    assert done.status_code == 302
    shown = officer.get(f"/participation/critiques/{critique.pk}/").content.decode()
    assert "Ngoài thẩm quyền &lt;script&gt;" in shown
    assert SocialCritique.objects.get().answered_on == dt.date(2026, 5, 20)
    new = signed_in(front).post(
        "/participation/critiques/new/",
        {"owner": tree.province.pk, "drafting_unit": tree.commune.pk, "draft_title": "Dự thảo",
         "draft_received_on": "2026-05-20", "submission_on": "2026-06-01", "text": "Ý kiến",
         "sent_on": "2026-05-22"},
    )  # fmt: skip
    assert new.status_code == 400 and "15 ngày" in new.content.decode()
    short = officer.post(
        f"/participation/boards/{board.pk}/",
        {"op": "plan", "subject": "Quỹ làm đường", "starts_on": "2026-06-03",
         "ends_on": "2026-06-05", "sent_on": "2026-06-01"},
    )  # fmt: skip
    assert short.status_code == 400 and "5 ngày làm việc" in short.content.decode()
    assert not InspectionPlan.objects.exists()
