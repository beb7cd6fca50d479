"""The audit log: who changed what, when, before and after, and in which request."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.test import Client

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM, history_of
from danvan.orgs.services import create_unit, update_unit
from danvan.testing.fixtures import Tree, signed_in


def test_create_update_delete_are_logged_with_actor_and_values(
    tree: Tree, province_admin: User
) -> None:
    unit = create_unit(
        name="Thôn Nà Rụa",
        kind="village",
        key="w90001.na-rua",
        parent=tree.commune,
        actor=province_admin,
    )
    update_unit(unit, name="Thôn Nà Rụa Mới", actor=province_admin)
    entries = list(history_of(unit))
    assert [e.action for e in entries] == [
        LogEntry.Action.UPDATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.CREATE,
    ]
    rename = entries[0]
    assert rename.actor == province_admin
    assert rename.changes_dict["name"] == ["Thôn Nà Rụa", "Thôn Nà Rụa Mới"]
    pk = unit.pk
    unit.delete()
    deleted = LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE).get()
    assert deleted.changes_dict["name"][0] == "Thôn Nà Rụa Mới"


def test_request_id_is_recorded_on_changes_made_through_the_web(tree: Tree) -> None:
    admin = User.objects.create(username="root", is_superuser=True, is_staff=True)
    client = signed_in(admin)  # a superuser passes the second factor first
    response = client.post(
        f"/admin/orgs/orgunit/{tree.village.pk}/change/",
        {
            "name": "Thôn Bản Giới Mới",
            "short_name": "",
            "code": "",
            "valid_from": "",
            "valid_to": "",
        },
        headers={"X-Request-ID": "req-0123456789abcdef"},
    )
    assert response.status_code == 302, response.content[:500]
    assert response["X-Request-ID"] == "req-0123456789abcdef"
    entry = history_of(tree.village).first()
    assert entry is not None
    assert entry.cid == "req-0123456789abcdef"
    assert entry.actor == admin
    assert entry.changes_dict["name"] == ["Thôn Bản Giới", "Thôn Bản Giới Mới"]


def test_role_assignment_and_password_hash_are_audited_without_secrets(
    tree: Tree, province_officer: User
) -> None:
    user_entries = LogEntry.objects.get_for_object(province_officer)
    assert user_entries.exists()
    for entry in user_entries:
        assert "password" not in (entry.changes_dict or {})
    assignment = province_officer.role_assignments.get()
    assert (
        LogEntry.objects.get_for_object(assignment).filter(action=LogEntry.Action.CREATE).exists()
    )


def test_api_writes_name_the_token_owner_and_leave_no_receivers_behind(tree: Tree) -> None:
    """django-auditlog's own middleware leaked one signal receiver per request whose service
    named its actor (jazzband/django-auditlog#846); ours keeps the receivers as they were."""
    import datetime as dt

    from django.db.models.signals import pre_save

    from danvan.accounts.services import issue_token
    from danvan.petitions.models import Petition
    from danvan.testing.fixtures import official

    receiver = official("reception_officer", tree.commune, username="xa.tiepdan")
    _, raw = issue_token(receiver, "tích hợp", actor=SYSTEM)
    client = Client()
    headers = {"Authorization": f"Bearer {raw}", "X-Request-ID": "req-api-0000000001"}
    body = {
        "handling_unit_id": tree.commune.pk,
        "title": "Đường liên thôn xuống cấp",
        "content": "Đường bê tông thôn Bản Giới hư hỏng nặng sau mưa.",
        "received_on": dt.date(2026, 3, 2).isoformat(),
        "petitioner_name": "Lục Văn Sáu",
    }
    before = len(pre_save.receivers)
    for _ in range(3):
        response = client.post(
            "/api/v1/petitions/", body, content_type="application/json", headers=headers
        )
        assert response.status_code == 201, response.content
    assert len(pre_save.receivers) == before
    entry = history_of(Petition.objects.latest("pk")).get()
    assert entry.actor == receiver
    assert entry.cid == "req-api-0000000001"
    assert entry.remote_addr == "127.0.0.1"
