"""``danvan deadline``: the due date on line 1, the basis on line 2, exit 2 on bad input.

The ``danvan`` command closes the database connections when it ends, so each test runs it once.
"""

from __future__ import annotations

import pytest

from danvan.cli import main

pytestmark = pytest.mark.django_db


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["danvan", "deadline", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_prints_due_date_then_basis(capsys: pytest.CaptureFixture[str]) -> None:
    # 30 days from Monday 12/1/2026 -> Wednesday 11/2/2026.
    code, lines, _ = run(capsys, "complaint.first", "2026-01-12")
    assert code == 0
    assert lines == ["2026-02-11", "Điều 28 Luật Khiếu nại số 02/2011/QH13"]


def test_complex_case_in_a_remote_area_in_vietnamese_date_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 60 days from Monday 12/1/2026 -> Friday 13/3/2026.
    code, lines, _ = run(capsys, "complaint.first", "12/01/2026", "--complex", "--remote")
    assert code == 0
    assert lines[0] == "2026-03-13"


def test_two_extensions(capsys: pytest.CaptureFixture[str]) -> None:
    # 30 + 2 × 30 days from Thursday 1/10/2026 -> Wednesday 30/12/2026.
    code, lines, _ = run(
        capsys, "denunciation.resolve", "2026-10-01", "--especially-complex", "--extensions", "2"
    )
    assert code == 0
    assert lines[:2] == ["2026-12-30", "Điều 30 Luật Tố cáo số 25/2018/QH14"]


def test_two_extensions_of_a_merely_complex_case_are_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, lines, err = run(
        capsys, "denunciation.resolve", "2026-10-01", "--complex", "--extensions", "2"
    )
    assert code == 2
    assert lines == []
    assert "đặc biệt phức tạp (tối đa 2 lần)" in err


def test_verbose_explains_the_count(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(capsys, "petition.handle", "2026-02-12", "-v", "2")
    assert code == 0
    assert lines[0] == "2026-03-05"
    assert "Tết Âm lịch Bính Ngọ" in lines[2]


def test_unknown_rule_lists_valid_ids(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(capsys, "complaint.third", "2026-01-12")
    assert code == 2
    assert lines == []
    assert "Không có quy định thời hạn «complaint.third»" in err
    assert "complaint.filing_limit" in err and "petition.handle" in err


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("2026-13-45", "không tồn tại"),
        ("mai", "không đúng định dạng"),
        ("31/02/2026", "không tồn tại"),
    ],
)
def test_malformed_date(capsys: pytest.CaptureFixture[str], start: str, message: str) -> None:
    code, _, err = run(capsys, "complaint.first", start)
    assert code == 2
    assert message in err


def test_a_third_extension_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(capsys, "denunciation.resolve", "2026-10-01", "--extensions", "3")
    assert code == 2
    assert lines == []
    assert "tối đa 2 lần" in err


def test_extensions_must_be_a_number(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "denunciation.resolve", "2026-10-01", "--extensions", "hai")
    assert code == 2
    assert "số nguyên" in err
