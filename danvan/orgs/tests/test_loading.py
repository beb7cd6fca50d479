"""Loading real divisions from vietnam-provinces, and history files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from danvan.cli import main
from danvan.orgs.models import OrgUnit, OrgUnitEvent
from danvan.orgs.services import successors_of


@pytest.mark.django_db
def test_load_one_province_creates_its_bodies_and_communes_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["danvan", "orgs", "load", "--province", "cao_bang"]) == 0
    out = capsys.readouterr().out
    assert "province: 1" in out
    assert "commune: 56" in out
    assert "department: 13" in out
    province = OrgUnit.objects.get(key="p04")
    assert province.name == "Ủy ban nhân dân tỉnh Cao Bằng"
    assert OrgUnit.objects.get(key="p04.so-noi-vu").parent == province
    assert (
        OrgUnit.objects.get(key="p04.ban-tgdv").name == "Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng"
    )
    thuc_phan = OrgUnit.objects.get(key="w01273")
    assert thuc_phan.name == "Ủy ban nhân dân phường Thục Phán"
    assert OrgUnit.objects.get(key="w01273.mttq").parent == thuc_phan
    assert list(OrgUnit.objects.search("cao bang").filter(kind="province")) == [province]
    total = OrgUnit.objects.count()

    assert main(["danvan", "orgs", "load", "--province", "cao_bang"]) == 0
    assert "đã tạo mới: 0" in capsys.readouterr().out
    assert OrgUnit.objects.count() == total


@pytest.mark.django_db
def test_unknown_province_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["danvan", "orgs", "load", "--province", "cao_bangg"]) == 2
    err = capsys.readouterr().err
    assert "Không có tỉnh, thành phố nào có mã «cao_bangg»" in err
    assert "cao_bang" in err  # suggests the near match
    assert "Traceback" not in err
    assert not OrgUnit.objects.exists()


HISTORY = """key,name,short_name,kind,code,parent,valid_from,valid_to,successors,event_date,legal_basis
d040,Ủy ban nhân dân thành phố Cao Bằng,UBND TP Cao Bằng,district,040,p04,,2025-06-30,,,Luật số 72/2025/QH15
c01269,Ủy ban nhân dân phường Sông Hiến,,commune,01269,d040,,2025-06-30,w01273,,Nghị quyết số 1657/NQ-UBTVQH15
c01272,Ủy ban nhân dân phường Sông Bằng,,commune,01272,d040,,2025-06-30,w01273,,Nghị quyết số 1657/NQ-UBTVQH15
c01290,Ủy ban nhân dân xã Chia Đôi,,commune,01290,d040,,2025-06-30,w01279;w01288,,Nghị quyết số 1657/NQ-UBTVQH15
"""


@pytest.fixture
def cao_bang(db: None) -> None:
    assert main(["danvan", "orgs", "load", "--province", "cao_bang"]) == 0


def test_history_adds_old_units_and_merge_events(
    cao_bang: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lich-su.csv"
    path.write_text(HISTORY, encoding="utf-8")
    capsys.readouterr()
    assert main(["danvan", "orgs", "load-history", str(path)]) == 0
    assert "đơn vị tạo mới: 4, sự kiện tạo mới: 2" in capsys.readouterr().out
    song_hien = OrgUnit.objects.get(key="c01269")
    assert song_hien.parent is not None and song_hien.parent.key == "d040"
    assert song_hien.valid_to == dt.date(2025, 6, 30)
    assert [u.key for u in successors_of(song_hien)] == ["w01273"]
    merge = OrgUnitEvent.objects.get(kind="merge")
    assert {u.key for u in merge.predecessors.all()} == {"c01269", "c01272"}
    assert merge.effective_on == dt.date(2025, 7, 1)
    split = OrgUnitEvent.objects.get(kind="split")
    assert {u.key for u in split.successors.all()} == {"w01279", "w01288"}
    # Idempotent
    assert main(["danvan", "orgs", "load-history", str(path)]) == 0
    assert "đơn vị tạo mới: 0, sự kiện tạo mới: 0" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "không phải tệp CSV"),
        (b"key;name\nx;y\n", "Tệp thiếu cột"),
        (
            HISTORY.replace("2025-06-30,w01273,,Nghị", "30/6/2025,w01273,,Nghị", 1).encode(),
            "không phải ngày",
        ),
        (HISTORY.replace("w01273", "w99999", 1).encode(), "không tìm thấy đơn vị kế thừa «w99999»"),
        (HISTORY.replace(",district,", ",quan,", 1).encode(), "loại «quan» không hợp lệ"),
        (b"key,name\nT\xean,M\xe3\n", "không được mã hóa UTF-8"),  # Windows-1258 bytes
        ("key,name\nĐà,b\n".encode("utf-16"), "không phải tệp CSV"),
    ],
)
def test_bad_history_file_is_refused_and_nothing_written(
    cao_bang: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    before = OrgUnit.objects.count()
    path = tmp_path / "hong.csv"
    path.write_bytes(content)
    capsys.readouterr()
    assert main(["danvan", "orgs", "load-history", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert OrgUnit.objects.count() == before
    assert not OrgUnitEvent.objects.exists()


def test_missing_history_file(cao_bang: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["danvan", "orgs", "load-history", "/khong/co/tep.csv"]) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err
