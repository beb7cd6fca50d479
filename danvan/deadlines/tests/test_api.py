"""The deadlines API: public legal facts for any authenticated caller, Vietnamese errors."""

from __future__ import annotations

from django.test import Client
from pytest_django import DjangoAssertNumQueries

from danvan.accounts.models import User
from danvan.accounts.services import issue_token


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(user, 'tích hợp thời hạn')[1]}"}


def test_anonymous_callers_are_refused(db: None) -> None:
    assert Client().get("/api/v1/deadlines/rules").status_code == 401
    response = Client().get("/api/v1/deadlines/compute?rule=complaint.first&start=2026-01-12")
    assert response.status_code == 401


def test_rules_are_listed_with_their_basis(
    commune_officer: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    headers = bearer(commune_officer)
    with django_assert_max_num_queries(4):  # token lookup, its owner, last use, the rules
        response = Client().get("/api/v1/deadlines/rules", headers=headers)
    assert response.status_code == 200
    rules = {r["rule_id"]: r for r in response.json()}
    assert set(rules) >= {
        "complaint.filing_limit",
        "complaint.accept",
        "complaint.first",
        "complaint.second",
        "denunciation.resolve",
        "petition.handle",
    }
    assert rules["complaint.first"]["remote_complex_duration"] == 60
    assert rules["petition.handle"]["unit"] == "working_day"
    assert rules["denunciation.resolve"]["legal_basis"] == "Điều 30 Luật Tố cáo số 25/2018/QH14"


def test_rules_in_force_on_a_day(commune_officer: User) -> None:
    # Luật Tố cáo 2018 is in force from 1/1/2019: on 31/12/2018 its rule is not listed.
    response = Client().get(
        "/api/v1/deadlines/rules?on=2018-12-31", headers=bearer(commune_officer)
    )
    assert "denunciation.resolve" not in {r["rule_id"] for r in response.json()}
    assert "complaint.first" in {r["rule_id"] for r in response.json()}


def test_compute_is_the_same_for_callers_of_any_province(
    commune_officer: User, outsider: User
) -> None:
    url = "/api/v1/deadlines/compute?rule=complaint.first&start=2026-01-12&complex=true"
    for user in (commune_officer, outsider):
        response = Client().get(url, headers=bearer(user))
        assert response.status_code == 200
        body = response.json()
        # 45 days from Monday 12/1/2026 -> Thursday 26/2/2026.
        assert body["due_date"] == "2026-02-26"
        assert body["basis"] == "Điều 28 Luật Khiếu nại số 02/2011/QH13"
        assert body["days"] == 45
        assert "Điều 147" in body["explanation"]


def test_bad_input_is_a_400_in_vietnamese(commune_officer: User) -> None:
    headers = bearer(commune_officer)
    bad_date = Client().get(
        "/api/v1/deadlines/compute?rule=complaint.first&start=12-01-2026", headers=headers
    )
    assert bad_date.status_code == 400
    assert "không đúng định dạng" in bad_date.json()["detail"]
    too_many = Client().get(
        "/api/v1/deadlines/compute?rule=denunciation.resolve&start=2026-10-01&extensions=3",
        headers=headers,
    )
    assert too_many.status_code == 400
    assert "tối đa 2 lần" in too_many.json()["detail"]
    unknown = Client().get("/api/v1/deadlines/compute?rule=nope&start=2026-10-01", headers=headers)
    assert unknown.status_code == 400
    assert "petition.handle" in unknown.json()["detail"]
