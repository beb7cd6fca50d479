"""Every write of a submission carries the version it read: none is a 400 with a Vietnamese
message, an old one a 409 (StaleVersion), on the services and on the entry page; nothing is
written either way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from danvan.accounts.models import User
from danvan.core.errors import StaleVersion, UserError
from danvan.reporting.models import Submission, SubmissionStatus
from danvan.reporting.services import (
    approve,
    refresh_from_sources,
    return_submission,
    save_draft,
    submit,
    submit_values,
)
from danvan.reporting.tests.factories import make_form
from danvan.testing.fixtures import Tree, signed_in

pytestmark = pytest.mark.django_db

GOOD = {"officials_total": "20", "trained": "12", "models": "2", "satisfaction": "80",
        "has_plan": "có"}  # fmt: skip

DRAFT_WRITES: dict[str, Callable[[Submission, Any, User], Any]] = {
    "save_draft": lambda s, v, u: save_draft(s, values={"trained": "4"}, version=v, actor=u),
    "submit": lambda s, v, u: submit(s, version=v, actor=u),
    "refresh_from_sources": lambda s, v, u: refresh_from_sources(s, version=v, actor=u),
}
REVIEW_WRITES: dict[str, Callable[[Submission, Any, User], Any]] = {
    "approve": lambda s, v, u: approve(s, version=v, actor=u),
    "return_submission": lambda s, v, u: return_submission(
        s, version=v, comment="Sửa số liệu.", actor=u
    ),
}


def _state(submission: Submission) -> tuple[Any, ...]:
    fresh = Submission.objects.get(pk=submission.pk)
    values = sorted(fresh.values.values_list("element__code", "value"))
    return fresh.status, fresh.version, values


def _refused(write: Callable[..., Any], submission: Submission, given: str | None,
             actor: User) -> None:  # fmt: skip
    read = submission.version
    if given == "stale":
        Submission.objects.filter(pk=submission.pk).update(version=read + 1)
    before = _state(submission)
    with pytest.raises(UserError) as refused:
        write(submission, read if given else None, actor)
    assert isinstance(refused.value, StaleVersion) == (given == "stale")
    assert ("vừa được người khác cập nhật" if given else "Thiếu phiên bản") in refused.value.message
    assert _state(submission) == before


@pytest.mark.parametrize("given", [None, "stale"])
@pytest.mark.parametrize("write", list(DRAFT_WRITES))
def test_a_draft_write_needs_the_version_read(
    tree: Tree, commune_officer: User, write: str, given: str | None
) -> None:
    form = make_form(tree)
    draft = submit_values(form, tree.commune, "2026-03", values=GOOD, actor=commune_officer)
    _refused(DRAFT_WRITES[write], draft, given, commune_officer)


@pytest.mark.parametrize("given", [None, "stale"])
@pytest.mark.parametrize("write", list(REVIEW_WRITES))
def test_a_review_needs_the_version_read(
    tree: Tree, commune_officer: User, province_officer: User, write: str, given: str | None
) -> None:
    form = make_form(tree)
    sent = submit_values(
        form, tree.commune, "2026-03", values=GOOD, send=True, actor=commune_officer
    )
    assert sent.status == SubmissionStatus.SUBMITTED
    _refused(REVIEW_WRITES[write], sent, given, province_officer)


def test_an_existing_report_is_not_changed_without_the_version(
    tree: Tree, commune_officer: User
) -> None:
    form = make_form(tree)
    submit_values(form, tree.commune, "2026-03", values=GOOD, actor=commune_officer)
    with pytest.raises(UserError, match="Thiếu phiên bản"):
        submit_values(form, tree.commune, "2026-03", values={"trained": "1"},
                      actor=commune_officer)  # fmt: skip


@pytest.mark.parametrize(("given", "status"), [(None, 400), ("stale", 409)])
def test_the_entry_page_shows_the_refusal(
    tree: Tree, commune_officer: User, given: str | None, status: int
) -> None:
    form = make_form(tree)
    draft = submit_values(form, tree.commune, "2026-03", values=GOOD, actor=commune_officer)
    url = reverse("reporting:entry", args=[form.pk, tree.commune.pk, "2026-03"])
    posted: dict[str, Any] = {"action": "save", "v_trained": "5"}
    if given:
        posted["version"] = draft.version - 1 if draft.version > 1 else draft.version + 1
    before = _state(draft)
    response = signed_in(commune_officer).post(url, posted)
    assert response.status_code == status
    text = response.content.decode()
    assert ("vừa được người khác cập nhật" if given else "Thiếu phiên bản") in text
    assert _state(draft) == before
