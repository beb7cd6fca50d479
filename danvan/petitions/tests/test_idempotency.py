"""A retried intake stores one petition; numbers too large for the register are refused."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from danvan.accounts.services import issue_token
from danvan.core.audit import SYSTEM
from danvan.petitions.models import Petition
from danvan.testing.fixtures import Tree, official

BODY = {
    "title": "Đường liên thôn xuống cấp",
    "content": "Đường bê tông thôn Bản Giới hư hỏng nặng sau mưa.",
    "received_on": "2026-03-02",
    "petitioner_name": "Lục Văn Sáu",
}


@pytest.fixture
def api(tree: Tree) -> tuple[Client, dict[str, str]]:
    officer = official("reception_officer", tree.commune, username="xa.tiepdan")
    _, raw = issue_token(officer, "hệ thống một cửa", actor=SYSTEM)
    return Client(), {"Authorization": f"Bearer {raw}"}


def _post(api: tuple[Client, dict[str, str]], unit: int, key: str | None, **changes: object):  # type: ignore[no-untyped-def]
    client, headers = api
    if key is not None:
        headers = {**headers, "Idempotency-Key": key}
    return client.post(
        "/api/v1/petitions/",
        {**BODY, "handling_unit_id": unit, **changes},
        content_type="application/json",
        headers=headers,
    )


def test_a_retried_post_answers_with_the_first_petition(api, tree: Tree) -> None:  # type: ignore[no-untyped-def]
    first = _post(api, tree.commune.pk, "3f1c2a9e-0d6b-4c1e-9d55-6f7c1b0a2e11")
    again = _post(api, tree.commune.pk, "3f1c2a9e-0d6b-4c1e-9d55-6f7c1b0a2e11")
    assert first.status_code == again.status_code == 201
    assert first.json()["tracking_code"] == again.json()["tracking_code"]
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Petition.objects.count() == 1
    # Without a key, or with another key, each POST is a new petition.
    assert _post(api, tree.commune.pk, None).status_code == 201
    assert _post(api, tree.commune.pk, "another-key").status_code == 201
    assert Petition.objects.count() == 3


def test_the_same_key_for_another_petition_is_a_conflict(api, tree: Tree) -> None:  # type: ignore[no-untyped-def]
    assert _post(api, tree.commune.pk, "k-1").status_code == 201
    clash = _post(api, tree.commune.pk, "k-1", title="Một việc khác hẳn")
    assert clash.status_code == 409 and "khóa mới" in clash.json()["detail"]
    bad = _post(api, tree.commune.pk, "có dấu cách")
    assert bad.status_code == 400 and "Idempotency-Key" in bad.json()["detail"]
    assert Petition.objects.count() == 1


def test_keys_belong_to_their_caller(api, tree: Tree) -> None:  # type: ignore[no-untyped-def]
    other = official("reception_officer", tree.commune, username="xa.tiepdan2")
    _, raw = issue_token(other, "hệ thống khác", actor=SYSTEM)
    assert _post(api, tree.commune.pk, "shared").status_code == 201
    assert (
        _post((Client(), {"Authorization": f"Bearer {raw}"}), tree.commune.pk, "shared").status_code
        == 201
    )
    assert Petition.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_store_one_petition(tree: Tree) -> None:
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("threads cannot share SQLite's in-memory test database")
    officer = official("reception_officer", tree.commune, username="xa.tiepdan3")
    _, raw = issue_token(officer, "song song", actor=SYSTEM)
    codes: list[str] = []

    def send() -> None:
        try:
            response = _post(
                (Client(), {"Authorization": f"Bearer {raw}"}), tree.commune.pk, "race"
            )
            codes.append(response.json().get("tracking_code", response.status_code))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(codes)) == 1 and len(codes) == 6
    assert Petition.objects.filter(intake_key__isnull=False).count() == 1


def test_a_crowd_too_large_for_the_register_is_refused(api, tree: Tree) -> None:  # type: ignore[no-untyped-def]
    response = _post(api, tree.commune.pk, None, crowd_size=65537)
    assert response.status_code in (400, 422)
    assert not Petition.objects.exists()
