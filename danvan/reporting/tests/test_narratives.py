"""A section's texts compiled as a province writes them: by kind of unit, each text once."""

from __future__ import annotations

from types import SimpleNamespace

from danvan.reporting.narratives import compile_narratives


def entry(name: str, kind: str, text: str) -> SimpleNamespace:
    unit = SimpleNamespace(display_name=name, kind=kind)
    return SimpleNamespace(submission=SimpleNamespace(unit=unit), text=text)


def test_identical_texts_are_one_sentence_under_every_name() -> None:
    entries = [entry(f"UBND xã {n}", "commune", "Không có khó khăn, vướng mắc.") for n in range(65)]
    entries.insert(3, entry("UBND xã Riêng", "commune", "Thiếu kinh phí tổ chức đối thoại."))
    entries.append(entry("Sở Nội vụ", "department", "Đã tham mưu ban hành Kế hoạch."))
    # Spacing and a final full stop do not make two texts different.
    entries.append(entry("UBND phường Sông Hiến", "commune", "Không có khó khăn,  vướng mắc"))
    compiled = compile_narratives(entries)
    assert [title for title, _texts in compiled] == [
        "Các sở, ban, ngành",
        "Ủy ban nhân dân các xã, phường",
    ]
    communes = compiled[1][1]
    assert len(communes) == 2
    same = communes[0]
    assert same.text == "Không có khó khăn, vướng mắc."
    # Every unit is named: none left out or summarised as «và N đơn vị khác».
    assert len(same.units) == 66 and same.units[-1] == "UBND phường Sông Hiến"
    assert communes[1].units == ["UBND xã Riêng"]
    assert compiled[0][1][0].units == ["Sở Nội vụ"]
