"""``danvan parse`` and ``danvan import``: exit codes and Vietnamese messages, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from danvan.accounts.models import User
from danvan.cli import main
from danvan.documents.models import Document, DocumentStatus
from danvan.documents.tests.registry_support import (
    MALFORMED_IDS,
    PROVINCE_PLAN,
    malformed_files,
    stored_files,
)
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.usefixtures("media")


def test_parse_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["danvan", "parse", str(PROVINCE_PLAN), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["doc"]["number"] == "125/KH-UBND"


def test_parse_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["danvan", "parse", str(PROVINCE_PLAN)]) == 0
    assert "125/KH-UBND" in capsys.readouterr().out


def test_parse_of_an_unreadable_file_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "trong.docx"
    empty.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_:
        main(["danvan", "parse", str(empty)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Tệp rỗng" in err
    assert "Traceback" not in err


@pytest.mark.django_db
def test_import_then_import_again(
    tree: Tree, province_officer: User, capsys: pytest.CaptureFixture[str], media: Path
) -> None:
    args = ["danvan", "import", str(PROVINCE_PLAN), "--unit", "p90", "--user", "tinh.congchuc"]

    assert main(args) == 0
    out = capsys.readouterr().out
    assert "125/KH-UBND" in out
    document = Document.objects.registered().get()
    assert document.status == DocumentStatus.DRAFT
    assert document.owner == tree.province
    assert document.imported_by == province_officer

    assert main(args) == 0
    assert "đã có" in capsys.readouterr().out
    assert Document.objects.registered().count() == 1
    assert len(stored_files(media)) == 1


def test_import_with_confirm_and_without_user(tree: Tree) -> None:
    assert main(["danvan", "import", str(PROVINCE_PLAN), "--unit", "p90", "--confirm"]) == 0
    assert Document.objects.registered().get().status == DocumentStatus.CONFIRMED


@pytest.mark.parametrize("case", MALFORMED_IDS)
def test_import_of_a_malformed_file_exits_2_and_leaves_nothing(
    tree: Tree, tmp_path: Path, media: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    _, filename, content = next(c for c in malformed_files() if c[0] == case)
    path = tmp_path / filename
    path.write_bytes(content)

    assert main(["danvan", "import", str(path), "--unit", "p90"]) == 2

    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ")
    assert "Traceback" not in err
    assert not Document.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--unit", "khong-co"], "Không có đơn vị"),
        (["--unit", "p90", "--user", "khong-ai"], "Không có tài khoản"),
        (["--unit", "p90", "--user", "xa.congchuc"], "không có quyền"),
    ],
)
def test_import_refuses_unknown_units_users_and_missing_rights(
    tree: Tree,
    commune_officer: User,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    assert main(["danvan", "import", str(PROVINCE_PLAN), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not Document.objects.exists()


def test_import_of_a_missing_file(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["danvan", "import", "/khong/co/tep.docx", "--unit", "p90"]) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err
