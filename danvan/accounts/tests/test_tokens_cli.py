from __future__ import annotations

import pytest
from django.test import Client

from danvan.accounts.models import ApiToken, User
from danvan.cli import main
from danvan.testing.fixtures import Tree


def test_issue_use_and_revoke_a_token_from_the_command_line(
    client: Client, tree: Tree, commune_officer: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["danvan", "tokens", "issue", "xa.congchuc", "một cửa", "--days", "30"]) == 0
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("dv_")
    assert ApiToken.objects.get().key_hash != raw  # only the hash is kept
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/org-units/", headers=headers).json()["count"] == 2
    assert main(["danvan", "tokens", "revoke", raw[:10]]) == 0
    assert client.get("/api/v1/org-units/", headers=headers).status_code == 401


def test_unknown_user_is_a_clear_error(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["danvan", "tokens", "issue", "khong-co", "x"]) == 2
    assert "Không có tài khoản «khong-co»" in capsys.readouterr().err
